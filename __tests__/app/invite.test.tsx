/**
 * 输入邀请码: the code is read forgivingly (case, spaces, dashes), each refusal says in Chinese what to do
 * next on the page itself, and an accepted code shows the role and unit taken and where to go now.
 */
import './taro-h5'
import { setPageParams } from './page-hooks'
import Taro from '@tarojs/taro'
import { act } from 'react'
import type { Me } from '@yishi/types'
import { fakeServer } from './fake-server'
import { resident, setUpScreen } from './screen'
import { takeAfterLogin, useSession } from '@/accounts/session'
import { groupCode, normaliseCode } from '@/invitations/api'
import InvitePage from '@/more/invite/index'

const screen = setUpScreen(resident)

const type = (value: string) =>
  act(() => void screen.container.querySelector('.invite-code')!.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true })))

const moderatorNow: Me = { ...resident, roles: [{ role: 'moderator', unitId: 2, unitName: '梧桐居民区', unitLevel: 'neighbourhood' }] }

test('a code is read whatever its case, spaces and dashes', () => {
  expect(normaliseCode(' k7qm - 3xpa ')).toBe('K7QM3XPA')
  expect(normaliseCode('k7qm—3xpa')).toBe('K7QM3XPA')
  expect(groupCode('k7qm3xpa')).toBe('K7QM-3XPA')
})

test('an expired code says to ask for a new one, on the page', async () => {
  const server = fakeServer({
    'POST /api/invitations/accept': () => [410, { error: { code: 'invitation_expired', message: '这个邀请码已过期' } }],
  })
  await act(async () => screen.root.render(<InvitePage />))
  await screen.tap('.btn', '接受邀请')
  expect(screen.find('.field__error', '请输入邀请码')).toBeTruthy()
  expect(server.calls).toEqual([])

  type('k7qm 3xpa')
  await screen.tap('.btn', '接受邀请')
  expect(server.calls.map((c) => c.data)).toEqual([{ code: 'K7QM3XPA' }])
  expect(screen.find('.invite-error', '').textContent).toBe('邀请码已过期，请联系发出邀请的工作人员重新生成')
  expect(screen.toast).not.toHaveBeenCalled()
})

test('a code from the link, accepted, shows the role and unit, updates who I am and leads to the committee’s 首页', async () => {
  const server = fakeServer({ 'POST /api/invitations/accept': () => moderatorNow })
  const toTab = jest.spyOn(Taro, 'switchTab').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
  setPageParams({ code: 'k7qm-3xpa' })
  await act(async () => screen.root.render(<InvitePage />))
  await screen.tap('.btn', '接受邀请')
  expect(server.calls.map((c) => c.data)).toEqual([{ code: 'K7QM3XPA' }])
  expect(screen.find('.invite-done', '').textContent).toContain('居委会 · 梧桐居民区')
  expect(useSession.getState().me?.roles).toEqual(moderatorNow.roles)
  await screen.tap('.btn', '居委会工作台')
  expect(toTab).toHaveBeenCalledWith({ url: '/pages/home/index' })
})

test('a link followed while signed out comes back to this page, with its code, once signed in', async () => {
  fakeServer({})
  jest.spyOn(Taro, 'reLaunch').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
  useSession.setState({ token: null, expiresAt: null, me: null })
  setPageParams({ code: 'K7QM-3XPA' })
  await act(async () => screen.root.render(<InvitePage />))
  expect(takeAfterLogin()).toBe('/more/invite/index?code=K7QM-3XPA')
  expect(takeAfterLogin()).toBeNull()
})

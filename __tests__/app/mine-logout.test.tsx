/**
 * 我的 → 退出所有设备: asked first; the server ends every session, then this device forgets its own
 * and goes back to the login screen. If the server could not, the person stays signed in here.
 */
import './taro-h5'
import './page-hooks'
import { createRoot, type Root } from './dom'
import { fakeServer } from './fake-server'
import Taro from '@tarojs/taro'
import { act } from 'react'
import type { Me } from '@yishi/types'
import { usePrivacy } from '@/accounts/privacy'
import { PRIVACY_VERSION } from '@/accounts/privacyText'
import { LOGIN_PAGE, useSession } from '@/accounts/session'
import MinePage from '@/pages/mine/index'

let container: HTMLDivElement
let root: Root
let modal: jest.SpyInstance
let relaunch: jest.SpyInstance
let restore: () => void = () => undefined

const resident: Me = { id: 5, label: '3号楼居民', roles: [], residence: null, verified: false, privacyAcceptedAt: '2026-01-01T00:00:00Z' }

beforeEach(() => {
  container = document.createElement('div')
  document.body.appendChild(container)
  root = createRoot(container)
  usePrivacy.setState({ agreedAt: '2026-01-01T00:00:00Z', agreedVersion: PRIVACY_VERSION, wechatAsking: false })
  useSession.setState({ token: 'tok', expiresAt: '2999-01-01T00:00:00Z', me: resident })
  jest.spyOn(Taro, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
  modal = jest.spyOn(Taro, 'showModal').mockImplementation(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'ok' } as Taro.showModal.SuccessCallbackResult))
  relaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
})
afterEach(() => {
  act(() => root.unmount())
  container.remove()
  restore()
  jest.restoreAllMocks()
})

async function tapLogoutAll(answer: unknown) {
  const server = fakeServer({
    'GET /api/me': () => resident,
    'GET /api/proposals': () => ({ items: [], nextCursor: null }),
    'POST /api/auth/logout-all': () => answer,
  })
  restore = server.restore
  await act(async () => root.render(<MinePage />))
  const button = [...container.querySelectorAll('.btn')].find((b) => b.textContent === '退出所有设备') as HTMLElement
  await act(async () => button.click())
  return server
}

test('asked first, then every session ends and this device goes back to the login screen', async () => {
  modal.mockImplementationOnce(() => Promise.resolve({ confirm: false, cancel: true, errMsg: 'ok' }))
  const server = await tapLogoutAll({ ok: true })
  expect(server.calls.some((c) => c.path === '/api/auth/logout-all')).toBe(false)
  expect(useSession.getState().token).toBe('tok')

  const button = [...container.querySelectorAll('.btn')].find((b) => b.textContent === '退出所有设备') as HTMLElement
  await act(async () => button.click())
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '退出所有设备' }))
  expect(server.calls.filter((c) => c.path === '/api/auth/logout-all').map((c) => c.method)).toEqual(['POST'])
  expect(useSession.getState().token).toBeNull()
  expect(relaunch).toHaveBeenCalledWith({ url: LOGIN_PAGE })
})

test('when the server could not sign out everywhere, this device stays signed in', async () => {
  await tapLogoutAll([500, { error: { code: 'internal', message: '服务暂时不可用，请稍后重试' } }])
  expect(useSession.getState().token).toBe('tok')
  expect(relaunch).not.toHaveBeenCalled()
})

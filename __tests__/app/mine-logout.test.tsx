/**
 * 我的 → 退出所有设备: asked first; the server ends every session, then this device forgets its own
 * and goes back to the login screen. If the server could not, the person stays signed in here.
 */
import './taro-h5'
import './page-hooks'
import { fakeServer } from './fake-server'
import { resident, setUpScreen } from './screen'
import Taro from '@tarojs/taro'
import { act } from 'react'
import { LOGIN_PAGE, useSession } from '@/accounts/session'
import MinePage from '@/pages/mine/index'

const screen = setUpScreen(resident)
let relaunch: jest.SpyInstance
beforeEach(() => {
  relaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
})

async function tapLogoutAll(answer: unknown) {
  const server = fakeServer({
    'GET /api/me': () => resident,
    'GET /api/proposals': () => ({ items: [], nextCursor: null }),
    'POST /api/auth/logout-all': () => answer,
  })
  await act(async () => screen.root.render(<MinePage />))
  await screen.tap('.btn', '退出所有设备')
  return server
}

test('asked first, then every session ends and this device goes back to the login screen', async () => {
  screen.declineNext()
  const server = await tapLogoutAll({ ok: true })
  expect(server.calls.some((c) => c.path === '/api/auth/logout-all')).toBe(false)
  expect(useSession.getState().token).toBe('tok')

  await screen.tap('.btn', '退出所有设备')
  expect(screen.modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '退出所有设备' }))
  expect(server.calls.filter((c) => c.path === '/api/auth/logout-all').map((c) => c.method)).toEqual(['POST'])
  expect(useSession.getState().token).toBeNull()
  expect(relaunch).toHaveBeenCalledWith({ url: LOGIN_PAGE })
})

test('when the server could not sign out everywhere, this device stays signed in', async () => {
  await tapLogoutAll([500, { error: { code: 'internal', message: '服务暂时不可用，请稍后重试' } }])
  expect(useSession.getState().token).toBe('tok')
  expect(relaunch).not.toHaveBeenCalled()
})

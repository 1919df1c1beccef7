import Taro from '@tarojs/taro'
import type { Session } from '@yishi/types'
import { accountsApi } from './api'
import { HOME_PAGE, LOGIN_PAGE, takeAfterLogin, useSession } from './session'
import { syncPrivacyToServer } from './privacy'

// Login and logout. The mini-program logs in with WeChat (Taro.login gives a one-time code that the
// server exchanges for the openid); the H5 build, when the server runs with AUTH_MODE=dev, offers
// the demo accounts instead.

async function finish(session: Session): Promise<void> {
  useSession.getState().signIn(session)
  await syncPrivacyToServer()
  await Taro.switchTab({ url: HOME_PAGE })
  const next = takeAfterLogin()
  if (next) await Taro.navigateTo({ url: next })
}

export async function loginWithDevUser(userId: number): Promise<void> {
  await finish(await accountsApi.devLogin(userId))
}

export async function loginWithWechat(): Promise<void> {
  const { code } = await Taro.login()
  if (!code) {
    Taro.showToast({ title: '微信登录失败，请重试', icon: 'none' })
    throw new Error('no login code')
  }
  await finish(await accountsApi.wechatLogin(code))
}

async function leave(): Promise<void> {
  useSession.getState().clear()
  await Taro.reLaunch({ url: LOGIN_PAGE })
}

export async function logout(): Promise<void> {
  // Ending the session on the server is best effort; locally it ends either way.
  await accountsApi.logout().catch(() => undefined)
  await leave()
}

/** Signs out on every device (a lost or shared phone): this one leaves only once the server has done it. */
export async function logoutEverywhere(): Promise<void> {
  await accountsApi.logoutAll()
  await leave()
}

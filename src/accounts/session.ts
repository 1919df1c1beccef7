import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Me, Session } from '@yishi/types'
import { persistStorage } from '@/shared/storage'
import { configureRequest } from '@/shared/request'

// Who is logged in: the opaque session token and the user as /api/me last described them.
// Persisted, so a returning user sees their page at once while /api/me refreshes it.

export const LOGIN_PAGE = '/pages/login/index'
export const HOME_PAGE = '/pages/home/index'

interface SessionState {
  token: string | null
  expiresAt: string | null
  me: Me | null
  signIn(session: Session): void
  setMe(me: Me): void
  clear(): void
}

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      token: null,
      expiresAt: null,
      me: null,
      signIn: (session) => set({ token: session.token, expiresAt: session.expiresAt, me: session.user }),
      setMe: (me) => set({ me }),
      clear: () => set({ token: null, expiresAt: null, me: null }),
    }),
    {
      name: 'yishi.session',
      version: 1,
      storage: persistStorage<Pick<SessionState, 'token' | 'expiresAt' | 'me'>>(),
      partialize: (s) => ({ token: s.token, expiresAt: s.expiresAt, me: s.me }),
    },
  ),
)

/** A token that exists and has not passed its expiry. */
export function hasLiveSession(state: Pick<SessionState, 'token' | 'expiresAt'> = useSession.getState()): boolean {
  if (!state.token) return false
  if (!state.expiresAt) return true
  const t = Date.parse(state.expiresAt)
  return Number.isNaN(t) || t > Date.now()
}

/** Whether the user moderates a 居民区 or administers a 街镇. */
export function isCommittee(me: Me | null): boolean {
  return !!me && me.roles.some((r) => r.role === 'moderator' || r.role === 'admin')
}

const AFTER_LOGIN_KEY = 'yishi.afterLogin'

/** A page to open once signed in: an invitation link followed while signed out keeps its code. */
export function openAfterLogin(url: string): void {
  Taro.setStorageSync(AFTER_LOGIN_KEY, url)
}

/** The page to open after signing in, once (then forgotten), or null. */
export function takeAfterLogin(): string | null {
  const url: unknown = Taro.getStorageSync(AFTER_LOGIN_KEY)
  if (!url) return null
  Taro.removeStorageSync(AFTER_LOGIN_KEY)
  return typeof url === 'string' ? url : null
}

let redirecting = false

/** Leave for the login page (once, even if several requests fail with 401 together). */
export function goToLogin(): void {
  if (redirecting) return
  redirecting = true
  Taro.reLaunch({ url: LOGIN_PAGE }).finally(() => {
    redirecting = false
  })
}

/** Connect the request client to this store: bearer token in, 401 → signed out. */
export function installSessionHooks(): void {
  configureRequest({
    getToken: () => useSession.getState().token,
    onUnauthorized: () => {
      useSession.getState().clear()
      goToLogin()
    },
  })
}

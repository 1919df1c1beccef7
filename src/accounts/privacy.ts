import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { persistStorage } from '@/shared/storage'
import { isWeapp } from '@/shared/env'
import { accountsApi } from './api'
import { PRIVACY_VERSION } from './privacyText'
import { useSession } from './session'

// Agreement to the privacy notice. Agreed once on this device before anything else (stored
// locally, since there is no account yet), then recorded on the server after login.
// In the mini-program the same button also answers WeChat's own privacy authorization
// (__usePrivacyCheck__): it is an open-type="agreePrivacyAuthorization" button, and when a
// privacy-protected API asks (wx.onNeedPrivacyAuthorization) the notice is shown again.

export const AGREE_BUTTON_ID = 'agree-privacy'

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

interface PrivacyState {
  /** When this device agreed, ISO time; null until agreed. */
  agreedAt: string | null
  agreedVersion: number | null
  /** WeChat asked for authorization (a privacy API is waiting on the answer). */
  wechatAsking: boolean
  agree(): void
  /** The user declined WeChat's request. */
  decline(): void
}

let pendingResolve: Resolve | null = null

export const usePrivacy = create<PrivacyState>()(
  persist(
    (set) => ({
      agreedAt: null,
      agreedVersion: null,
      wechatAsking: false,
      agree: () => {
        if (pendingResolve) {
          pendingResolve({ event: 'agree', buttonId: AGREE_BUTTON_ID })
          pendingResolve = null
        }
        set({ agreedAt: new Date().toISOString(), agreedVersion: PRIVACY_VERSION, wechatAsking: false })
        void syncPrivacyToServer()
      },
      decline: () => {
        if (pendingResolve) {
          pendingResolve({ event: 'disagree' })
          pendingResolve = null
        }
        set({ wechatAsking: false })
      },
    }),
    {
      name: 'yishi.privacy',
      version: 1,
      storage: persistStorage<Pick<PrivacyState, 'agreedAt' | 'agreedVersion'>>(),
      partialize: (s) => ({ agreedAt: s.agreedAt, agreedVersion: s.agreedVersion }),
    },
  ),
)

/** Whether the current notice has been agreed on this device. */
export function hasAgreedPrivacy(state: Pick<PrivacyState, 'agreedAt' | 'agreedVersion'> = usePrivacy.getState()): boolean {
  return !!state.agreedAt && state.agreedVersion === PRIVACY_VERSION
}

let syncing: Promise<void> | null = null

/** After login: if this device agreed but the server has no record, tell the server. */
export function syncPrivacyToServer(): Promise<void> {
  const { token, me } = useSession.getState()
  if (!token || !me || me.privacyAcceptedAt || !hasAgreedPrivacy()) return Promise.resolve()
  if (!syncing) {
    syncing = accountsApi
      .acceptPrivacy()
      .then((updated) => useSession.getState().setMe(updated))
      .catch(() => undefined) // Tried again at the next launch or login.
      .finally(() => {
        syncing = null
      })
  }
  return syncing
}

interface WechatPrivacyApi {
  onNeedPrivacyAuthorization?: (listener: (resolve: Resolve) => void) => void
}
declare const wx: WechatPrivacyApi | undefined

/** weapp only: show the notice whenever WeChat needs the user's privacy authorization. */
export function installWechatPrivacyHook(): void {
  if (!isWeapp || typeof wx === 'undefined' || !wx || typeof wx.onNeedPrivacyAuthorization !== 'function') return
  wx.onNeedPrivacyAuthorization((resolve) => {
    pendingResolve = resolve
    usePrivacy.setState({ wechatAsking: true })
  })
}

/** Tell WeChat the notice is on screen (only while it is waiting for an answer). */
export function reportPrivacyExposure(): void {
  if (pendingResolve) pendingResolve({ event: 'exposureAuthorization' })
}

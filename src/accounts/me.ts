import { create } from 'zustand'
import type { Me } from '@yishi/types'
import { accountsApi } from './api'
import { useSession } from './session'
import { syncPrivacyToServer } from './privacy'

// The logged-in user. The value itself lives in the (persisted) session store so it shows at once
// on launch; this store tracks refreshing it from GET /api/me.

interface MeState {
  loading: boolean
  refresh(): Promise<Me | null>
}

let inflight: Promise<Me | null> | null = null

export const useMeStore = create<MeState>()((set) => ({
  loading: false,
  refresh: () => {
    if (!useSession.getState().token) return Promise.resolve(null)
    if (inflight) return inflight
    set({ loading: true })
    inflight = accountsApi
      .me()
      .then((me) => {
        useSession.getState().setMe(me)
        void syncPrivacyToServer()
        return me
      })
      .catch(() => useSession.getState().me)
      .finally(() => {
        inflight = null
        set({ loading: false })
      })
    return inflight
  },
}))

/** The logged-in user (cached), or null. */
export function useMe(): Me | null {
  return useSession((s) => s.me)
}

import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { notificationsApi } from './api'

/** Where 我的 sits in the tab bar (app.config.ts): the unread count shows on it. */
export const MINE_TAB_INDEX = 4

/** What the tab's badge says: nothing at zero, the count, 99+ above that. */
export function badgeText(count: number): string | null {
  if (!(count > 0)) return null
  return count > 99 ? '99+' : String(Math.floor(count))
}

interface UnreadState {
  /** Unread 消息, as last heard from the server. */
  count: number
  set(count: number): void
  /** Ask the server again (quietly: a failure keeps the last count). */
  refresh(): Promise<void>
}

export const useUnread = create<UnreadState>()((set) => ({
  count: 0,
  set: (count) => set({ count }),
  refresh: async () => {
    const count = await notificationsApi.unread().catch(() => null)
    if (count !== null) set({ count })
  },
}))

/** Keeps the 我的 tab's badge at the unread count. Off a tab page the call may fail: the next change retries. */
export function syncTabBadge(count: number): void {
  const text = badgeText(count)
  const done = text ? Taro.setTabBarBadge({ index: MINE_TAB_INDEX, text }) : Taro.removeTabBarBadge({ index: MINE_TAB_INDEX })
  void Promise.resolve(done).catch(() => undefined)
}

/** From now on the tab bar follows the unread count. */
export function installTabBadge(): () => void {
  syncTabBadge(useUnread.getState().count)
  return useUnread.subscribe((s, before) => {
    if (s.count !== before.count) syncTabBadge(s.count)
  })
}

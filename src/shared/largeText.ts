import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { persistStorage } from './storage'

// 大字模式 (large text). The user's own choice wins; until they choose, it follows the phone:
// on when WeChat reports an enlarged system font (fontSizeScaleFactor > 1). H5 reports no factor,
// so there it starts off.

/** Whether the system font is enlarged. Never throws; false when the platform does not say. */
export function systemPrefersLargeText(): boolean {
  try {
    const info = Taro.getSystemInfoSync() as unknown as { fontSizeScaleFactor?: unknown }
    const factor = info ? info.fontSizeScaleFactor : undefined
    return typeof factor === 'number' && factor > 1
  } catch {
    return false
  }
}

/** The rule: an explicit choice (true/false) wins, otherwise the system setting. */
export function resolveLargeText(choice: boolean | null | undefined, systemLarge: boolean): boolean {
  return typeof choice === 'boolean' ? choice : systemLarge
}

interface LargeTextState {
  /** null until the user flips the switch. */
  choice: boolean | null
  setLarge(on: boolean): void
  resetToSystem(): void
}

export const useLargeTextSetting = create<LargeTextState>()(
  persist(
    (set) => ({
      choice: null,
      setLarge: (on) => set({ choice: on }),
      resetToSystem: () => set({ choice: null }),
    }),
    {
      name: 'yishi.largeText',
      version: 1,
      storage: persistStorage<Pick<LargeTextState, 'choice'>>(),
      partialize: (s) => ({ choice: s.choice }),
    },
  ),
)

let systemLarge: boolean | undefined

function cachedSystemLarge(): boolean {
  if (systemLarge === undefined) systemLarge = systemPrefersLargeText()
  return systemLarge
}

/** For tests: forget the cached system answer. */
export function resetSystemLargeTextCache(): void {
  systemLarge = undefined
}

/** Whether 大字模式 is on now (outside React). */
export function isLargeText(): boolean {
  return resolveLargeText(useLargeTextSetting.getState().choice, cachedSystemLarge())
}

/** Whether 大字模式 is on (React hook; re-renders when the setting changes). */
export function useLargeText(): boolean {
  const choice = useLargeTextSetting((s) => s.choice)
  return resolveLargeText(choice, cachedSystemLarge())
}

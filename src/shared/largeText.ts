import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { persistStorage } from './storage'

// 大字模式 (large text). The user's own choice wins; until they choose, it follows the phone:
// on when WeChat reports an enlarged system font (fontSizeScaleFactor > 1). A browser reports no
// factor; there the default text size the reader set (what `font-size: medium` comes to, 16px unless
// enlarged) says it.

/** Whether the system font is enlarged. Never throws; false when the platform does not say. */
export function systemPrefersLargeText(): boolean {
  try {
    const info = Taro.getSystemInfoSync() as unknown as { fontSizeScaleFactor?: unknown }
    const factor = info ? info.fontSizeScaleFactor : undefined
    if (typeof factor === 'number') return factor > 1
    return browserDefaultTextPx() > BROWSER_DEFAULT_TEXT_PX
  } catch {
    return false
  }
}

const BROWSER_DEFAULT_TEXT_PX = 16

/** The browser's default text size in px; NaN where there is no document (the mini-program). */
function browserDefaultTextPx(): number {
  if (typeof document === 'undefined' || !document.body) return NaN
  const probe = document.createElement('div')
  probe.style.fontSize = 'medium'
  document.body.appendChild(probe)
  const px = parseFloat(getComputedStyle(probe).fontSize)
  probe.remove()
  return px
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

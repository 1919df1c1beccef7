/** 大字模式: the user's choice wins; otherwise on when the system font is enlarged. */
import './taro-h5'
import Taro from '@tarojs/taro'
import {
  isLargeText,
  resetSystemLargeTextCache,
  resolveLargeText,
  systemPrefersLargeText,
  useLargeTextSetting,
} from '@/shared/largeText'

function mockSystem(info: Record<string, unknown> | Error) {
  jest.spyOn(Taro, 'getSystemInfoSync').mockImplementation(() => {
    if (info instanceof Error) throw info
    return info as unknown as ReturnType<typeof Taro.getSystemInfoSync>
  })
}

beforeEach(() => {
  jest.restoreAllMocks()
  resetSystemLargeTextCache()
  useLargeTextSetting.setState({ choice: null })
})

test('the rule: an explicit choice wins over the system, null follows the system', () => {
  expect(resolveLargeText(null, true)).toBe(true)
  expect(resolveLargeText(null, false)).toBe(false)
  expect(resolveLargeText(undefined, true)).toBe(true)
  expect(resolveLargeText(false, true)).toBe(false)
  expect(resolveLargeText(true, false)).toBe(true)
})

test('system font scale above 1 means large', () => {
  mockSystem({ fontSizeScaleFactor: 1.25 })
  expect(systemPrefersLargeText()).toBe(true)
})

test('scale 1, missing (H5) or a thrown error means normal', () => {
  mockSystem({ fontSizeScaleFactor: 1 })
  expect(systemPrefersLargeText()).toBe(false)
  mockSystem({})
  expect(systemPrefersLargeText()).toBe(false)
  mockSystem({ fontSizeScaleFactor: '1.3' })
  expect(systemPrefersLargeText()).toBe(false)
  mockSystem(new Error('not supported'))
  expect(systemPrefersLargeText()).toBe(false)
})

test('on by default with a large system font until the user turns it off', () => {
  mockSystem({ fontSizeScaleFactor: 1.4 })
  expect(isLargeText()).toBe(true)
  useLargeTextSetting.getState().setLarge(false)
  expect(isLargeText()).toBe(false)
  useLargeTextSetting.getState().resetToSystem()
  expect(isLargeText()).toBe(true)
})

test('off by default with a normal font; the switch turns it on and it is persisted', () => {
  mockSystem({ fontSizeScaleFactor: 1 })
  expect(isLargeText()).toBe(false)
  useLargeTextSetting.getState().setLarge(true)
  expect(isLargeText()).toBe(true)
  expect(JSON.parse(Taro.getStorageSync('yishi.largeText')).state).toEqual({ choice: true })
})

test('in a browser (no factor), an enlarged default text size means large', () => {
  mockSystem({})
  const computed = window.getComputedStyle
  const defaultSize = (px: string) =>
    jest.spyOn(window, 'getComputedStyle').mockImplementation((el, pseudo) => (el instanceof HTMLElement && el.style.fontSize === 'medium' ? ({ fontSize: px } as CSSStyleDeclaration) : computed(el, pseudo)))
  defaultSize('20px')
  expect(systemPrefersLargeText()).toBe(true)
  defaultSize('16px')
  expect(systemPrefersLargeText()).toBe(false)
  expect(document.body.children).toHaveLength(0) // the probe is gone
})

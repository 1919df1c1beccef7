import Taro from '@tarojs/taro'
import { createJSONStorage, type StateStorage } from 'zustand/middleware'

/**
 * zustand's StateStorage over Taro's synchronous storage (wx storage in the mini-program,
 * localStorage in H5). Taro.getStorageSync returns '' for a key that was never written;
 * zustand expects null for "nothing stored", so '' (and undefined) become null.
 */
export const taroStorage: StateStorage = {
  getItem(name) {
    try {
      const value: unknown = Taro.getStorageSync(name)
      if (value === '' || value === undefined || value === null) return null
      return typeof value === 'string' ? value : JSON.stringify(value)
    } catch {
      return null
    }
  },
  setItem(name, value) {
    try {
      Taro.setStorageSync(name, value)
    } catch {
      // Storage full or unavailable: the state still lives in memory for this session.
    }
  },
  removeItem(name) {
    try {
      Taro.removeStorageSync(name)
    } catch {
      // Nothing to do.
    }
  },
}

/** The JSON storage every persisted store uses. */
export function persistStorage<S>() {
  return createJSONStorage<S>(() => taroStorage)
}

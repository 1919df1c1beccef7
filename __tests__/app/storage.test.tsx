/**
 * The Taro storage adapter under zustand persist: a missing key reads as '' from
 * Taro.getStorageSync and must come back as null.
 */
import './taro-h5'
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { persistStorage, taroStorage } from '@/shared/storage'

beforeEach(() => {
  Taro.clearStorageSync()
  jest.restoreAllMocks()
})

test('a key that was never written reads as null, not ""', () => {
  expect(Taro.getStorageSync('never-written')).toBe('')
  expect(taroStorage.getItem('never-written')).toBeNull()
})

test('"" from getStorageSync is null even when the platform returns it directly', () => {
  jest.spyOn(Taro, 'getStorageSync').mockReturnValue('')
  expect(taroStorage.getItem('x')).toBeNull()
})

test('a stored string round-trips; remove makes it null again', () => {
  taroStorage.setItem('k', '{"state":{"a":1},"version":0}')
  expect(taroStorage.getItem('k')).toBe('{"state":{"a":1},"version":0}')
  taroStorage.removeItem('k')
  expect(taroStorage.getItem('k')).toBeNull()
})

test('a non-string value written by other code comes back as JSON text', () => {
  Taro.setStorageSync('obj', { state: { a: 2 }, version: 0 })
  expect(JSON.parse(taroStorage.getItem('obj') as string)).toEqual({ state: { a: 2 }, version: 0 })
})

test('a storage failure does not throw', () => {
  jest.spyOn(Taro, 'getStorageSync').mockImplementation(() => {
    throw new Error('boom')
  })
  jest.spyOn(Taro, 'setStorageSync').mockImplementation(() => {
    throw new Error('full')
  })
  expect(taroStorage.getItem('x')).toBeNull()
  expect(() => taroStorage.setItem('x', 'y')).not.toThrow()
})

test('a persisted zustand store starts from defaults with empty storage and restores what it saved', () => {
  interface S {
    n: number
    inc(): void
  }
  const make = () =>
    create<S>()(
      persist((set) => ({ n: 0, inc: () => set((s) => ({ n: s.n + 1 })) }), {
        name: 'test.counter',
        storage: persistStorage<S>(),
      }),
    )
  const first = make()
  expect(first.getState().n).toBe(0)
  first.getState().inc()
  first.getState().inc()
  const second = make()
  expect(second.getState().n).toBe(2)
})

/** News on the tab bar: the 我的 tab carries the unread count, refreshed from the server, cleared at zero. */
import './taro-h5'
import Taro from '@tarojs/taro'
import { badgeText, installTabBadge, MINE_TAB_INDEX, useUnread } from '@/notifications/unread'
import { fakeServer } from './fake-server'

let setBadge: jest.SpyInstance
let removeBadge: jest.SpyInstance

beforeEach(() => {
  jest.restoreAllMocks()
  useUnread.setState({ count: 0 })
  setBadge = jest.spyOn(Taro, 'setTabBarBadge').mockImplementation((() => Promise.resolve({ errMsg: 'ok' })) as unknown as typeof Taro.setTabBarBadge)
  removeBadge = jest.spyOn(Taro, 'removeTabBarBadge').mockImplementation((() => Promise.resolve({ errMsg: 'ok' })) as unknown as typeof Taro.removeTabBarBadge)
})

test('the badge says the count, 99+ above that, and nothing at zero', () => {
  expect(badgeText(0)).toBeNull()
  expect(badgeText(-1)).toBeNull()
  expect(badgeText(Number.NaN)).toBeNull()
  expect(badgeText(1)).toBe('1')
  expect(badgeText(99)).toBe('99')
  expect(badgeText(100)).toBe('99+')
})

test('the 我的 tab follows the count: set when there is news, removed once it is read', async () => {
  const stop = installTabBadge()
  expect(removeBadge).toHaveBeenLastCalledWith({ index: MINE_TAB_INDEX })

  fakeServer({ 'GET /api/notifications': () => ({ items: [], nextCursor: null, unread: 3 }) })
  await useUnread.getState().refresh()
  expect(useUnread.getState().count).toBe(3)
  expect(setBadge).toHaveBeenLastCalledWith({ index: MINE_TAB_INDEX, text: '3' })

  useUnread.getState().set(0) // read on the 消息 page
  expect(removeBadge).toHaveBeenCalledTimes(2)

  stop()
  useUnread.getState().set(5)
  expect(setBadge).toHaveBeenCalledTimes(1)
})

test('a failed refresh keeps the last count, and a failing badge call is not an error', async () => {
  setBadge.mockImplementation(() => Promise.reject(new Error('not a tab page')))
  const stop = installTabBadge()
  useUnread.getState().set(2)
  fakeServer({ 'GET /api/notifications': () => [500, { error: { code: 'internal', message: '出错了' } }] })
  await useUnread.getState().refresh()
  expect(useUnread.getState().count).toBe(2)
  stop()
})

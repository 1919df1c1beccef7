/**
 * 我的 → 导出我的数据: asked first (saying survey answers cannot be exported), then the zip is downloaded
 * with the session's header (POST: it is logged) and saved; a refusal (three a day) is said in words.
 */
import './taro-h5'
import './page-hooks'
import Taro from '@tarojs/taro'
import { act } from 'react'
import { fakeServer } from './fake-server'
import { resident, setUpScreen } from './screen'
import { installSessionHooks } from '@/accounts/session'
import MinePage from '@/pages/mine/index'

const screen = setUpScreen(resident)
installSessionHooks()

const zip = new Uint8Array([0x50, 0x4b, 0x05, 0x06]).buffer

async function tapExport(statusCode: number) {
  const server = fakeServer({
    'GET /api/me': () => resident,
    'GET /api/proposals': () => ({ items: [], nextCursor: null }),
    'POST /api/me/export': () => [statusCode, zip],
  })
  URL.createObjectURL = () => 'blob:zip'
  const saved = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    expect([this.href, this.download]).toEqual(['blob:zip', '议事-我的数据.zip'])
  })
  await act(async () => screen.root.render(<MinePage />))
  await screen.tap('.list-row', '导出我的数据')
  const exports = () => server.calls.filter((c) => c.path === '/api/me/export')
  return { exports, saved }
}

test('asked first, then downloaded with the session and saved as a zip', async () => {
  screen.declineNext()
  const first = await tapExport(200)
  expect(screen.modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '导出我的数据', content: expect.stringContaining('问卷是匿名的') }))
  expect(first.exports()).toEqual([])

  await screen.tap('.list-row', '导出我的数据')
  expect(first.exports().map((c) => c.method)).toEqual(['POST'])
  expect(Taro.request).toHaveBeenCalledWith(expect.objectContaining({ url: '/api/me/export', header: { Authorization: 'Bearer tok' }, responseType: 'arraybuffer' }))
  expect(first.saved).toHaveBeenCalledTimes(1)
})

test('the fourth export of a day is refused in words, and nothing is saved', async () => {
  const { saved } = await tapExport(429)
  expect(saved).not.toHaveBeenCalled()
  expect(screen.toast).toHaveBeenCalledWith(expect.objectContaining({ title: '今天已经导出过 3 次了，请明天再试' }))
})

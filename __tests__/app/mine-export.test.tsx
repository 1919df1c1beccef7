/**
 * 我的 → 导出我的数据: asked first (saying survey answers cannot be exported), then the zip is downloaded
 * with the session's header and saved; a refusal (three a day) is said in words.
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

async function tapExport(statusCode: number) {
  fakeServer({ 'GET /api/me': () => resident, 'GET /api/proposals': () => ({ items: [], nextCursor: null }) })
  const download = jest.spyOn(Taro, 'downloadFile').mockResolvedValue({ statusCode, tempFilePath: 'blob:zip', errMsg: 'ok' } as never)
  const saved = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  await act(async () => screen.root.render(<MinePage />))
  await screen.tap('.list-row', '导出我的数据')
  return { download, saved }
}

test('asked first, then downloaded with the session and saved as a zip', async () => {
  screen.declineNext()
  const first = await tapExport(200)
  expect(screen.modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '导出我的数据', content: expect.stringContaining('问卷是匿名的') }))
  expect(first.download).not.toHaveBeenCalled()

  await screen.tap('.list-row', '导出我的数据')
  expect(first.download).toHaveBeenCalledWith({ url: '/api/me/export', header: { Authorization: 'Bearer tok' } })
  expect(first.saved).toHaveBeenCalledTimes(1)
})

test('the fourth export of a day is refused in words, and nothing is saved', async () => {
  const { saved } = await tapExport(429)
  expect(saved).not.toHaveBeenCalled()
  expect(screen.toast).toHaveBeenCalledWith(expect.objectContaining({ title: '今天已经导出过 3 次了，请明天再试' }))
})

/**
 * Sharing in the app: the WeChat card each kind of page answers (title, the page it opens, picture),
 * the landing after sign-in for a neighbour who opens it signed out, and in H5 the link (system share
 * sheet, else copied) and the poster fetched with the caller's token.
 */
import './taro-h5'
import { setPageParams, sharedCard } from './page-hooks'
import Taro from '@tarojs/taro'
import { act } from 'react'
import type { ShareKind } from '@yishi/types'
import { fakeServer } from './fake-server'
import { resident, setUpScreen } from './screen'
import { installSessionHooks, takeAfterLogin, useSession } from '@/accounts/session'
import { shareCard, shareLink, type ShareTarget } from '@/share/share'
import { useShare } from '@/share/useShare'
import { ShareCard } from '@/share/ShareCard'
import ProposalDetailPage from '@/more/proposals/detail'

const screen = setUpScreen()
// As the app does at start: requests (and the poster's fetch) carry the session's token.
installSessionHooks()

function Shared({ target }: { target: ShareTarget | null }) {
  const share = useShare(target)
  return <ShareCard share={share} what='提案' />
}

test.each<[ShareKind, string, string]>([
  ['proposal', '【社区提案】3号楼加装电梯', '/more/proposals/detail?id=9&from=share'],
  ['topic', '【议事厅议题】3号楼加装电梯', '/pages/hall/topic?id=9&from=share'],
  ['survey', '【居民问卷】3号楼加装电梯', '/more/surveys/answer?id=9&from=share'],
])('a %s page answers WeChat with its card', (kind, title, path) => {
  act(() => screen.root.render(<Shared target={{ kind, id: 9, title: '3号楼加装电梯' }} />))
  expect(sharedCard()).toEqual({ title, path })
})

test('a card keeps its title to two lines and carries the item’s picture once it has one', () => {
  const long = shareCard({ kind: 'proposal', id: 3, title: '关于'.repeat(30) })
  expect([...long.title]).toHaveLength(40)
  expect(long.title.endsWith('…')).toBe(true)
  expect(shareCard({ kind: 'topic', id: 3, title: '路灯' }, 'wxfile://tmp/card.png').imageUrl).toBe('wxfile://tmp/card.png')
})

test('before the item has loaded there is no card to forward', () => {
  act(() => screen.root.render(<Shared target={null} />))
  expect(sharedCard()).toEqual({})
})

test('a neighbour who opens a shared card signed out comes back to it after signing in', () => {
  takeAfterLogin()
  useSession.setState({ token: null, expiresAt: null })
  act(() => screen.root.render(<Shared target={{ kind: 'topic', id: 4, title: '垃圾箱房' }} />))
  expect(takeAfterLogin()).toBe('/pages/hall/topic?id=4&from=share')
  // Signed in: nothing to come back to.
  useSession.setState({ token: 'tok', expiresAt: '2999-01-01T00:00:00Z' })
  act(() => screen.root.render(<Shared target={{ kind: 'topic', id: 5, title: '垃圾箱房' }} />))
  expect(takeAfterLogin()).toBeNull()
})

test('a neighbour not yet verified who opens a shared proposal is led to verify, not left with a refusal', async () => {
  useSession.setState({ me: resident })
  fakeServer({ 'GET /api/proposals/9': () => [403, { error: { code: 'forbidden', message: '完成居住地认证后可以查看本居民区的提案' } }] })
  setPageParams({ id: '9', from: 'share' })
  act(() => screen.root.render(<ProposalDetailPage />))
  await act(() => new Promise((r) => setTimeout(r, 0)))
  expect(screen.container.textContent).toContain('认证住址后就能看到这条提案')
  const go = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }) as never)
  await screen.tap('.btn', '去认证')
  expect(go).toHaveBeenCalledWith({ url: '/pages/residence/index' })
})

describe('in H5', () => {
  const target: ShareTarget = { kind: 'proposal', id: 9, title: '3号楼加装电梯' }
  const link = shareLink('proposal', 9)

  afterEach(() => {
    delete (navigator as { share?: unknown }).share
  })

  test('the link goes to the system share sheet where there is one', async () => {
    const share = jest.fn(() => Promise.resolve())
    Object.assign(navigator, { share })
    const copy = jest.spyOn(Taro, 'setClipboardData')
    act(() => screen.root.render(<Shared target={target} />))
    await screen.tap('.btn', '复制链接')
    expect(share).toHaveBeenCalledWith({ title: '【社区提案】3号楼加装电梯', text: '【社区提案】3号楼加装电梯', url: link })
    expect(link).toMatch(/#\/more\/proposals\/detail\?id=9&from=share$/)
    expect(copy).not.toHaveBeenCalled()
  })

  test('without one, the title and link are copied to paste into the chat', async () => {
    const copy = jest.spyOn(Taro, 'setClipboardData').mockImplementation(() => Promise.resolve({ errMsg: 'ok', data: '' }))
    act(() => screen.root.render(<Shared target={target} />))
    await screen.tap('.btn', '复制链接')
    expect(copy).toHaveBeenCalledWith({ data: `【社区提案】3号楼加装电梯\n${link}` })
    expect(screen.toast).toHaveBeenCalledWith(expect.objectContaining({ title: '链接已复制，可以粘贴到群聊' }))
  })

  test('the poster is fetched with the caller’s token and shown full screen to save', async () => {
    const fetchMock = jest.fn((_url: string, _init: { headers: Record<string, string> }) => Promise.resolve({ ok: true, blob: () => Promise.resolve(new Blob(['png'])) }))
    const realFetch = globalThis.fetch
    globalThis.fetch = fetchMock as unknown as typeof fetch
    Object.assign(URL, { createObjectURL: () => 'blob:poster' })
    jest.spyOn(Taro, 'showLoading').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
    jest.spyOn(Taro, 'hideLoading').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
    const preview = jest.spyOn(Taro, 'previewImage').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
    try {
      act(() => screen.root.render(<Shared target={target} />))
      await screen.tap('.btn', '生成海报')
      expect(fetchMock).toHaveBeenCalledWith('/api/share/proposal/9/poster.png', { headers: { Authorization: 'Bearer tok' } })
      expect(preview).toHaveBeenCalledWith({ urls: ['blob:poster'], current: 'blob:poster' })
    } finally {
      globalThis.fetch = realFetch
    }
  })
})

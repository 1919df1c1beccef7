/**
 * The shared page hooks: usePagedList (cursor pages, no item twice, an older answer never overwrites a
 * newer one, new filters clear the list at once), useAction (asks first, one at a time, a plain Chinese
 * toast for a failure the request client did not report) and the LoadState shell.
 */
import './taro-h5'
import { createRoot, type Root } from './dom'
import Taro from '@tarojs/taro'

// Page lifecycle hooks come from Taro's React runtime, not from the H5 API package tests run on:
// here the hooks load on mount instead, and the page triggers are left out.
jest.mock('@tarojs/taro', () =>
  Object.assign(jest.requireActual('@tarojs/taro'), { useDidShow: () => undefined, usePullDownRefresh: () => undefined, useReachBottom: () => undefined }),
)
import { act } from 'react'
import { usePagedList, type PageOf, type PagedList } from '@/shared/hooks/usePagedList'
import { ACTION_FAILED, useAction, type Actions } from '@/shared/hooks/useAction'
import type { LoadStatus } from '@/shared/hooks/useLoader'
import { LoadState } from '@/shared/ui/LoadState'
import { ApiRequestError } from '@/shared/request'
import { later } from '../support/later'


let container: HTMLDivElement
let root: Root
let toast: jest.SpyInstance
let modal: jest.SpyInstance

beforeEach(() => {
  container = document.createElement('div')
  document.body.appendChild(container)
  root = createRoot(container)
  toast = jest.spyOn(Taro, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
  modal = jest.spyOn(Taro, 'showModal').mockImplementation(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'ok' } as Taro.showModal.SuccessCallbackResult))
})

afterEach(() => {
  act(() => root.unmount())
  container.remove()
  jest.restoreAllMocks()
})

const settle = () => act(async () => {
  await new Promise((r) => setTimeout(r, 0))
})

interface Item {
  id: number
}
const page = (ids: number[], nextCursor: string | null): PageOf<Item> => ({ items: ids.map((id) => ({ id })), nextCursor })

describe('usePagedList', () => {
  let list: PagedList<Item>
  let answers: ReturnType<typeof later<PageOf<Item>>>[]
  let asked: { tab: string; cursor: string | null }[]

  function Lister({ tab }: { tab: string }) {
    list = usePagedList<Item>(
      (cursor) => {
        asked.push({ tab, cursor })
        const a = later<PageOf<Item>>()
        answers.push(a)
        return a.promise
      },
      { when: 'mount', deps: [tab] },
    )
    return null
  }

  beforeEach(() => {
    answers = []
    asked = []
  })

  test('reads the first page, then the next without listing an item twice', async () => {
    act(() => root.render(<Lister tab='open' />))
    expect(asked).toEqual([{ tab: 'open', cursor: null }])
    expect(list.loaded).toBe(false)
    answers[0].resolve(page([1, 2], 'c2'))
    await settle()
    expect(list.items?.map((i) => i.id)).toEqual([1, 2])
    expect(list.hasMore).toBe(true)

    act(() => void list.loadMore())
    act(() => void list.loadMore()) // a second tap while the page is on its way asks nothing more
    expect(asked).toEqual([
      { tab: 'open', cursor: null },
      { tab: 'open', cursor: 'c2' },
    ])
    answers[1].resolve(page([2, 3], null))
    await settle()
    expect(list.items?.map((i) => i.id)).toEqual([1, 2, 3])
    expect(list.hasMore).toBe(false)
  })

  test('an answer older than the latest reload is dropped', async () => {
    act(() => root.render(<Lister tab='open' />))
    act(() => void list.reload())
    answers[1].resolve(page([9], null))
    await settle()
    answers[0].resolve(page([1], null))
    await settle()
    expect(list.items?.map((i) => i.id)).toEqual([9])
  })

  test('new filters clear the list in the same render; the old filter’s late answer never lands', async () => {
    act(() => root.render(<Lister tab='open' />))
    answers[0].resolve(page([1], null))
    await settle()
    act(() => void list.reload()) // still on its way when the tab changes
    act(() => root.render(<Lister tab='locked' />))
    expect(list.items).toBeNull()
    expect(asked.at(-1)).toEqual({ tab: 'locked', cursor: null })
    answers[1].resolve(page([2], null))
    await settle()
    expect(list.items).toBeNull()
    answers[2].resolve(page([5], null))
    await settle()
    expect(list.items?.map((i) => i.id)).toEqual([5])
  })

  test('a failed first page says why in Chinese; LoadState offers 重试', async () => {
    act(() => root.render(<Lister tab='open' />))
    answers[0].reject(new ApiRequestError(0, 'network_error', '网络不给力，请稍后重试'))
    await settle()
    expect(list.error).toBe('网络不给力，请稍后重试')
    const shell = document.createElement('div')
    const shellRoot = createRoot(shell)
    act(() => shellRoot.render(<LoadState load={list as LoadStatus} title='议题没有加载出来' text='请检查网络后重试。' />))
    expect(shell.textContent).toContain('议题没有加载出来')
    expect(shell.textContent).toContain('重试')
    act(() => shellRoot.unmount())
  })
})

describe('useAction', () => {
  let actions: Actions
  function Actor() {
    actions = useAction()
    return <>{actions.busy ?? 'idle'}</>
  }

  test('asks first: when the user says no, nothing is done', async () => {
    modal.mockImplementationOnce(() => Promise.resolve({ confirm: false, cancel: true, errMsg: 'ok' }))
    act(() => root.render(<Actor />))
    const work = jest.fn(() => Promise.resolve())
    let done: boolean | undefined
    await act(async () => {
      done = await actions.run('hide', work, { ask: { title: '隐藏', content: '确定隐藏吗？', danger: true } })
    })
    expect(done).toBe(false)
    expect(work).not.toHaveBeenCalled()
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '隐藏', confirmText: '确定', cancelText: '取消', confirmColor: '#b3261e' })
  })

  test('one action at a time, busy while it runs, the done toast after', async () => {
    act(() => root.render(<Actor />))
    const first = later<string>()
    let firstDone: Promise<boolean> | undefined
    act(() => {
      firstDone = actions.run('save', () => first.promise, { done: (r) => `已保存 ${r}` })
    })
    await settle()
    expect(container.textContent).toBe('save')
    const second = jest.fn(() => Promise.resolve())
    let secondDone: boolean | undefined
    await act(async () => {
      secondDone = await actions.run('other', second)
    })
    expect(secondDone).toBe(false)
    expect(second).not.toHaveBeenCalled()
    first.resolve('3 项')
    await act(async () => {
      expect(await firstDone).toBe(true)
    })
    expect(container.textContent).toBe('idle')
    expect(toast).toHaveBeenCalledWith({ title: '已保存 3 项', icon: 'none' })
  })

  test('a failure the request client reported is not toasted again; any other gets a plain Chinese toast', async () => {
    act(() => root.render(<Actor />))
    await act(async () => {
      expect(await actions.run('a', () => Promise.reject(new ApiRequestError(409, 'conflict', '提案已经进入下一步')))).toBe(false)
    })
    expect(toast).not.toHaveBeenCalled()
    await act(async () => {
      expect(await actions.run('b', () => Promise.reject(new TypeError('x is undefined')))).toBe(false)
    })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: ACTION_FAILED }))
  })
})

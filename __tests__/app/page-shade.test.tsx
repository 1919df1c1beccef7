/** A quick back never leaves the returned-to page shaded by the router's stale hide timer (H5). */
import './taro-h5'
import Taro from '@tarojs/taro'
import { keepTopPageShown } from '@/shared/pageShade'

function pages(...ids: string[]): HTMLElement {
  const router = document.createElement('div')
  router.className = 'taro_router'
  for (const id of ids) {
    const el = document.createElement('div')
    el.id = id
    el.className = 'taro_page taro_page_show taro_page_stationed'
    router.appendChild(el)
  }
  document.body.replaceChildren(router)
  return router
}

function top(path: string) {
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ path }] as unknown as ReturnType<typeof Taro.getCurrentPages>)
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => jest.restoreAllMocks())

test('a shade landing on the page at the top of the stack is taken off', async () => {
  const router = pages('/pages/proposals/index?stamp=1')
  top('/pages/proposals/index?stamp=1')
  const stop = keepTopPageShown(router)
  const list = router.firstElementChild!
  list.classList.add('taro_page_shade') // the hide timer of the navigation the resident went back from
  await flush()
  expect(list.classList.contains('taro_page_shade')).toBe(false)
  stop()
})

test('the page below a new one is shaded as usual', async () => {
  const router = pages('/pages/proposals/index?stamp=1', '/more/proposals/detail?id=3&stamp=2')
  top('/more/proposals/detail?id=3&stamp=2')
  const stop = keepTopPageShown(router)
  const list = router.firstElementChild!
  list.classList.add('taro_page_shade')
  await flush()
  expect(list.classList.contains('taro_page_shade')).toBe(true)
  stop()
})

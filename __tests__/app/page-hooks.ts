// Page lifecycle hooks come from Taro's React runtime, not the H5 API package tests run on. Here the
// page shows once, when it mounts: like Taro, useDidShow fires then for the components mounted with
// the page, not for one that mounts later (it waits for the next show, which never comes here). The
// pull-down and bottom triggers are left out. Import after './taro-h5' and before any app module.
const mockPage = { shown: false, params: {} as Record<string, string>, share: null as null | (() => unknown) }
beforeEach(() => {
  mockPage.shown = false
  mockPage.params = {}
  mockPage.share = null
})

/** What the page's onShareAppMessage answers now (the card WeChat would forward), or null if it has none. */
export function sharedCard(): unknown {
  return mockPage.share ? mockPage.share() : null
}

/** The page's parameters (a link's query) for the next render. */
export function setPageParams(params: Record<string, string>): void {
  mockPage.params = params
}
jest.mock('@tarojs/taro', () => {
  const { useEffect } = jest.requireActual<typeof import('react')>('react')
  return Object.assign(jest.requireActual('@tarojs/taro'), {
    useDidShow: (show: () => void) =>
      useEffect(() => {
        if (mockPage.shown) return
        show()
        queueMicrotask(() => {
          mockPage.shown = true
        })
        // eslint-disable-next-line react-hooks/exhaustive-deps -- once, as the page's first show
      }, []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page loads
    useLoad: (load: (params: Record<string, string>) => void) => useEffect(() => load(mockPage.params), []),
    useRouter: () => ({ params: mockPage.params }),
    useShareAppMessage: (answer: () => unknown) => {
      mockPage.share = answer
    },
    usePullDownRefresh: () => undefined,
    useReachBottom: () => undefined,
    useUnload: () => undefined,
  })
})

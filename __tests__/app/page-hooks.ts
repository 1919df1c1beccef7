// Page lifecycle hooks come from Taro's React runtime, not the H5 API package tests run on: here the
// page shows once, when it mounts, and the pull-down and bottom triggers are left out. Import after
// './taro-h5' and before any app module.
jest.mock('@tarojs/taro', () => {
  const { useEffect } = jest.requireActual<typeof import('react')>('react')
  return Object.assign(jest.requireActual('@tarojs/taro'), {
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, as a page's first show
    useDidShow: (show: () => void) => useEffect(() => show(), []),
    usePullDownRefresh: () => undefined,
    useReachBottom: () => undefined,
  })
})
export {}

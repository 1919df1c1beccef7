import type { PropsWithChildren } from 'react'
import Taro, { useDidShow, useLaunch } from '@tarojs/taro'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { installSessionHooks, useSession } from './accounts/session'
import { installWechatPrivacyHook, syncPrivacyToServer } from './accounts/privacy'
import { useMeStore } from './accounts/me'
import { isH5 } from './shared/env'
import { keepTopPageShown } from './shared/pageShade'
import { movedPageUrl } from './shared/movedPages'
import { installTabBadge, useUnread } from './notifications/unread'
import './app.css'

dayjs.locale('zh-cn')
installSessionHooks()
// A share card or subscribe message made before its page moved to a subpackage opens it at its new path.
Taro.onPageNotFound(({ path, query }) => {
  const url = movedPageUrl(path, query)
  if (url) void Taro.redirectTo({ url })
})

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (isH5) keepTopPageShown()
    installWechatPrivacyHook()
    installTabBadge()
    // Bring the cached user up to date (roles or verification may have changed since last time).
    void useMeStore.getState().refresh().then(() => syncPrivacyToServer())
  })
  // News waiting shows on the tab bar each time the app comes back to the front.
  useDidShow(() => {
    if (useSession.getState().token) void useUnread.getState().refresh()
    else useUnread.getState().set(0)
  })
  return children
}

export default App

import type { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { installSessionHooks, useSession } from './accounts/session'
import { installWechatPrivacyHook, syncPrivacyToServer } from './accounts/privacy'
import { useMeStore } from './accounts/me'
import { isH5 } from './shared/env'
import { keepTopPageShown } from './shared/pageShade'
import { installTabBadge, useUnread } from './notifications/unread'
import './app.css'

dayjs.locale('zh-cn')
installSessionHooks()

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

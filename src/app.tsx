import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { installSessionHooks } from './accounts/session'
import { installWechatPrivacyHook, syncPrivacyToServer } from './accounts/privacy'
import { useMeStore } from './accounts/me'
import './app.css'

dayjs.locale('zh-cn')
installSessionHooks()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    installWechatPrivacyHook()
    // Bring the cached user up to date (roles or verification may have changed since last time).
    void useMeStore.getState().refresh().then(() => syncPrivacyToServer())
  })
  return children
}

export default App

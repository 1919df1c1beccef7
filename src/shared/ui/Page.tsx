import { View } from '@tarojs/components'
import { useEffect, type ReactNode } from 'react'
import { useLargeText } from '@/shared/largeText'
import { isH5 } from '@/shared/env'
import { goToLogin, hasLiveSession, useSession } from '@/accounts/session'
import { hasAgreedPrivacy, usePrivacy } from '@/accounts/privacy'
import { PrivacyNotice } from '@/accounts/PrivacyNotice'

interface Props {
  children?: ReactNode
  /** The page needs a logged-in user (default). Without one it goes to the login page. */
  auth?: boolean
  className?: string
}

/**
 * The root of every page. It applies 大字模式 (the `page--large` class all sizes hang off), shows
 * the privacy notice until it is agreed, and sends logged-out users to the login page.
 */
export function Page({ children, auth = true, className }: Props) {
  const large = useLargeText()
  const agreed = usePrivacy(hasAgreedPrivacy)
  const asking = usePrivacy((s) => s.wechatAsking)
  const live = useSession(hasLiveSession)
  const token = useSession((s) => s.token)

  useEffect(() => {
    if (!auth || !agreed || live) return
    if (token) useSession.getState().clear() // expired
    goToLogin()
  }, [auth, agreed, live, token])

  useEffect(() => {
    // The H5 tab bar lives outside the pages; let it grow with the text too.
    if (isH5 && typeof document !== 'undefined') document.body.classList.toggle('yishi-large', large)
  }, [large])

  const cls = `page ${large ? 'page--large' : 'page--normal'} ${className ?? ''}`
  if (!agreed) {
    return (
      <View className={cls}>
        <PrivacyNotice />
      </View>
    )
  }
  return (
    <View className={cls}>
      {auth && !live ? null : children}
      {asking && <PrivacyNotice overlay />}
    </View>
  )
}

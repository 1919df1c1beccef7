import { View } from '@tarojs/components'
import { useEffect, type ReactNode } from 'react'
import { PageFrame } from '@/shared/ui/PageFrame'
import { EmptyState } from '@/shared/ui/EmptyState'
import { goToLogin, hasLiveSession, useSession } from './session'
import { hasAgreedPrivacy, usePrivacy } from './privacy'
import { PrivacyNotice } from './PrivacyNotice'

interface Props {
  children?: ReactNode
  /** The page needs a logged-in user (default). Without one it goes to the login page. */
  auth?: boolean
}

/**
 * Every page of the app: the privacy notice until it is agreed, logged-out users sent to the login
 * page, then the page's content in the padded body.
 */
export function Page({ children, auth = true }: Props) {
  const agreed = usePrivacy(hasAgreedPrivacy)
  const asking = usePrivacy((s) => s.wechatAsking)
  const live = useSession(hasLiveSession)
  const token = useSession((s) => s.token)

  useEffect(() => {
    if (!auth || !agreed || live) return
    if (token) useSession.getState().clear() // expired
    goToLogin()
  }, [auth, agreed, live, token])

  if (!agreed) {
    return (
      <PageFrame>
        <PrivacyNotice />
      </PageFrame>
    )
  }
  return (
    <PageFrame>
      {auth && !live ? null : <View className='page__body'>{children}</View>}
      {asking && <PrivacyNotice overlay />}
    </PageFrame>
  )
}

/** A page that only says something: who may not see it, what is missing, or what went wrong. */
export function PageNotice({ title, text, children }: { title: string; text?: string; children?: ReactNode }) {
  return (
    <Page>
      <EmptyState title={title} text={text}>
        {children}
      </EmptyState>
    </Page>
  )
}

import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Me, RoleGrant } from '@yishi/types'
import { ROLE_NAMES } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { useAction } from '@/shared/hooks/useAction'
import { ApiRequestError } from '@/shared/request'
import { hasLiveSession, HOME_PAGE, openAfterLogin, useSession } from '@/accounts/session'
import { REFERRALS_PAGE } from '@/referrals/api'
import { SETUP_PAGE } from '@/committee/setup/pages'
import { ACCEPT_ERRORS, INVITE_PAGE, invitationsApi, normaliseCode } from '@/invitations/api'
import './invite.css'

/** Where someone starts with the role just taken: a 街镇 admin's set-up, a referee's 转办, else 首页. */
function homeOf(grant: RoleGrant): { url: string; tab: boolean; text: string } {
  if (grant.role === 'admin') return { url: SETUP_PAGE, tab: false, text: '去街镇设置' }
  if (grant.role === 'moderator') return { url: HOME_PAGE, tab: true, text: '去首页的居委会工作台' }
  return { url: REFERRALS_PAGE, tab: false, text: '去看转办事项' }
}

/** The grant the accepted code added: one the person did not hold before. */
function newGrant(before: Me | null, after: Me): RoleGrant | null {
  const had = new Set((before?.roles ?? []).map((r) => `${r.role}-${r.unitId}`))
  return after.roles.find((r) => !had.has(`${r.role}-${r.unitId}`)) ?? after.roles[0] ?? null
}

/** Takes the role an invitation code grants (typed, or carried by the link's `?code=`). */
export default function InvitePage() {
  const router = useRouter()
  const linked = router.params.code ? decodeURIComponent(router.params.code) : ''
  const [code, setCode] = useState(linked.toUpperCase())
  const [error, setError] = useState<string | null>(null)
  const [granted, setGranted] = useState<RoleGrant | null>(null)
  const action = useAction()

  // Followed while signed out, the link is sent on to the login page: come back here with the code after.
  useEffect(() => {
    if (linked && !hasLiveSession()) openAfterLogin(`${INVITE_PAGE}?code=${encodeURIComponent(linked)}`)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once: the page reads its link when it opens
  }, [])

  const accept = () => {
    const plain = normaliseCode(code)
    if (!plain) {
      setError('请输入邀请码')
      return
    }
    setError(null)
    const before = useSession.getState().me
    void action.run('accept', async () => {
      try {
        const me = await invitationsApi.accept(plain)
        useSession.getState().setMe(me)
        setGranted(newGrant(before, me))
      } catch (e) {
        // Said on the page, not in a toast: the person must read what to do next.
        setError(e instanceof ApiRequestError ? (ACCEPT_ERRORS[e.code] ?? e.message) : '没有成功，请检查网络后重试')
      }
    })
  }

  if (granted) {
    const home = homeOf(granted)
    return (
      <Page>
        <Card title='邀请已接受' tone='success' className='invite-done'>
          <Text className='card__text'>您现在是：</Text>
          <Text className='invite-role'>
            {ROLE_NAMES[granted.role]} · {granted.unitName}
          </Text>
          <Button className='card__action' onClick={() => void (home.tab ? Taro.switchTab({ url: home.url }) : Taro.redirectTo({ url: home.url }))}>
            {home.text}
          </Button>
        </Card>
      </Page>
    )
  }

  return (
    <Page>
      <Card title='输入邀请码'>
        <Text className='card__text'>街镇或居委会的工作人员会给您一个 8 位邀请码，例如 K7QM-3XPA。大小写、空格和横线都没关系。</Text>
        <View className='field' id='invite-code'>
          <Input
            className={`field__input invite-code ${error ? 'field__input--error' : ''}`}
            value={code}
            maxlength={20}
            placeholder='邀请码'
            placeholderClass='field__placeholder'
            aria-label='邀请码'
            onInput={(e) => {
              setCode(e.detail.value.toUpperCase())
              setError(null)
            }}
            onConfirm={accept}
          />
          {error && <Text className='field__error invite-error'>{error}</Text>}
        </View>
        <Button className='card__action' loading={action.busy === 'accept'} onClick={accept}>
          接受邀请
        </Button>
      </Card>
    </Page>
  )
}

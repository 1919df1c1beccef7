import Taro from '@tarojs/taro'
import type { Me } from '@yishi/types'
import { PageNotice } from '@/accounts/Page'
import { RESIDENCE_PAGE } from '@/accounts/ResidenceCard'
import { isCommittee } from '@/accounts/session'
import { Button } from '@/shared/ui/Button'

/** Signed in, but neither a verified resident nor staff: a shared item's page refuses them until they verify. */
export function needsVerification(me: Me | null): boolean {
  return !!me && !me.verified && !isCommittee(me)
}

/**
 * A shared link opened by a neighbour whose address is not verified yet: say so and lead to the
 * verification, instead of a bare refusal.
 */
export function VerifyFirst({ me, what }: { me: Me; what: string }) {
  const pending = me.residence?.status === 'pending'
  return (
    <PageNotice
      title={`认证住址后就能看到这条${what}`}
      text={
        pending
          ? '您的认证申请正在等居委会审核，通过后再打开这个链接就能看到。'
          : `${what}只给本居民区已认证的居民看。认证您住在哪个楼组后，再打开这个链接就能看到、参与。`
      }
    >
      {!pending && <Button onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>去认证</Button>}
    </PageNotice>
  )
}

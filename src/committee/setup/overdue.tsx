import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { ESCALATION_LEVEL_NAMES, REFERRAL_TARGET_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { useMe } from '@/accounts/me'
import { adminStreet } from '@/community/api'
import { detailUrl } from '@/proposals/api'
import { stateLabel } from '@/proposals/labels'
import { referralsApi } from '@/referrals/api'

/** What has stalled past its time limit in the 街镇's 居民区, most overdue first. */
export default function OverduePage() {
  const me = useMe()
  const street = adminStreet(me)
  const load = useLoader(() => referralsApi.overdue(street!.id), { enabled: !!street })
  const items = load.data?.items ?? null

  if (me && !street) return <PageNotice title='只有街镇管理员可以查看逾期事项' />

  return (
    <Page>
      <LoadState load={load} title='逾期事项没有加载出来' text='请检查网络后重试。' />
      {items && !items.length && <EmptyState title='没有逾期事项' text='各居民区的提案都在时限内。' />}
      {items?.map((item) => (
        <Card
          key={item.id}
          title={item.title}
          tone='danger'
          onClick={() => void Taro.navigateTo({ url: detailUrl(item.id) })}
          extra={<Badge tone={item.escalationLevel === 2 ? 'danger' : 'warn'}>{ESCALATION_LEVEL_NAMES[item.escalationLevel]}</Badge>}
        >
          <Text className='pcard__meta'>
            {item.neighbourhoodName} · {stateLabel(item.state)}
            {item.referredTo ? ` · 等待${REFERRAL_TARGET_NAMES[item.referredTo]}答复` : ''}
          </Text>
          <Text className='pcard__deadline pcard__deadline--late'>
            时限 {formatDateTime(item.deadlineAt)}，已超期 {item.daysOverdue} 天
          </Text>
        </Card>
      ))}
    </Page>
  )
}

import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ReferralInboxFilter, ReferralInboxItem } from '@yishi/types'
import { REFERRAL_STATUS_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { Segments } from '@/shared/ui/Segments'
import { useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { useMe } from '@/accounts/me'
import { detailUrl } from '@/proposals/api'
import { categoryName } from '@/proposals/labels'
import { isReferee, referralsApi } from '@/referrals/api'

const TABS: { value: ReferralInboxFilter; label: string }[] = [
  { value: 'open', label: '待处理' },
  { value: 'answered', label: '已答复' },
]
const STATUS_TONE = { open: 'warn', accepted: 'accent', answered: 'success' } as const

function ReferralCard({ item }: { item: ReferralInboxItem }) {
  return (
    <Card
      title={item.title}
      tone={item.overdue ? 'danger' : undefined}
      extra={<Badge tone={item.overdue ? 'danger' : STATUS_TONE[item.status]}>{item.overdue ? '已超期' : REFERRAL_STATUS_NAMES[item.status]}</Badge>}
    >
      <Text className='pcard__meta'>
        {categoryName(item.category)} · {item.neighbourhoodName} · {item.unitName}
      </Text>
      <Text className='pcard__meta'>提案人：{item.authorLabel}</Text>
      {item.reason && <Text className='card__text'>居委会说明：{item.reason}</Text>}
      <Text className='pcard__meta'>转办时间：{formatDateTime(item.referredAt)}</Text>
      {item.deadlineAt && (
        <Text className={`pcard__deadline ${item.overdue ? 'pcard__deadline--late' : ''}`}>请在 {formatDateTime(item.deadlineAt)} 前答复</Text>
      )}
      {item.answer && <Text className='card__text'>我的答复：{item.answer}</Text>}
      <View className='list-row' hoverClass='list-row--pressed' onClick={() => Taro.navigateTo({ url: detailUrl(item.id) })}>
        <Text className='list-row__label'>{item.status === 'answered' ? '查看提案' : '查看并处理'}</Text>
        <Text className='list-row__arrow'>›</Text>
      </View>
    </Card>
  )
}

/** The inbox of a 物业, 业委会 or 街镇 department: proposals the 居委会 referred to it. */
export default function ReferralsPage() {
  const me = useMe()
  const [tab, setTab] = useState<ReferralInboxFilter>('open')
  const allowed = isReferee(me)
  const load = useLoader(() => referralsApi.inbox(tab, true), { enabled: allowed, deps: [tab] })
  const items = load.data?.items ?? null

  if (me && !allowed) return <PageNotice title='这里是物业、业委会和街镇部门处理转办的地方' text='您的账号没有转办事项。' />

  return (
    <Page>
      <Segments options={TABS} value={tab} onChange={setTab} />
      <LoadState load={load} title='转办事项没有加载出来' text='请检查网络后重试。' />
      {items && !items.length && (
        <EmptyState title={tab === 'open' ? '没有待处理的转办' : '还没有答复过的转办'} text={tab === 'open' ? '居委会转给您的提案会出现在这里，下拉可以刷新。' : '您答复过的转办会留在这里，方便以后查看。'} />
      )}
      {items?.map((item) => <ReferralCard key={item.id} item={item} />)}
    </Page>
  )
}

import { Text } from '@tarojs/components'
import { AFFAIR_KIND_NAMES, AFFAIR_KINDS } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { useMe } from '@/accounts/me'
import { adminStreet } from '@/community/api'
import { Badge, Card } from '@/shared/ui/Card'
import { LoadState } from '@/shared/ui/LoadState'
import { useLoader } from '@/shared/hooks/useLoader'
import { affairsApi } from '@/affairs/api'

/** The 街镇's view of 居务公开: each 居民区's ledger in figures, and what its 居委会 has yet to answer. */
export default function StreetAffairsPage() {
  const street = adminStreet(useMe())
  const load = useLoader(() => affairsApi.summary(street!.id, true), { enabled: !!street, deps: [street?.id] })
  if (!street) return <PageNotice title='只有街镇工作人员可以查看居务公开汇总' />
  return (
    <Page>
      <LoadState load={load} title='汇总没有加载出来' text={load.error ?? undefined} />
      {load.data?.neighbourhoods.map((n) => (
        <Card key={n.id} title={n.name} extra={n.unanswered > 0 ? <Badge tone='warn'>{`${n.unanswered} 条待答复`}</Badge> : undefined}>
          <Text className='card__text'>
            {AFFAIR_KINDS.filter((k) => n.entries[k])
              .map((k) => `${AFFAIR_KIND_NAMES[k]} ${n.entries[k]} 条`)
              .join('，') || '还没有公开记录'}
          </Text>
          <Text className='card__note'>居务监督委员会成员 {n.supervisors} 人</Text>
        </Card>
      ))}
    </Page>
  )
}

import { Picker, Text } from '@tarojs/components'
import { useState } from 'react'
import type { AffairKind } from '@yishi/types'
import { AFFAIR_KIND_NAMES, AFFAIR_KINDS } from '@yishi/types'
import { shanghaiYear } from '@yishi/types/time'
import { Page } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { EmptyState } from '@/shared/ui/EmptyState'
import { ListRow } from '@/shared/ui/ListRow'
import { LoadState } from '@/shared/ui/LoadState'
import { useLoader } from '@/shared/hooks/useLoader'
import { affairsApi } from '../api'
import { EntryCard } from '../EntryCard'
import '../affairs.css'

const thisYear = Number(shanghaiYear(new Date()))
const YEARS = [null, ...[0, 1, 2, 3].map((n) => String(thisYear - n))]
const YEAR_NAMES = YEARS.map((y) => (y ? `${y}年` : '全部年份'))
const KINDS = [null, ...AFFAIR_KINDS]
const KIND_NAMES = KINDS.map((k) => (k ? AFFAIR_KIND_NAMES[k] : '全部类别'))

/** 居务公开: every decision, meeting, expense, answer and evaluation of my 居民区, newest first. */
export default function AffairsPage() {
  // All years by default: the ledger is newest first, and the filter narrows it.
  const [year, setYear] = useState<string | null>(null)
  const [kind, setKind] = useState<AffairKind | null>(null)
  const load = useLoader(() => affairsApi.ledger({ year: year ?? undefined, kind: kind ?? undefined }, true), { deps: [year, kind] })
  const ledger = load.data
  return (
    <Page>
      <Card title={ledger ? `${ledger.neighbourhood.name} 居务公开` : '居务公开'} className='af-filters'>
        <Text className='card__note'>由本应用根据议事记录自动生成，不能修改；更正会另起一条并保留原记录。对哪条有疑问，点进去就能向居委会提问。</Text>
        <Picker mode='selector' range={YEAR_NAMES} value={YEARS.indexOf(year)} onChange={(e) => setYear(YEARS[Number(e.detail.value)] ?? null)}>
          <ListRow label='年份' value={<Text className='list-row__text'>{year ? `${year}年` : '全部年份'}</Text>} arrow />
        </Picker>
        <Picker mode='selector' range={KIND_NAMES} value={KINDS.indexOf(kind)} onChange={(e) => setKind(KINDS[Number(e.detail.value)] ?? null)}>
          <ListRow label='类别' value={<Text className='list-row__text'>{kind ? AFFAIR_KIND_NAMES[kind] : '全部类别'}</Text>} arrow />
        </Picker>
      </Card>
      <LoadState load={load} title='居务公开没有加载出来' text={load.error ?? undefined} />
      {ledger && ledger.entries.length === 0 && <EmptyState title='这段时间还没有公开记录' text='换一个年份或类别看看。' />}
      {ledger?.entries.map((e) => <EntryCard key={e.key} entry={e} />)}
      {ledger && (
        <Card title='居务监督委员会'>
          {ledger.supervisors.length === 0 ? (
            <Text className='card__text'>居委会还没有任命监督委员会成员。</Text>
          ) : (
            <Text className='card__text'>成员：{ledger.supervisors.map((m) => m.label).join('、')}</Text>
          )}
          <Text className='card__note'>成员由居委会从本居民区认证居民中任命，可以把公开不完整的记录标记出来，居委会答复前标记一直显示。</Text>
        </Card>
      )}
    </Page>
  )
}

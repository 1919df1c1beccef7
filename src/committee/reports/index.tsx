import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ComparisonRow, Ledger, StreetLedger, UnitNode } from '@yishi/types'
import { ledgerPeriodsOf } from '@yishi/types'
import { shanghaiDay, shanghaiYear } from '@yishi/types/time'
import { Page, PageNotice } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { ListRow } from '@/shared/ui/ListRow'
import { LoadState } from '@/shared/ui/LoadState'
import { useAction } from '@/shared/hooks/useAction'
import { loadErrorText, useLoader } from '@/shared/hooks/useLoader'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { adminStreet } from '@/community/api'
import { committeeSurveysApi } from '@/committee/surveys/api'
import { downloadExport } from '@/committee/surveys/export'
import { servedNeighbourhoods } from '@/committee/surveys/units'
import { figureText, ledgerDownloadPath, reportsApi, type LedgerFormat } from '@/reports/api'
import '@/indicators/indicators.css'

const THIS_YEAR = Number(shanghaiYear(Date.now()))
// This year's periods first, then last year's (the 台账 for the year just ended is asked for in January).
const PERIODS = [...ledgerPeriodsOf(THIS_YEAR), ...ledgerPeriodsOf(THIS_YEAR - 1)]

const Row = ({ label, value }: { label: string; value: string }) => <ListRow label={label} value={<Text className='list-row__text'>{value}</Text>} />

/** One 居民区's 台账 on screen: the same parts as the downloads, in short. */
function LedgerView({ l }: { l: Ledger }) {
  const p = l.participation
  return (
    <View>
      <Card title='会议召开情况'>
        {l.meetings.counts.map((c) => (
          <Row key={c.kind} label={c.name} value={`${c.count} 次 · ${c.attendance} 人次`} />
        ))}
      </Card>
      <Card title='提案办理情况'>
        {l.proposals.stages.map((s) => (
          <Row key={s.stage} label={s.name} value={`${s.count} 件${s.medianDays !== null ? ` · 中位 ${s.medianDays} 天` : ''}`} />
        ))}
        <Row label='超期提案' value={`${l.proposals.overdue.length} 件`} />
        {l.proposals.overdue.map((o) => (
          <Text className='ix-missing__item' key={o.id}>
            • {o.title}（{o.stateName}，超期 {o.daysOverdue} 天）
          </Text>
        ))}
      </Card>
      <Card title='居民参与情况'>
        <Row label='已认证户' value={`${p.verifiedHouseholds} / ${p.households} 户 · ${figureText(p.verifiedRate, 'rate')}`} />
        <Row label='附议' value={`${p.cosigns} 人次`} />
        <Row label='投票参与率' value={`${figureText(p.voteTurnout, 'rate')}（${p.votes.length} 次投票）`} />
        <Row label='议事厅发言' value={`${p.posts} 条`} />
        <Row label='问卷回收率' value={`${figureText(p.surveyResponseRate, 'rate')}（${p.surveys.length} 份问卷）`} />
      </Card>
      <Card title='资金使用情况'>
        <Row label='项目预算' value={figureText(l.money.planned, 'yuan')} />
        <Row label='累计支出' value={figureText(l.money.spent, 'yuan')} />
        <Row label='本期支出' value={figureText(l.money.spentInPeriod, 'yuan')} />
        {l.money.lines.map((m) => (
          <Text className='ix-missing__item' key={`${m.source}-${m.ref.id}`}>
            • {m.title}：已支出 {figureText(m.spent, 'yuan')}，预算 {figureText(m.planned, 'yuan')}
          </Text>
        ))}
      </Card>
      <Card title={`评估指标（${l.index.period.label}）`}>
        <Row label='总分' value={`${l.index.total} / ${l.index.max}`} />
        {l.index.radar.map((r) => (
          <Row key={r.id} label={r.name} value={`${r.points} / ${r.max}`} />
        ))}
      </Card>
    </View>
  )
}

/** Every 居民区 of the 街镇, one figure per line. */
function StreetView({ s }: { s: StreetLedger }) {
  return (
    <Card title='各居民区对比'>
      {s.rows.map((r: ComparisonRow) => (
        <View key={r.key} className='list-row'>
          <Text className='list-row__label'>{r.name.replace(/（.+）$/, '')}</Text>
          <View className='list-row__value'>
            <Text className='list-row__text'>{s.neighbourhoods.map((n, i) => `${n.name.replace(/居民区$/, '')} ${figureText(r.values[i], r.unit)}`).join('　')}</Text>
          </View>
        </View>
      ))}
    </Card>
  )
}

/** 工作台账: what a 居民区 did in a period, computed from its records, with the .xlsx and PDF for the 街镇. */
export default function ReportsPage() {
  const me = useMe()
  const street = adminStreet(me)
  const [tree, setTree] = useState<UnitNode[]>([])
  // For a 街镇's staff: null is every 居民区 side by side.
  const [unitId, setUnitId] = useState<number | null>(null)
  const [period, setPeriod] = useState<string>(String(THIS_YEAR))
  const action = useAction()

  const load = useLoader(
    async (): Promise<{ ledger: Ledger | null; street: StreetLedger | null }> => {
      if (street && !tree.length) setTree((await committeeSurveysApi.units()).units)
      if (street && unitId === null) return { ledger: null, street: await reportsApi.street({ unitId: street.id, period }, true) }
      return { ledger: await reportsApi.ledger({ unitId: unitId ?? undefined, period }, true), street: null }
    },
    { enabled: isCommittee(me), deps: [unitId, period], errorText: (e) => loadErrorText(e, '台账没有加载出来') },
  )

  if (me && !isCommittee(me)) return <PageNotice title='只有居委会和街镇工作人员可以查看工作台账' />

  const nbs = servedNeighbourhoods(me, tree)
  const unitOptions = [{ id: null, name: '全部居民区对比' }, ...nbs.map((n) => ({ id: n.id as number | null, name: n.name }))]
  const periodIndex = Math.max(0, PERIODS.findIndex((p) => p.id === period))
  const shown = load.data?.ledger ?? load.data?.street ?? null
  const download = (format: LedgerFormat) => {
    if (!shown) return
    const q = { unitId: shown.unit.id, period: shown.period.id, street: load.data?.street != null }
    void action.run(format, () => downloadExport(ledgerDownloadPath(q, format), `台账-${shown.unit.name}-${shown.period.label}`, format))
  }

  return (
    <Page>
      <View className='ix-pickers'>
        {street && (
          <Picker
            className='ix-picker'
            mode='selector'
            range={unitOptions.map((u) => u.name)}
            value={Math.max(0, unitOptions.findIndex((u) => u.id === unitId))}
            onChange={(e) => setUnitId(unitOptions[Number(e.detail.value)]?.id ?? null)}
          >
            <View className='ix-picker__box'>
              <Text>{unitOptions.find((u) => u.id === unitId)?.name ?? '全部居民区对比'}</Text>
              <Text className='list-row__arrow'>›</Text>
            </View>
          </Picker>
        )}
        <Picker className='ix-picker' mode='selector' range={PERIODS.map((p) => p.label)} value={periodIndex} onChange={(e) => setPeriod(PERIODS[Number(e.detail.value)]?.id ?? String(THIS_YEAR))}>
          <View className='ix-picker__box' id='ledger-period'>
            <Text>{PERIODS[periodIndex]?.label}</Text>
            <Text className='list-row__arrow'>›</Text>
          </View>
        </Picker>
      </View>

      <LoadState load={load} title='台账没有加载出来' text={load.error ?? undefined} loading='正在汇总…' />

      {shown && (
        <View>
          <Card title={`${shown.unit.name} · ${shown.period.label}`} tone='accent'>
            <Text className='ix-line'>
              {shown.period.start} 至 {shown.period.end}，数据截至 {shanghaiDay(Date.parse(shown.asOf) - 1)}。由本应用的记录自动汇总，无需手工填报。
            </Text>
            <View className='btn-row ix-exports'>
              <Button kind='secondary' loading={action.busy === 'xlsx'} onClick={() => download('xlsx')}>
                下载 Excel
              </Button>
              <Button kind='secondary' loading={action.busy === 'pdf'} onClick={() => download('pdf')}>
                下载 PDF
              </Button>
            </View>
          </Card>
          {load.data?.ledger && <LedgerView l={load.data.ledger} />}
          {load.data?.street && <StreetView s={load.data.street} />}
        </View>
      )}
    </Page>
  )
}

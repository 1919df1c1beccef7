import Taro, { useRouter } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { IndexParentResult } from '@yishi/types/scoring'
import type { UnitNode } from '@yishi/types'
import { shanghaiYear } from '@yishi/types/time'
import { Page, PageNotice } from '@/accounts/Page'
import { Card, Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { LoadState } from '@/shared/ui/LoadState'
import { useAction } from '@/shared/hooks/useAction'
import { loadErrorText, useLoader } from '@/shared/hooks/useLoader'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { indicatorsApi, indicatorsExportPath } from '@/indicators/api'
import { Delta, FirstLevelCard } from '@/indicators/IndexTree'
import { Radar } from '@/indicators/Radar'
import { isLeafResult, leafResults, periodOptions, shownDeltas } from '@/indicators/tree'
import { INDICATOR_INPUTS_PAGE } from '@/surveys/routes'
import { committeeSurveysApi } from '@/committee/surveys/api'
import { downloadExport, type ExportFormat } from '@/committee/surveys/export'
import { isAdmin, servedNeighbourhoods } from '@/committee/surveys/units'
import { Comparison } from './Comparison'
import '@/indicators/indicators.css'

const THIS_YEAR = Number(shanghaiYear(Date.now()))
const PERIODS = periodOptions(THIS_YEAR)

/** 评估指标: the 100-point index of a 居民区 for a period, from questionnaires, the platform's records and manual entries. */
export default function IndicatorsPage() {
  const router = useRouter()
  const me = useMe()
  const admin = isAdmin(me)
  const [tree, setTree] = useState<UnitNode[]>([])
  const [unitId, setUnitId] = useState<number | undefined>(Number(router.params.unitId) || undefined)
  const [period, setPeriod] = useState<string>(router.params.period || String(THIS_YEAR))
  const action = useAction()

  const load = useLoader(
    async () => {
      let units = tree
      if (admin && !units.length) {
        units = (await committeeSurveysApi.units()).units
        setTree(units)
      }
      // A 街镇 admin looks at one 居民区 at a time: the first one unless chosen.
      const u = unitId ?? (admin ? servedNeighbourhoods(me, units)[0]?.id : undefined)
      return indicatorsApi.report({ unitId: u, period }, true)
    },
    { enabled: isCommittee(me), deps: [unitId, period], errorText: (e) => loadErrorText(e, '没有加载出来') },
  )
  const report = load.data
  const shownUnit = unitId ?? report?.unit.id

  if (me && !isCommittee(me)) {
    return <PageNotice title='只有居委会和街镇工作人员可以查看评估指标' text='居民可以在“问卷”页看到调查结果的公开摘要。' />
  }

  const nbs = servedNeighbourhoods(me, tree)
  const periodIndex = Math.max(0, PERIODS.findIndex((p) => p.id === period))
  const exportAs = (format: ExportFormat) => {
    if (!report) return
    void action.run(format, () =>
      downloadExport(indicatorsExportPath({ unitId: report.unit.id, period: report.period.id }, format), `评估指标-${report.unit.name}-${report.period.label}`, format),
    )
  }

  const deltas = report ? shownDeltas(report) : new Map()
  const leaves = report ? leafResults(report.result) : []
  const missing = leaves.filter((l) => l.missing && !report?.provenance[l.id]?.used)
  const partlyMissing = leaves.filter((l) => l.missing && report?.provenance[l.id]?.used)
  const provisional = leaves.filter((l) => l.provisional)
  const bySource = { questionnaire: 0, platform: 0, manual: 0, mixed: 0 }
  for (const l of leaves) {
    const used = report?.provenance[l.id]?.used
    if (used) bySource[used]++
  }

  return (
    <Page>
      <View className='ix-pickers'>
        {admin && nbs.length > 1 && (
          <Picker
            className='ix-picker'
            mode='selector'
            range={nbs.map((n) => n.name)}
            value={Math.max(0, nbs.findIndex((n) => n.id === shownUnit))}
            onChange={(e) => setUnitId(nbs[Number(e.detail.value)]?.id)}
          >
            <View className='ix-picker__box'>
              <Text>{nbs.find((n) => n.id === shownUnit)?.name ?? '选择居民区'}</Text>
              <Text className='list-row__arrow'>›</Text>
            </View>
          </Picker>
        )}
        <Picker
          className='ix-picker'
          mode='selector'
          range={PERIODS.map((p) => p.label)}
          value={periodIndex}
          onChange={(e) => setPeriod(PERIODS[Number(e.detail.value)]?.id ?? String(THIS_YEAR))}
        >
          <View className='ix-picker__box' id='period-picker'>
            <Text>{PERIODS[periodIndex]?.label}</Text>
            <Text className='list-row__arrow'>›</Text>
          </View>
        </Picker>
      </View>

      {admin && nbs.length > 1 && <Comparison period={period} />}

      <LoadState load={load} title='评估指标没有加载出来' text={load.error ?? undefined} loading='正在计算…' />

      {report && (
        <View>
          <Card title={`${report.unit.name} · ${report.period.label}`} tone='accent'>
            <View className='ix-total'>
              <Text className='ix-total__points' id='index-total'>
                {report.result.total}
              </Text>
              <Text className='ix-total__max'>/ {report.result.max} 分</Text>
              <Delta shown={deltas.get(report.result.id)} label={`比${report.previous.period.label} `} />
            </View>
            <Text className='ix-line'>
              {report.definition.name}（{report.definition.source}）
            </Text>
            <Text className='ix-line'>
              {leaves.length} 项三级指标：问卷 {bySource.questionnaire} 项 · 平台记录 {bySource.platform} 项 · 手工录入 {bySource.manual} 项
              {bySource.mixed ? ` · 多来源 ${bySource.mixed} 项` : ''}
            </Text>
            <Text className='ix-line'>
              缺数据 {missing.length} 项 · 暂定 {provisional.length} 项
            </Text>
          </Card>

          <Card title='四项一级指标'>
            <Radar points={report.radar} previous={report.previous.radar} previousLabel={report.previous.period.label} />
          </Card>

          {(missing.length > 0 || partlyMissing.length > 0) && (
            <Card title='还缺的数据' tone='warn'>
              {missing.map((l) => (
                <Text className='ix-missing__item' key={l.id}>
                  • {l.name}（{l.max} 分）：{l.kind === 'questionnaire' ? '需要本期结束的一轮问卷（至少 10 人有效回答）' : '请街镇工作人员录入'}
                </Text>
              ))}
              {partlyMissing.map((l) => (
                <Text className='ix-missing__item' key={l.id}>
                  • {l.name}：部分分项还没有数据
                </Text>
              ))}
              <Text className='card__note'>缺数据的项目按 0 分计算。</Text>
            </Card>
          )}

          <View className='btn-row ix-exports'>
            <Button kind='secondary' loading={action.busy === 'xlsx'} onClick={() => exportAs('xlsx')}>
              导出 Excel
            </Button>
            <Button kind='secondary' loading={action.busy === 'csv'} onClick={() => exportAs('csv')}>
              导出 CSV
            </Button>
          </View>
          {admin && (
            <Button
              className='card__action'
              onClick={() => Taro.navigateTo({ url: `${INDICATOR_INPUTS_PAGE}?unitId=${report.unit.id}&period=${report.period.id}` })}
            >
              录入评估数据
            </Button>
          )}

          <Section title='指标明细'>
            <Text className='hint'>
              每项注明数据来源：问卷（最近一轮结束的问卷）、平台记录（本应用的记录）、手工录入（街镇工作人员）。右侧是与{report.previous.period.label}相比的变化。
            </Text>
            {report.result.children.map((n) =>
              isLeafResult(n) ? null : <FirstLevelCard key={n.id} node={n as IndexParentResult} report={report} deltas={deltas} />,
            )}
          </Section>
        </View>
      )}
    </Page>
  )
}

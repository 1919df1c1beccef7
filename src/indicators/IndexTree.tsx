import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { IndexLeafResult, IndexNodeResult, IndexParentResult } from '@yishi/types/scoring'
import type { IndexReport, LeafProvenance } from '@yishi/types'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { formatDateTime } from '@/shared/format'
import { deltaText, deltaTone, isLeafResult, leafResults, sourceName, type DeltaShown } from './tree'
import './indicators.css'

const SOURCE_TONE = { questionnaire: 'accent', platform: 'success', manual: 'neutral', mixed: 'neutral' } as const

export function Delta({ shown, label }: { shown: DeltaShown | undefined; label?: string }) {
  if (!shown) return null
  if ('gap' in shown) return <Text className='ix-delta ix-delta--flat'>{shown.gap}</Text>
  return (
    <Text className={`ix-delta ix-delta--${deltaTone(shown.delta)}`}>
      {label ?? ''}
      {deltaText(shown.delta)}
    </Text>
  )
}

function Provenance({ p, used }: { p: Omit<LeafProvenance, 'parts'>; used: LeafProvenance['used'] }) {
  return (
    <View>
      {p.questionnaire && (
        <Text className='ix-prov'>
          问卷：《{p.questionnaire.title}》{formatDateTime(p.questionnaire.closedAt)} 结束，有效 {p.questionnaire.n} 份
          {p.questionnaire.status === 'insufficient_sample' ? '（低于所需样本量，暂定）' : ''}
        </Text>
      )}
      {p.platform && (
        <Text className='ix-prov'>
          平台记录：{p.platform.detail}
          {used !== 'platform' && used !== 'mixed' && p.manual ? '（未采用，以手工录入为准）' : ''}
        </Text>
      )}
      {p.manual && (
        <Text className='ix-prov'>
          手工录入：{p.manual.enteredBy.label} 于 {formatDateTime(p.manual.enteredAt)} 录入{p.manual.note ? `（${p.manual.note}）` : ''}
          {used === 'questionnaire' ? '（有问卷，未采用）' : ''}
        </Text>
      )}
    </View>
  )
}

function LeafBadges({ leaf, used }: { leaf: IndexLeafResult; used: LeafProvenance['used'] }) {
  return (
    <View className='ix-badges'>
      {used ? <Badge tone={SOURCE_TONE[used]}>{sourceName(used)}</Badge> : <Badge tone='danger'>缺数据</Badge>}
      {used && leaf.missing && <Badge tone='danger'>部分缺数据</Badge>}
      {leaf.provisional && <Badge tone='warn'>暂定</Badge>}
    </View>
  )
}

function LeafRow({ leaf, report, deltas }: { leaf: IndexLeafResult; report: IndexReport; deltas: Map<string, DeltaShown> }) {
  const prov = report.provenance[leaf.id]
  const used = prov?.used ?? null
  return (
    <View className='ix-leaf' id={`leaf-${leaf.id}`}>
      <View className='ix-leaf__head'>
        <Text className='ix-leaf__name'>{leaf.name}</Text>
        <Text className={`ix-leaf__points ${leaf.missing && !used ? 'ix-leaf__points--missing' : ''}`}>
          {leaf.points} / {leaf.max}
        </Text>
        <Delta shown={deltas.get(leaf.id)} />
      </View>
      <LeafBadges leaf={leaf} used={used} />
      <Text className='ix-explain'>{leaf.explanation}</Text>
      {prov && !leaf.parts && <Provenance p={prov} used={used} />}
      {leaf.parts?.map((part) => {
        const pp = prov?.parts?.[part.id]
        return (
          <View className='ix-part' key={part.id}>
            <View className='ix-leaf__head'>
              <Text className='ix-part__name'>{part.name}</Text>
              <Text className='ix-leaf__points'>
                {part.points} / {part.max}
              </Text>
            </View>
            <LeafBadges leaf={part} used={pp?.used ?? null} />
            <Text className='ix-explain'>{part.explanation}</Text>
            {pp && <Provenance p={pp} used={pp.used} />}
          </View>
        )
      })}
      {leaf.evidence && !used && <Text className='ix-prov'>本应用可提供：{leaf.evidence}（还没有记录）</Text>}
    </View>
  )
}

function share(n: { points: number; max: number }): string {
  return `${n.max > 0 ? Math.round((n.points / n.max) * 100) : 0}%`
}

/** What a closed first-level card says of what it holds: "3 项二级指标 · 9 项三级指标 · 缺数据 2 项 · 暂定 1 项". */
export function firstLevelSummary(node: IndexParentResult): string {
  const leaves = leafResults(node)
  const groups = node.children.filter((c) => !isLeafResult(c)).length
  const missing = leaves.filter((l) => l.missing).length
  const provisional = leaves.filter((l) => l.provisional).length
  return [
    groups ? `${groups} 项二级指标` : null,
    `${leaves.length} 项三级指标`,
    missing ? `缺数据 ${missing} 项` : null,
    provisional ? `暂定 ${provisional} 项` : null,
  ]
    .filter(Boolean)
    .join(' · ')
}

/** One first-level indicator: its points and a summary line; opened, the second-level groups and every leaf with its source. */
export function FirstLevelCard({ node, report, deltas }: { node: IndexParentResult; report: IndexReport; deltas: Map<string, DeltaShown> }) {
  const [open, setOpen] = useState(false)
  const renderNode = (n: IndexNodeResult) =>
    isLeafResult(n) ? (
      <LeafRow key={n.id} leaf={n} report={report} deltas={deltas} />
    ) : (
      <View className='ix-group' key={n.id}>
        <View className='ix-group__head'>
          <Text className='ix-group__name'>{n.name}</Text>
          <Text className='ix-group__points'>
            {n.points} / {n.max}
            <Delta shown={deltas.get(n.id)} />
          </Text>
        </View>
        {n.children.map(renderNode)}
      </View>
    )
  return (
    <Card>
      <View className='ix-head'>
        <Text className='ix-head__name'>{node.name}</Text>
        <Text className='ix-head__points'>
          {node.points} / {node.max} 分
        </Text>
        <Delta shown={deltas.get(node.id)} />
      </View>
      <View className='ix-bar'>
        <View className='ix-bar__fill' style={{ width: share(node) }} />
      </View>
      <Text className='ix-line ix-summary'>{firstLevelSummary(node)}</Text>
      <Button kind='plain' className='ix-toggle' onClick={() => setOpen(!open)}>
        {open ? '收起明细' : '展开明细'}
      </Button>
      {open && node.children.map(renderNode)}
    </Card>
  )
}

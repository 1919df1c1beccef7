import type {
  ChecklistInput,
  IndexDefinition,
  IndexInputValue,
  IndexLeaf,
  IndexLeafResult,
  IndexNode,
  IndexNodeResult,
  IndexResult,
  IndexRule,
  LeafSource,
  RelativeInput,
} from '@yishi/types/scoring'
import type { IndexReport, LeafProvenance } from '@yishi/types'

// Reading the index for the dashboard and the manual-input form: source names, deltas, periods, the
// leaves an admin can enter and how their values read and parse. Pure; tested in
// __tests__/app/surveys-indicators.test.tsx.

export const SOURCE_NAMES: Record<LeafSource, string> = {
  questionnaire: '问卷',
  platform: '平台记录',
  manual: '手工录入',
  mixed: '多来源',
}

export function sourceName(used: LeafProvenance['used'] | undefined): string {
  return used ? SOURCE_NAMES[used] : '缺数据'
}

export const isLeafResult = (n: IndexNodeResult): n is IndexLeafResult => !('children' in n)

/** Every leaf result of the tree, in order. */
export function leafResults(result: Pick<IndexResult, 'children'>): IndexLeafResult[] {
  const out: IndexLeafResult[] = []
  const visit = (n: IndexNodeResult) => (isLeafResult(n) ? out.push(n) : n.children.forEach(visit))
  result.children.forEach(visit)
  return out
}

/** "+1.5", "−0.75", "持平"; points change with at most 2 decimals. */
export function deltaText(delta: number): string {
  const d = Math.round(delta * 100) / 100
  if (d === 0) return '持平'
  return d > 0 ? `+${d}` : `−${Math.abs(d)}`
}

export const deltaTone = (delta: number): 'up' | 'down' | 'flat' => (Math.round(delta * 100) === 0 ? 'flat' : delta > 0 ? 'up' : 'down')

/** A node's change since the previous period, or why there is none to show. */
export type DeltaShown = { delta: number } | { gap: string }

/** Leaf ids under each node of a result tree (the root's id included). */
function leavesByNode(result: Pick<IndexResult, 'id' | 'children'>): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const walk = (n: IndexNodeResult): string[] => {
    const leaves = 'children' in n ? n.children.flatMap(walk) : [n.id]
    out.set(n.id, leaves)
    return leaves
  }
  out.set(result.id, result.children.flatMap(walk))
  return out
}

/**
 * The changes since the previous period, except where that period had no data under a node: a rise from
 * a 0 that only meant "not entered" is not a rise, so it reads "2025年缺数据" (or 部分缺数据) instead.
 */
export function shownDeltas(report: Pick<IndexReport, 'deltas' | 'previous' | 'result'>): Map<string, DeltaShown> {
  const leaves = leavesByNode(report.result)
  const gaps = new Set(report.previous.result.missing)
  const label = report.previous.period.label
  return new Map(
    report.deltas.map((d): [string, DeltaShown] => {
      const under = leaves.get(d.id) ?? [d.id]
      const missing = under.filter((l) => gaps.has(l)).length
      if (missing === 0) return [d.id, { delta: d.delta }]
      return [d.id, { gap: `${label}${missing === under.length ? '' : '部分'}缺数据` }]
    }),
  )
}

// ---- periods ----------------------------------------------------------------------------------------

export interface PeriodOption {
  id: string
  label: string
}

export function periodLabel(id: string): string {
  const m = /^(\d{4})(H[12])?$/.exec(id)
  if (!m) return id
  return m[2] ? `${m[1]}年${m[2] === 'H1' ? '上半年' : '下半年'}` : `${m[1]}年`
}

/** This year and the two before, each as a whole year and its halves, newest first. */
export function periodOptions(year: number, years = 3): PeriodOption[] {
  const out: PeriodOption[] = []
  for (let y = year; y > year - years; y--) for (const id of [`${y}`, `${y}H2`, `${y}H1`]) out.push({ id, label: periodLabel(id) })
  return out
}

// ---- manual entries ---------------------------------------------------------------------------------

/** A rule with its configurable wrapper removed. */
export const innerRule = (rule: IndexRule): IndexRule => (rule.kind === 'configurable' ? innerRule(rule.rule) : rule)

export interface ManualField {
  /** The key of the PUT body: `leafId` or `leafId.partId`. */
  key: string
  leafId: string
  name: string
  /** [一级, 二级] names. */
  path: string[]
  max: number
  rule: IndexRule
  evidence?: string
  /** A questionnaire leaf: a 0–1 score rate, used only when no closed wave exists in the period. */
  questionnaire: boolean
}

/** Every value an admin can enter, in the definition's order (parts of a sum leaf one by one). */
export function manualFields(def: IndexDefinition): ManualField[] {
  const out: ManualField[] = []
  const visit = (node: IndexNode, path: string[]) => {
    if (!('rule' in node)) {
      node.children.forEach((c) => visit(c, [...path, node.name]))
      return
    }
    const leaf = node as IndexLeaf
    const rule = innerRule(leaf.rule)
    if (rule.kind === 'sum') {
      for (const part of rule.parts) {
        out.push({
          key: `${leaf.id}.${part.id}`,
          leafId: leaf.id,
          name: `${leaf.name} · ${part.name}`,
          path,
          max: part.max,
          rule: innerRule(part.rule),
          evidence: part.evidence ?? leaf.evidence,
          questionnaire: false,
        })
      }
      return
    }
    out.push({ key: leaf.id, leafId: leaf.id, name: leaf.name, path, max: leaf.max, rule, evidence: leaf.evidence, questionnaire: rule.kind === 'questionnaire' })
  }
  def.children.forEach((c) => visit(c, []))
  return out
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`

/** How an entered value reads: "86%", "5 个（同类平均 4 个）", "联席会议 ✓ · 资源共享 ✗", "2 分". */
export function formatInputValue(rule: IndexRule, value: IndexInputValue | null | undefined, unitHint?: string): string {
  if (value === null || value === undefined) return '（已清除）'
  const r = innerRule(rule)
  switch (r.kind) {
    case 'bands':
    case 'questionnaire':
      return typeof value === 'number' ? pct(value) : '—'
    case 'relativeBands': {
      const v = value as RelativeInput
      return typeof v?.value === 'number' ? `${v.value} ${r.unit}（同类平均 ${v.peerAverage} ${r.unit}）` : '—'
    }
    case 'checklist': {
      const v = value as ChecklistInput
      return r.items
        .map((i) => `${i.label} ${v?.[i.id] === true ? '✓' : v?.[i.id] === false ? '✗' : '未填'}`)
        .join('；')
    }
    case 'perCount':
      return typeof value === 'number' ? `${value} ${r.unit}` : '—'
    case 'expert':
      return typeof value === 'number' ? `${value} 分` : '—'
    default:
      return unitHint ?? JSON.stringify(value)
  }
}

/** The editor's raw state for one field. Checklist items: true / false / null (not known). */
export interface FieldDraft {
  text?: string
  peer?: string
  checks?: Record<string, boolean | null>
}

export function draftFrom(rule: IndexRule, value: IndexInputValue | null | undefined): FieldDraft {
  const r = innerRule(rule)
  if (value === null || value === undefined) return r.kind === 'checklist' ? { checks: {} } : { text: '', peer: '' }
  switch (r.kind) {
    case 'bands':
    case 'questionnaire':
      return { text: typeof value === 'number' ? String(Math.round(value * 1000) / 10) : '' }
    case 'relativeBands': {
      const v = value as RelativeInput
      return { text: String(v.value ?? ''), peer: String(v.peerAverage ?? '') }
    }
    case 'checklist': {
      const v = value as ChecklistInput
      return { checks: Object.fromEntries(r.items.map((i) => [i.id, typeof v?.[i.id] === 'boolean' ? (v[i.id] as boolean) : null])) }
    }
    default:
      return { text: typeof value === 'number' ? String(value) : '' }
  }
}

const num = (s: string | undefined): number | null => {
  const t = (s ?? '').trim()
  if (!t) return null
  const n = Number(t)
  return Number.isFinite(n) ? n : NaN
}

/**
 * The value to send from an editor, `undefined` when the field is left empty, or an error (in Chinese).
 * Percentages are typed as 0–100 and sent as 0–1.
 */
export function parseField(field: Pick<ManualField, 'rule' | 'max'>, d: FieldDraft): { value?: IndexInputValue; error?: string } {
  const r = innerRule(field.rule)
  switch (r.kind) {
    case 'bands':
    case 'questionnaire': {
      const n = num(d.text)
      if (n === null) return {}
      if (Number.isNaN(n) || n < 0 || n > 100) return { error: '请填写 0–100 之间的百分数' }
      return { value: Math.round(n * 10) / 1000 }
    }
    case 'relativeBands': {
      const v = num(d.text)
      const p = num(d.peer)
      if (v === null && p === null) return {}
      if (v === null || p === null || Number.isNaN(v) || Number.isNaN(p)) return { error: `请同时填写本社区和同类社区平均的${r.unit === '万元' ? '金额' : '数量'}` }
      if (v < 0 || p < 0) return { error: '不能是负数' }
      if (p === 0) return { error: '同类社区平均不能是 0' }
      return { value: { value: v, peerAverage: p } }
    }
    case 'checklist': {
      const checks = d.checks ?? {}
      const known = r.items.filter((i) => typeof checks[i.id] === 'boolean')
      if (known.length === 0) return {}
      return { value: Object.fromEntries(known.map((i) => [i.id, checks[i.id] as boolean])) }
    }
    case 'perCount': {
      const n = num(d.text)
      if (n === null) return {}
      if (Number.isNaN(n) || n < 0 || !Number.isInteger(n)) return { error: `请填写 0 或正整数（${r.unit}）` }
      return { value: n }
    }
    case 'expert': {
      const n = num(d.text)
      if (n === null) return {}
      if (Number.isNaN(n) || n < 0 || n > field.max) return { error: `请填写 0–${field.max} 分` }
      return { value: n }
    }
    default:
      return {}
  }
}

/** Whether two values are the same entry (so an unchanged field is not sent again). */
export function sameValue(a: IndexInputValue | null | undefined, b: IndexInputValue | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}


/** The scoring rule in one line, for the form: "90%以上 3 分；80%–89% 2 分；60%–79% 1 分". */
export function ruleText(rule: IndexRule, max: number): string {
  const r = innerRule(rule)
  switch (r.kind) {
    case 'bands':
      return `${r.measure}：${r.bands.map((b) => `${b.label} ${b.points} 分`).join('；')}`
    case 'relativeBands':
      return `${r.measure}，与同类社区平均相比：${r.bands.map((b) => `${b.label} ${b.points} 分`).join('；')}`
    case 'checklist':
      return r.items.map((i) => `${i.label} ${i.points} 分`).join('；')
    case 'perCount':
      return `${r.measure}：每${r.unit} ${r.pointsEach} 分，最多 ${r.cap} 分`
    case 'expert':
      return `${r.measure}：0–${max} 分`
    case 'questionnaire':
      return `问卷得分率（0–100%），只在本期没有有效问卷时使用；满分 ${max} 分`
    default:
      return ''
  }
}

// Scoring one indicator (a leaf of the index) from its input, with a Chinese explanation of
// every point. Invalid inputs throw IndexInputError naming the node; missing ones score 0.

import {
  IndexInputError,
  type Band,
  type BandsRule,
  type ChecklistRule,
  type IndexInput,
  type IndexInputValue,
  type IndexLeaf,
  type IndexLeafResult,
  type IndexRule,
  type InputSource,
  type InstrumentScore,
  type LeafSource,
  type PerCountRule,
  type QuestionnaireRule,
  type RelativeBandsRule,
  type SumRule,
} from '../../types/scoring'
import { formatPercent, formatPercentInBand, formatPoints, roundHalfUp } from './format'

/** Inputs computed upstream (a rate from two counts, a sum of shares) may carry float noise. */
const TOLERANCE = 1e-9

/** value ≥ bound, forgiving float noise: 33 ≥ 1.1 × 30 (= 33.000000000000004). */
const atLeast = (value: number, bound: number): boolean => value >= bound - TOLERANCE * Math.max(1, Math.abs(bound))

const SOURCES: readonly string[] = ['questionnaire', 'platform', 'manual'] satisfies InputSource[]

type Value = IndexInputValue | null | undefined

/** What a rule gives before it becomes a leaf result. */
interface Outcome {
  raw: number
  text: string
  missingParts?: string[]
  provisional?: boolean
  parts?: IndexLeafResult[]
  /** Set by sums, whose source follows their parts. */
  source?: LeafSource
  /** The input came but holds no data (a questionnaire with no valid responses). */
  missing?: boolean
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

function unwrap(input: IndexInput): { value: Value; source?: InputSource } {
  if (isRecord(input) && 'value' in input && typeof input.source === 'string' && SOURCES.includes(input.source)) {
    return { value: input.value as Value, source: input.source as InputSource }
  }
  return { value: input as Value }
}

const formatNumber = (x: number): string => String(roundHalfUp(x, 2))

function requireNumber(node: IndexLeaf, value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new IndexInputError('not_a_number', node.id, `${node.name}：${what}应为数字，收到 ${String(value)}`)
  }
  return value
}

/** A number in [lo, hi] (float noise forgiven, then clamped). */
function requireInRange(node: IndexLeaf, value: unknown, lo: number, hi: number, what: string): number {
  const x = requireNumber(node, value, what)
  if (x < lo - TOLERANCE || x > hi + TOLERANCE) {
    const expected = hi === Infinity ? `不能小于 ${lo}` : `应在 ${lo}–${hi} 之间`
    throw new IndexInputError('out_of_range', node.id, `${node.name}：${what}${expected}，收到 ${x}`)
  }
  return Math.min(hi, Math.max(lo, x))
}

function requireRecord(node: IndexLeaf, value: IndexInputValue, known: string[]): Record<string, unknown> {
  if (!isRecord(value)) throw new IndexInputError('invalid_shape', node.id, `${node.name}：应为按项目 id 填写的记录`)
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new IndexInputError('unknown_item', node.id, `${node.name}：没有“${key}”这一项`)
  }
  return value
}

/** The best band reached (highest points), or null below the lowest. */
function bestBand(bands: Band[], reaches: (band: Band) => boolean): Band | null {
  let best: Band | null = null
  for (const band of bands) if (reaches(band) && (!best || band.points > best.points)) best = band
  return best
}

const lowestBand = (bands: Band[]): Band => bands.reduce((low, band) => (band.min < low.min ? band : low))

function bands(node: IndexLeaf, rule: BandsRule, value: IndexInputValue): Outcome {
  const rate = requireInRange(node, value, 0, 1, '比例')
  const bandOf = (r: number) => bestBand(rule.bands, (band) => atLeast(r, band.min))
  const band = bandOf(rate)
  const shown = formatPercentInBand(rate, (r) => bandOf(r) === band)
  if (!band) {
    return { raw: 0, text: `${rule.measure} ${shown}，低于 ${formatNumber(lowestBand(rule.bands).min * 100)}%，得 0 分` }
  }
  return { raw: band.points, text: `${rule.measure} ${shown}，${band.label} 档，得 ${formatPoints(band.points)} 分` }
}

function relativeBands(node: IndexLeaf, rule: RelativeBandsRule, value: IndexInputValue): Outcome {
  if (!isRecord(value)) throw new IndexInputError('invalid_shape', node.id, `${node.name}：应为 {value, peerAverage}`)
  const own = requireInRange(node, value.value, 0, Infinity, '本社区数值')
  const average = requireInRange(node, value.peerAverage, 0, Infinity, '同类社区平均值')
  // With a zero peer average, any positive value exceeds it by more than every band.
  const reaches = (band: Band) => (average > 0 ? atLeast(own, (1 + band.min) * average) : own > 0 || band.min <= 0)
  const band = bestBand(rule.bands, reaches)
  const { unit, measure } = rule
  let comparison: string
  if (average === 0) {
    comparison = own > 0 ? '同类社区平均为 0，本社区高于平均' : '与同类社区平均持平（均为 0）'
  } else {
    const excess = own / average - 1
    comparison =
      excess >= 0
        ? `高出平均 ${formatPercentInBand(excess, (e) => bestBand(rule.bands, (b) => atLeast(e, b.min)) === band)}`
        : `低于平均 ${formatPercent(-excess)}`
  }
  const head = `${measure} ${formatNumber(own)} ${unit}，同类社区平均 ${formatNumber(average)} ${unit}，${comparison}`
  if (!band) return { raw: 0, text: `${head}，未达到“${lowestBand(rule.bands).label}”，得 0 分` }
  return { raw: band.points, text: `${head}，达到“${band.label}”档，得 ${formatPoints(band.points)} 分` }
}

function checklist(node: IndexLeaf, rule: ChecklistRule, value: IndexInputValue): Outcome {
  const record = requireRecord(
    node,
    value,
    rule.items.map((item) => item.id),
  )
  let raw = 0
  const missingParts: string[] = []
  const lines = rule.items.map((item) => {
    const answer = record[item.id]
    if (answer === null || answer === undefined) {
      missingParts.push(item.id)
      return `${item.label}：未填写，暂计 0 分`
    }
    if (typeof answer !== 'boolean') {
      throw new IndexInputError('invalid_shape', node.id, `${node.name}：“${item.label}”应为是或否`)
    }
    if (answer) raw += item.points
    return `${item.label}：${answer ? '是' : '否'}，得 ${formatPoints(answer ? item.points : 0)} 分`
  })
  const total = rule.items.length > 1 ? `；合计 ${formatPoints(raw)} 分` : ''
  return { raw, text: lines.join('；') + total, missingParts }
}

function perCount(node: IndexLeaf, rule: PerCountRule, value: IndexInputValue): Outcome {
  const count = requireNumber(node, value, '数量')
  if (count < 0) throw new IndexInputError('negative_count', node.id, `${node.name}：数量不能为负，收到 ${count}`)
  if (!Number.isInteger(count)) throw new IndexInputError('not_integer', node.id, `${node.name}：数量应为整数，收到 ${count}`)
  const raw = Math.min(rule.cap, count * rule.pointsEach)
  const capped = count * rule.pointsEach > rule.cap ? `，${formatPoints(rule.cap)} 分封顶` : ''
  return {
    raw,
    text: `${rule.measure} ${count} ${rule.unit}，每${rule.unit} ${formatPoints(rule.pointsEach)} 分${capped}，得 ${formatPoints(raw)} 分`,
  }
}

function isInstrumentScore(value: IndexInputValue): value is InstrumentScore {
  return isRecord(value) && 'status' in value && 'score' in value
}

function questionnaire(node: IndexLeaf, rule: QuestionnaireRule, value: IndexInputValue): Outcome {
  if (typeof value === 'number') {
    const score = requireInRange(node, value, 0, 1, '问卷得分率')
    return { raw: score * node.max, text: `问卷得分率 ${formatPercent(score)}，得 ${formatPoints(score * node.max)} 分（满分 ${node.max} 分）` }
  }
  if (!isInstrumentScore(value)) throw new IndexInputError('invalid_shape', node.id, `${node.name}：应为问卷结果或 0–1 的得分率`)
  if (value.instrumentId !== undefined && value.instrumentId !== rule.instrument) {
    throw new IndexInputError('instrument_mismatch', node.id, `${node.name}：应为“${rule.instrument}”问卷的结果，收到“${value.instrumentId}”`)
  }
  if (value.score === null) return { raw: 0, text: '暂无有效问卷，暂计 0 分', missing: true }
  const score = requireInRange(node, value.score, 0, 1, '问卷得分率')
  const raw = score * node.max
  const insufficient = value.status === 'insufficient_sample'
  const sample = insufficient && value.requiredN !== null ? `，样本不足（需 ${value.requiredN} 份），结果暂定` : ''
  return {
    raw,
    text: `问卷得分率 ${formatPercent(score)}（有效问卷 ${value.n} 份），得 ${formatPoints(raw)} 分（满分 ${node.max} 分）${sample}`,
    provisional: insufficient,
  }
}

function sum(node: IndexLeaf, rule: SumRule, value: IndexInputValue, source: InputSource | undefined): Outcome {
  const record = requireRecord(
    node,
    value,
    rule.parts.map((part) => part.id),
  )
  const parts = rule.parts.map((part) => {
    try {
      return evaluateLeaf(part, record[part.id] as IndexInput, source)
    } catch (error) {
      // Name the part by its path from the leaf the caller keyed the input by.
      if (!(error instanceof IndexInputError)) throw error
      throw new IndexInputError(error.code, `${node.id}.${error.nodeId}`, `${node.name} · ${error.message}`)
    }
  })
  const raw = parts.reduce((total, part) => total + part.rawPoints, 0)
  // A missing part has no source of its own: only the parts that were given say where the leaf came from.
  const given = parts.filter((part) => !part.missing)
  const sources = new Set((given.length > 0 ? given : parts).map((part) => part.source))
  return {
    raw,
    text: `${parts.map((part) => part.explanation).join('；')}；合计 ${formatPoints(raw)} 分`,
    missingParts: parts.filter((part) => part.missing).map((part) => part.id),
    provisional: parts.some((part) => part.provisional),
    parts,
    source: sources.size === 1 ? [...sources][0] : 'mixed',
  }
}

/** Null when the input is absent. */
function apply(node: IndexLeaf, rule: IndexRule, value: Value, source: InputSource | undefined): Outcome | null {
  if (rule.kind === 'configurable') {
    const outcome = apply(node, rule.rule, value, source)
    if (!outcome || rule.configured) return outcome
    return { ...outcome, text: `${outcome.text}（暂定：${rule.note}）`, provisional: true }
  }
  if (value === null || value === undefined) return null
  switch (rule.kind) {
    case 'questionnaire':
      return questionnaire(node, rule, value)
    case 'bands':
      return bands(node, rule, value)
    case 'relativeBands':
      return relativeBands(node, rule, value)
    case 'checklist':
      return checklist(node, rule, value)
    case 'perCount':
      return perCount(node, rule, value)
    case 'expert': {
      const score = requireInRange(node, value, 0, node.max, '评分')
      return { raw: score, text: `${rule.measure}：${formatNumber(score)} 分（满分 ${node.max} 分）` }
    }
    case 'sum':
      return sum(node, rule, value, source)
  }
}

function innermostKind(rule: IndexRule): IndexRule['kind'] {
  return rule.kind === 'configurable' ? innermostKind(rule.rule) : rule.kind
}

/** Scores a leaf (or a part of a sum). `inherited` is the source given to an enclosing sum. */
export function evaluateLeaf(node: IndexLeaf, input: IndexInput, inherited?: InputSource): IndexLeafResult {
  const { value, source: given } = unwrap(input)
  const explicit = given ?? inherited
  const outcome = apply(node, node.rule, value, explicit)
  const source: LeafSource =
    explicit ?? outcome?.source ?? node.defaultSource ?? (innermostKind(node.rule) === 'questionnaire' ? 'questionnaire' : 'manual')
  const raw = outcome?.raw ?? 0
  const missingParts = outcome?.missingParts ?? []
  return {
    id: node.id,
    name: node.name,
    max: node.max,
    points: roundHalfUp(raw, 2),
    rawPoints: raw,
    kind: node.rule.kind,
    explanation: outcome ? outcome.text : `${node.name}：未提供数据，暂计 0 分`,
    source,
    missing: !outcome || outcome.missing === true || missingParts.length > 0,
    missingParts,
    provisional: outcome?.provisional ?? (node.rule.kind === 'configurable' && !node.rule.configured),
    ...(node.evidence ? { evidence: node.evidence } : {}),
    ...(outcome?.parts ? { parts: outcome.parts } : {}),
  }
}

/** The most a rule can give, for checking a definition against its stated maxima. */
export function ruleMax(rule: IndexRule, nodeMax: number): number {
  switch (rule.kind) {
    case 'questionnaire':
    case 'expert':
      return nodeMax
    case 'bands':
    case 'relativeBands':
      return Math.max(0, ...rule.bands.map((band) => band.points))
    case 'checklist':
      return rule.items.reduce((total, item) => total + item.points, 0)
    case 'perCount':
      return rule.cap
    case 'sum':
      return rule.parts.reduce((total, part) => total + part.max, 0)
    case 'configurable':
      return ruleMax(rule.rule, nodeMax)
  }
}

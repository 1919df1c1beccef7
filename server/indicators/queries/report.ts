// The index of a 居民区 for a period: inputs gathered from the three sources, evaluated by the scoring
// library, with each leaf's provenance, the radar of the first-level indicators and the change since
// the previous period.
//
// Which source wins, per leaf (or per part of a sum leaf):
// - questionnaire leaves: the latest closed wave in the period with at least MIN_CELL_SIZE valid
//   respondents for that instrument; an admin's 0–1 entry only when there is no such wave;
// - every other leaf: an admin's entry when there is one (they may know better, e.g. the official
//   社区云 上云率), else the platform's own records, else missing.
import type { Kysely } from 'kysely'
import { CHANGNING_2022, evaluateIndex, INSTRUMENTS, round2 } from '../../../src/scoring'
import type { IndexInput, IndexInputs, IndexNodeResult, IndexResult, InputSource, InstrumentId, InstrumentScore, SourcedInput } from '../../../src/scoring'
import type { HeldWave, IndexDelta, IndexReport, IndicatorSummary, LeafProvenance, PeriodInfo, QuestionnaireProvenance, RadarPoint, SummaryScore } from '../../../types'
import { periodWindow, previousPeriod } from '../../../types/period'
import type { Database } from '../../db/schema'
import {
  buildingsUnder,
  closedWaves,
  instrumentsOf,
  responseNote,
  scoreSuppressed,
  waveFigures,
  withHouseholdsAt,
  type BuildingInfo,
  type PaperCounts,
  type Reader,
  type SurveyRow,
  type WaveFigures,
} from '../../surveys'
import { platformEvidence } from '../evidence'
import { LEAVES } from '../rules'
import { latestManual } from './inputs'
import { neighbourhoodFor, periodOf, type NeighbourhoodQuery } from './neighbourhood'

type Q = Kysely<Database>

/** Instrument scores and paper standing per closed survey, read once per request. */
export type Caches = Map<number, Promise<WaveFigures>>

function wave(db: Q, row: SurveyRow, buildings: BuildingInfo[], cache: Caches): Promise<WaveFigures> {
  let value = cache.get(row.id)
  if (!value) {
    value = waveFigures(db, row, buildings)
    cache.set(row.id, value)
  }
  return value
}

interface Wave {
  row: SurveyRow
  score: InstrumentScore
  paper: PaperCounts
}

const heldWave = (row: SurveyRow, paper: PaperCounts): HeldWave => ({
  surveyId: row.id,
  title: row.title,
  closedAt: row.closed_at!,
  paperShare: paper.standing.paperShare,
  committeePaperShare: paper.standing.committeePaperShare,
  reason: paper.standing.heldReason!,
})

/**
 * For each instrument, the latest closed survey of the 居民区 in the window with enough respondents —
 * unless that survey is held (mostly typed in on paper by the 居委会 itself, not confirmed by the
 * 街镇): then the instrument has no wave (an earlier one would not describe the period as well).
 */
async function questionnaireWaves(db: Q, neighbourhoodId: number, window: { from: string; to: string }, buildings: BuildingInfo[], cache: Caches) {
  const rows = await closedWaves(db, neighbourhoodId, { closedIn: window })
  const waves = new Map<InstrumentId, Wave>()
  const held = new Map<InstrumentId, HeldWave>()
  for (const row of rows) {
    const { scores, paper } = await wave(db, row, buildings, cache)
    for (const [id, score] of scores) {
      if (waves.has(id) || held.has(id) || scoreSuppressed(score)) continue
      if (paper.standing.heldReason) held.set(id, heldWave(row, paper))
      else waves.set(id, { row, score, paper })
    }
  }
  return { waves, held }
}

const sourced = (value: SourcedInput['value'], source: InputSource): SourcedInput => ({ value, source })

export async function evaluatePeriod(db: Q, nb: { id: number }, buildings: BuildingInfo[], period: PeriodInfo, cache: Caches) {
  const window = periodWindow(period)
  const [{ waves, held }, evidence, manual] = await Promise.all([
    questionnaireWaves(db, nb.id, window, buildings, cache),
    // 上云率 divides by the households at the period's end, not today's.
    withHouseholdsAt(db, buildings, window.to).then((atEnd) => platformEvidence(db, nb.id, atEnd, window)),
    latestManual(db, nb.id, period.id),
  ])
  const inputs: IndexInputs = {}
  const provenance: Record<string, LeafProvenance> = {}
  for (const [leafId, info] of LEAVES) {
    if (info.parts) {
      const parts: Record<string, LeafInputProvenance> = {}
      const value: Record<string, IndexInput> = {}
      const used = new Set<InputSource>()
      for (const part of info.parts) {
        const key = `${leafId}.${part.id}`
        const m = manual.get(key)
        const p = evidence.get(key)
        const source: InputSource | null = m && m.value !== null ? 'manual' : p ? 'platform' : null
        if (source === 'manual') value[part.id] = sourced(m!.value, 'manual')
        else if (source === 'platform') value[part.id] = sourced(p!.value, 'platform')
        if (source) used.add(source)
        parts[part.id] = { leafId: key, used: source, ...(p ? { platform: p } : {}), ...(m && m.value !== null ? { manual: m } : {}) }
      }
      if (Object.keys(value).length > 0) inputs[leafId] = value
      provenance[leafId] = { leafId, used: used.size === 0 ? null : used.size > 1 ? 'mixed' : [...used][0], parts }
      continue
    }
    const m = manual.get(leafId)
    const manualValue = m && m.value !== null ? m : undefined
    const entry: LeafProvenance = { leafId, used: null, ...(manualValue ? { manual: manualValue } : {}) }
    if (info.instrument) {
      const wave = waves.get(info.instrument)
      const heldBack = held.get(info.instrument)
      if (heldBack) entry.held = heldBack
      if (wave) {
        inputs[leafId] = sourced(wave.score, 'questionnaire')
        entry.used = 'questionnaire'
        entry.questionnaire = waveProvenance(wave)
      } else if (manualValue) {
        inputs[leafId] = sourced(manualValue.value, 'manual')
        entry.used = 'manual'
      }
    } else {
      const p = evidence.get(leafId)
      if (p) entry.platform = p
      if (manualValue) {
        inputs[leafId] = sourced(manualValue.value, 'manual')
        entry.used = 'manual'
      } else if (p) {
        inputs[leafId] = sourced(p.value, 'platform')
        entry.used = 'platform'
      }
    }
    provenance[leafId] = entry
  }
  return { result: evaluateIndex(CHANGNING_2022, inputs), provenance }
}

type LeafInputProvenance = Omit<LeafProvenance, 'parts'>

function waveProvenance(w: Wave): QuestionnaireProvenance {
  return {
    surveyId: w.row.id,
    title: w.row.title,
    closedAt: w.row.closed_at!,
    n: w.score.n,
    status: w.score.status,
    points: w.score.points,
    paperShare: w.paper.standing.paperShare,
  }
}

export const radarOf = (r: IndexResult): RadarPoint[] => r.children.map((c) => ({ id: c.id, name: c.name, points: c.points, max: c.max }))

export function deltasOf(current: IndexResult, previous: IndexResult): IndexDelta[] {
  const out: IndexDelta[] = [
    { id: current.id, name: '总分', depth: 0, points: current.total, previousPoints: previous.total, delta: round2(current.rawPoints - previous.rawPoints) },
  ]
  const walk = (a: IndexNodeResult[], b: IndexNodeResult[], depth: number) => {
    a.forEach((node, i) => {
      const prev = b[i]
      out.push({ id: node.id, name: node.name, depth, points: node.points, previousPoints: prev.points, delta: round2(node.rawPoints - prev.rawPoints) })
      if ('children' in node && 'children' in prev) walk(node.children, prev.children, depth + 1)
    })
  }
  walk(current.children, previous.children, 1)
  return out
}

export async function buildReport(db: Q, nb: { id: number; name: string }, period: PeriodInfo): Promise<IndexReport> {
  const buildings = await buildingsUnder(db, nb.id)
  const cache: Caches = new Map()
  const prevPeriod = previousPeriod(period)
  const [current, previous] = await Promise.all([
    evaluatePeriod(db, nb, buildings, period, cache),
    evaluatePeriod(db, nb, buildings, prevPeriod, cache),
  ])
  return {
    unit: { id: nb.id, name: nb.name },
    period,
    definition: { id: CHANGNING_2022.id, name: CHANGNING_2022.name, source: CHANGNING_2022.source },
    result: current.result,
    provenance: current.provenance,
    radar: radarOf(current.result),
    previous: { period: prevPeriod, result: previous.result, radar: radarOf(previous.result) },
    deltas: deltasOf(current.result, previous.result),
  }
}

/** What residents see: the last closed questionnaire wave of their 居民区 and the committee's response. */
export async function buildSummary(db: Q, nb: { id: number; name: string }): Promise<IndicatorSummary> {
  const rows = await closedWaves(db, nb.id, { limit: 10 })
  const unit = { id: nb.id, name: nb.name }
  if (rows.length === 0) return { unit, wave: null }
  const buildings = await buildingsUnder(db, nb.id)
  const cache: Caches = new Map()
  const [last, ...earlier] = rows
  const { scores, paper } = await wave(db, last, buildings, cache)
  // A held wave's scores are not shown as the 居民区's (the 居委会 typed most of them in itself).
  const held = paper.standing.heldReason !== null
  const previousPoints = async (id: InstrumentId): Promise<number | null> => {
    for (const row of earlier) {
      const { scores: earlierScores, paper: earlierPaper } = await wave(db, row, buildings, cache)
      const s = earlierScores.get(id)
      if (s) return scoreSuppressed(s) || earlierPaper.standing.heldReason ? null : s.points
    }
    return null
  }
  const summaryScores: SummaryScore[] = []
  for (const id of instrumentsOf(last)) {
    const s = scores.get(id)!
    const shown = scoreSuppressed(s) || held ? null : s
    summaryScores.push({
      instrumentId: id,
      name: INSTRUMENTS[id].name,
      max: INSTRUMENTS[id].maxPoints,
      points: shown ? shown.points : null,
      interval: shown?.interval ? shown.interval.points : null,
      n: s.n,
      status: scoreSuppressed(s) ? 'suppressed' : s.status,
      previousPoints: await previousPoints(id),
    })
  }
  return {
    unit,
    wave: {
      surveyId: last.id,
      title: last.title,
      closedAt: last.closed_at!,
      responses: paper.total,
      paperShare: paper.standing.paperShare,
      heldReason: paper.standing.heldReason,
      scores: summaryScores,
      responseNote: responseNote(last),
    },
  }
}

/** GET /api/indicators: the staff's report of a 居民区 and period. */
export async function indexReport(r: Reader, q: NeighbourhoodQuery): Promise<IndexReport> {
  const unit = await neighbourhoodFor(r, q.unitId, 'indicators.read')
  return buildReport(r.db, unit, periodOf(r, q.period))
}

/** GET /api/indicators/summary: what residents see of their 居民区. */
export async function indexSummary(r: Reader, q: { unitId?: number }): Promise<IndicatorSummary> {
  return buildSummary(r.db, await neighbourhoodFor(r, q.unitId, 'indicators.summary'))
}

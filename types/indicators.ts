// 评估指标: the 100-point index of a 居民区 for a period, with where each input came from, what is
// missing and what is provisional; the public summary residents see; manual entries by the 街镇.
import type { IndexInputValue, IndexResult, InputSource, InstrumentId, ScoreStatus } from './scoring'

/**
 * A period is a calendar year ("2026") or a half-year ("2026H1": January–June, "2026H2": July–December),
 * in Shanghai time. A questionnaire counts in the period its wave was closed in.
 */
export interface PeriodInfo {
  id: string
  label: string
  /** First and last day, 'YYYY-MM-DD'. */
  start: string
  end: string
}

/** The questionnaire wave an item was scored from. */
export interface QuestionnaireProvenance {
  surveyId: number
  title: string
  closedAt: string
  /** Valid respondents. */
  n: number
  status: ScoreStatus
  points: number | null
  /** Checked paper answers / all answers of the wave. */
  paperShare: number
}

/** A wave the index does not use yet: most of it was typed in on paper by the 居委会 being evaluated,
 *  and the 街镇 has not confirmed it (POST /api/surveys/:id/paper-confirmation). */
export interface HeldWave {
  surveyId: number
  title: string
  closedAt: string
  paperShare: number
  committeePaperShare: number
  reason: string
}

/** What the platform's own records say, whether or not it is used. */
export interface PlatformProvenance {
  value: IndexInputValue
  /** How it was counted, in Chinese (e.g. "已认证住户 120 户 / 总户数 470 户"). */
  detail: string
}

export interface ManualProvenance {
  value: IndexInputValue | null
  note: string | null
  enteredAt: string
  enteredBy: { id: number; label: string }
}

export interface LeafProvenance {
  leafId: string
  /** The source that fed the score ('mixed' for a leaf made of parts from several), null when missing. */
  used: InputSource | 'mixed' | null
  questionnaire?: QuestionnaireProvenance
  /** The latest wave for this questionnaire, held until the 街镇 confirms it: the item is missing
   *  (or the 街镇's own entry is used) meanwhile. */
  held?: HeldWave
  platform?: PlatformProvenance
  manual?: ManualProvenance
  /** For a leaf made of parts: each part's own provenance. */
  parts?: Record<string, Omit<LeafProvenance, 'parts'>>
}

export interface RadarPoint {
  id: string
  name: string
  points: number
  max: number
}

export interface IndexDelta {
  id: string
  name: string
  /** 0 = the total, 1 = first-level … 3 = third-level. */
  depth: number
  points: number
  previousPoints: number
  delta: number
}

/** One row of the 街镇's side-by-side table: the total, a first- or a second-level indicator. */
export interface ComparisonItem {
  id: string
  name: string
  /** 0 = the total, 1 = first-level, 2 = second-level. */
  depth: number
  max: number
}

/** A 居民区's column: its points per item (in the order of `items`) and how many leaves under each had no data. */
export interface ComparisonColumn {
  id: number
  name: string
  cells: { points: number; missing: number }[]
}

/** GET /api/indicators/compare: every 居民区 of a 街镇 side by side for one period. */
export interface IndexComparison {
  street: { id: number; name: string }
  period: PeriodInfo
  items: ComparisonItem[]
  neighbourhoods: ComparisonColumn[]
}

export interface IndexReport {
  unit: { id: number; name: string }
  period: PeriodInfo
  definition: { id: string; name: string; source: string }
  result: IndexResult
  provenance: Record<string, LeafProvenance>
  radar: RadarPoint[]
  previous: { period: PeriodInfo; result: IndexResult; radar: RadarPoint[] }
  /** Every node (total, first-, second-, third-level), this period minus the previous one. */
  deltas: IndexDelta[]
}

/** PUT /api/indicators/inputs: values keyed by leaf id (see CHANGNING_2022); null clears an entry.
 *  Questionnaire leaves take a 0–1 score rate (used only when no closed wave exists in the period). */
export interface IndicatorInputsRequest {
  unitId: number
  period: string
  inputs: Record<string, IndexInputValue | null>
  note?: string
}

export interface IndicatorInputEntry {
  id: number
  leafId: string
  leafName: string
  value: IndexInputValue | null
  note: string | null
  enteredAt: string
  enteredBy: { id: number; label: string }
  /** The latest entry of its leaf (the one in use). */
  current: boolean
}

/** GET /api/indicators/summary: what residents see (公开机制). */
export interface IndicatorSummary {
  unit: { id: number; name: string }
  /** The last closed wave of a questionnaire survey of the 居民区, null if there is none yet. */
  wave: {
    surveyId: number
    title: string
    closedAt: string
    responses: number
    /** Checked paper answers / all answers. */
    paperShare: number
    /** Why the scores are not shown yet (a mostly-paper wave awaiting the 街镇's confirmation), else null. */
    heldReason: string | null
    scores: SummaryScore[]
    responseNote: { text: string; publishedAt: string } | null
  } | null
}

export interface SummaryScore {
  instrumentId: InstrumentId
  name: string
  max: number
  /** null when suppressed (fewer than 10 respondents), held (see wave.heldReason) or no data. */
  points: number | null
  interval: [number, number] | null
  n: number
  status: ScoreStatus | 'suppressed'
  /** Points in the wave before, when there was one. */
  previousPoints: number | null
}

// Public types of the scoring library (src/scoring): questionnaire instruments, their scores,
// and the evaluation index (a tree of indicators defined as data, e.g. 长宁 2022).
// Shared by the server (stored and published scores) and the app (dashboard, previews).

// ---------------------------------------------------------------------------
// Instruments (questionnaires)
// ---------------------------------------------------------------------------

export type InstrumentId = 'cohesion' | 'atmosphere' | 'awareness' | 'satisfaction' | 'belonging'

/** `attitude`: a Likert item. `knowledge`: aware (1) / not aware (0). */
export type ItemKind = 'attitude' | 'knowledge'

export interface AnswerScale {
  min: number
  max: number
  /** labels[i] is the label of the answer value min + i, so a survey UI can render the scale. */
  labels: string[]
  /** Label of the "don't know" choice, if the item offers one (answered as 'dk'). */
  dkLabel?: string
}

export interface InstrumentItem {
  /** Stable ASCII id, e.g. `bel_1`; answers are keyed by it. */
  id: string
  /** The question as shown to residents. */
  text: string
  kind: ItemKind
  scale: AnswerScale
  /** Negatively worded: the answer x counts as min + max − x. */
  reverse?: boolean
  /** The dimension the item measures (e.g. 需求满足), for reading subscales. */
  facet?: string
}

export interface Instrument {
  id: string
  /** Chinese name, e.g. 归属感. */
  name: string
  /** Points of the indicator the instrument feeds. */
  maxPoints: number
  /** One line shown above the questions. */
  intro: string
  /** The source the item bank builds on. */
  reference: string
  items: InstrumentItem[]
}

/** A number on the item's scale, 'dk' (不清楚/说不清) or null (unanswered). */
export type Answer = number | 'dk' | null

export interface InstrumentResponse {
  answers: Record<string, Answer | undefined>
  /** Post-stratification cell, e.g. the 楼组 id; matches a key of `ScoreOptions.strata`. */
  stratum?: string
  /** Other breakdowns, e.g. `{ housingType: 'public_sold' }`; see `ScoreOptions.breakdowns`. */
  groups?: Record<string, string | undefined>
}

export interface ScoreOptions {
  /** A respondent is scored if they answered at least this share of the items (default 0.5). */
  minAnsweredShare?: number
  /** Households per stratum (e.g. per 楼组); turns on post-stratified weighting. */
  strata?: Record<string, number>
  /** Population N (households) for the finite-population correction and the required sample.
   *  Defaults to the sum of `strata` when strata are given. */
  population?: number
  /** Confidence level of the intervals (default 0.95). */
  confidence?: number
  /** Subgroups smaller than this are suppressed (default 10). */
  minCellSize?: number
  /** Breakdowns to report: 'stratum' (the response's stratum) or a key of `InstrumentResponse.groups`. */
  breakdowns?: string[]
}

export type ScoreStatus = 'ok' | 'insufficient_sample' | 'no_data'

export interface ScoreInterval {
  /** On the 0–1 score scale, unrounded. */
  score: [number, number]
  /** In points, rounded half-up to 2 decimals. */
  points: [number, number]
}

export interface ItemStat {
  id: string
  /** Mean normalised answer u in [0, 1] after reversal (dk and unanswered count 0 for knowledge items). */
  mean: number | null
  /** Mean answer on the item's own scale, as answered (numeric answers only, before reversal). */
  rawMean: number | null
  /** Respondents whose answer entered `mean`. */
  n: number
  /** Share of scored respondents who answered 'dk'. */
  dkShare: number
  /** Share of scored respondents who left the item blank or gave an answer off the scale. */
  missingShare: number
}

export type SubgroupScore =
  | {
      group: string
      suppressed: false
      n: number
      score: number
      points: number
      interval: ScoreInterval
    }
  | {
      group: string
      suppressed: true
      /** `small_cell`: fewer than minCellSize respondents; `complementary`: hidden so the
       *  single small cell cannot be recovered by subtraction. */
      reason: 'small_cell' | 'complementary'
    }

export interface InstrumentScore {
  instrumentId: string
  status: ScoreStatus
  /** maxPoints × score, rounded half-up to 2 decimals; null when there is no data. */
  points: number | null
  maxPoints: number
  /** Community score in [0, 1] (post-stratified when strata are given), unrounded. */
  score: number | null
  interval: ScoreInterval | null
  /** Valid respondents in the score. */
  n: number
  /** Respondents excluded for answering too few items. */
  excluded: number
  /** Valid respondents left out of the weighted score because their stratum has no household count. */
  outOfFrame: number
  /** Responses received. */
  received: number
  population: number | null
  /** requiredSampleSize(population) when the population is known. */
  requiredN: number | null
  /** Cronbach's alpha on complete cases; null when it cannot be computed. */
  alpha: number | null
  weighted: boolean
  /** Kish n·Σw²/(Σw)² (1 when unweighted). */
  designEffect: number | null
  /** (Σw)²/Σw². */
  effectiveN: number | null
  items: ItemStat[]
  subgroups: Record<string, SubgroupScore[]>
  /** Plain-Chinese notes about the data (uncovered strata, fallbacks). */
  warnings: string[]
}

// ---------------------------------------------------------------------------
// The index (evaluation indicators)
// ---------------------------------------------------------------------------

/** Where an input comes from: a resident survey, the app's own records, or typed in by a committee. */
export type InputSource = 'questionnaire' | 'platform' | 'manual'
/** A leaf whose parts come from different sources. */
export type LeafSource = InputSource | 'mixed'

/** An inclusive lower bound: a value ≥ min earns `points`. For relativeBands, min is the excess x
 *  over the peer average (value ≥ (1 + x)·average). */
export interface Band {
  min: number
  points: number
  /** As the source writes it, e.g. '80%–89%'. */
  label: string
}

export interface ChecklistItem {
  id: string
  label: string
  points: number
}

export interface QuestionnaireRule {
  kind: 'questionnaire'
  instrument: InstrumentId | string
}
export interface BandsRule {
  kind: 'bands'
  /** What the rate measures, e.g. 在职党员报到率. */
  measure: string
  bands: Band[]
}
export interface RelativeBandsRule {
  kind: 'relativeBands'
  measure: string
  /** Unit of the value, e.g. 个, 万元. */
  unit: string
  bands: Band[]
}
export interface ChecklistRule {
  kind: 'checklist'
  items: ChecklistItem[]
}
export interface PerCountRule {
  kind: 'perCount'
  measure: string
  unit: string
  pointsEach: number
  cap: number
}
/** A score in [0, node max] given by experts, a committee or a scale. */
export interface ExpertRule {
  kind: 'expert'
  measure: string
}
/** A leaf made of parts, each with its own rule; the input is keyed by part id. */
export interface SumRule {
  kind: 'sum'
  parts: IndexLeaf[]
}
/** A rule the district can set; until `configured`, results are provisional. */
export interface ConfigurableRule {
  kind: 'configurable'
  configured: boolean
  note: string
  rule: IndexRule
}

export type IndexRule =
  | QuestionnaireRule
  | BandsRule
  | RelativeBandsRule
  | ChecklistRule
  | PerCountRule
  | ExpertRule
  | SumRule
  | ConfigurableRule

export type IndexRuleKind = IndexRule['kind']

export interface IndexLeaf {
  id: string
  name: string
  max: number
  rule: IndexRule
  /** Source assumed when the input does not say (default: questionnaire for questionnaire rules, else manual). */
  defaultSource?: InputSource
  /** What the app itself records that backs this item, shown beside it. */
  evidence?: string
}

export interface IndexParent {
  id: string
  name: string
  max: number
  children: IndexNode[]
}

export type IndexNode = IndexParent | IndexLeaf

export interface IndexDefinition {
  id: string
  name: string
  /** The document the definition transcribes. */
  source: string
  max: number
  children: IndexNode[]
}

// Inputs, keyed by leaf id.

export interface RelativeInput {
  value: number
  peerAverage: number
}
export type ChecklistInput = Record<string, boolean | null | undefined>
export interface SumInput {
  [partId: string]: IndexInput
}
export type IndexInputValue = number | RelativeInput | InstrumentScore | ChecklistInput | SumInput
/** An input tagged with where it came from. */
export interface SourcedInput {
  value: IndexInputValue | null | undefined
  source: InputSource
}
export type IndexInput = IndexInputValue | SourcedInput | null | undefined
export type IndexInputs = Record<string, IndexInput>

// Results.

export interface IndexLeafResult {
  id: string
  name: string
  max: number
  /** Rounded half-up to 2 decimals. */
  points: number
  /** Unrounded; parents and the total are summed from these. */
  rawPoints: number
  kind: IndexRuleKind
  /** How the points were given, in Chinese. */
  explanation: string
  source: LeafSource
  /** The input (or part of it) was absent and scored 0. */
  missing: boolean
  /** Ids of the absent checklist items or parts. */
  missingParts: string[]
  /** Not final: an unconfigured rule or a questionnaire below the required sample. */
  provisional: boolean
  evidence?: string
  /** For sum and configurable-sum leaves: the parts' own results. */
  parts?: IndexLeafResult[]
}

export interface IndexParentResult {
  id: string
  name: string
  max: number
  points: number
  rawPoints: number
  children: IndexNodeResult[]
}

export type IndexNodeResult = IndexParentResult | IndexLeafResult

export interface IndexResult {
  id: string
  name: string
  max: number
  /** Sum of the unrounded leaves, rounded once. */
  total: number
  /** Same as total, so the root reads like any other node. */
  points: number
  rawPoints: number
  children: IndexNodeResult[]
  /** Ids of leaves with a missing input (scored 0). */
  missing: string[]
  /** Ids of leaves whose points are provisional. */
  provisional: string[]
  /** Input keys that match no leaf (probably a typo); ignored. */
  unknownInputs: string[]
}

export type IndexInputErrorCode =
  | 'not_a_number'
  | 'out_of_range'
  | 'negative_count'
  | 'not_integer'
  | 'invalid_shape'
  | 'unknown_item'
  | 'instrument_mismatch'

/** Thrown by evaluateIndex for an input no real community can produce (a rate above 1,
 *  an expert score above its max, a negative count...). The message is in Chinese. */
export class IndexInputError extends Error {
  readonly code: IndexInputErrorCode
  /** The leaf id, or `leafId.partId` for a part of a sum. */
  readonly nodeId: string

  constructor(code: IndexInputErrorCode, nodeId: string, message: string) {
    super(message)
    // Keep instanceof working when compiled to ES5 classes.
    Object.setPrototypeOf(this, IndexInputError.prototype)
    this.name = 'IndexInputError'
    this.code = code
    this.nodeId = nodeId
  }
}

// 问卷: residents' surveys (the five index questionnaires and needs surveys), their answers and their
// results. Shared by the server and the app. Answers are anonymous by design: no type here ever carries
// a respondent's identity next to what they answered.
import type { AnswerScale, InstrumentId, InstrumentScore, SubgroupScore } from './scoring'
import type { UnitLevel } from './community'

/** single: one option; multiple: several options; likert: a labelled scale (optional 不清楚);
 *  rating: 1–10; text: a short free answer. */
export type SurveyQuestionType = 'single' | 'multiple' | 'likert' | 'rating' | 'text'

export const SURVEY_QUESTION_TYPE_NAMES: Record<SurveyQuestionType, string> = {
  single: '单选',
  multiple: '多选',
  likert: '量表',
  rating: '打分（1–10）',
  text: '简答',
}

interface QuestionBase {
  /** Stable within the survey: an instrument item keeps its item id (e.g. `bel_1`), custom questions get `c1`, `c2`… */
  id: string
  text: string
  /** A required question must be answered (不清楚 counts as an answer). */
  required: boolean
  /** Set when the question is an item of one of the index questionnaires: its answers feed the index. */
  instrumentId?: InstrumentId
}

export interface SingleChoiceQuestion extends QuestionBase {
  type: 'single'
  options: string[]
}
export interface MultipleChoiceQuestion extends QuestionBase {
  type: 'multiple'
  options: string[]
  /** At most this many options (default: all). */
  maxChoices?: number
}
export interface LikertQuestion extends QuestionBase {
  type: 'likert'
  /** Answers are integers min…max; labels[i] is the label of min + i; 'dk' when dkLabel is set. */
  scale: AnswerScale
}
export interface RatingQuestion extends QuestionBase {
  type: 'rating'
  min: 1
  max: 10
}
export interface TextQuestion extends QuestionBase {
  type: 'text'
  maxLength: number
}

export type SurveyQuestion = SingleChoiceQuestion | MultipleChoiceQuestion | LikertQuestion | RatingQuestion | TextQuestion

/** A custom question as a moderator writes it (POST/PATCH). Instrument items come from templates. */
export interface SurveyQuestionInput {
  /** Keep the id of an existing custom question when editing a draft; new ones get one. */
  id?: string
  type: SurveyQuestionType
  text: string
  required?: boolean
  /** single / multiple: 2–20 options. */
  options?: string[]
  maxChoices?: number
  /** likert: 2–11 labels, lowest first (answers 1…n), and an optional 不清楚 label. */
  labels?: string[]
  dkLabel?: string
  /** text: default 200, at most 500. */
  maxLength?: number
}

/**
 * An answer's value: single → option index (0-based); multiple → option indexes; likert → an integer
 * on the scale or 'dk'; rating → 1–10; text → the text; null → skipped (optional questions only).
 */
export type SurveyAnswerValue = number | number[] | string | null

export interface SurveyAnswer {
  questionId: string
  value: SurveyAnswerValue
}

/** Stored state: a draft can change, a published survey's questions cannot, a closed one takes no answers. */
export type SurveyState = 'draft' | 'published' | 'closed'

/** What the caller sees: scheduled (published, not yet open), open, ended (past its close time, still
 *  taking paper entries until the committee closes it), closed. */
export type SurveyStatus = 'draft' | 'scheduled' | 'open' | 'ended' | 'closed'

export const SURVEY_STATUS_NAMES: Record<SurveyStatus, string> = {
  draft: '草稿',
  scheduled: '未开始',
  open: '进行中',
  ended: '已截止',
  closed: '已结束',
}

/** The templates a survey starts from: one instrument, or all five as the annual survey. */
export type SurveyTemplateId = InstrumentId | 'annual' | 'blank'

export interface SurveyTemplate {
  id: SurveyTemplateId
  title: string
  intro: string
  instruments: InstrumentId[]
  questionCount: number
  estimatedMinutes: number
}

export interface SurveyListItem {
  id: number
  title: string
  unitId: number
  unitName: string
  unitLevel: UnitLevel
  neighbourhoodId: number
  state: SurveyState
  status: SurveyStatus
  opensAt: string | null
  closesAt: string | null
  closedAt: string | null
  instruments: InstrumentId[]
  questionCount: number
  /** 8 seconds a question, rounded up to whole minutes. */
  estimatedMinutes: number
  /** The caller is a verified resident of the target unit and the survey is open. */
  canAnswer: boolean
  /** The caller has already answered (their own record only). */
  answered: boolean
  /** Staff of the 居民区 only. */
  responseCount?: number
}

export interface SurveyDetail extends SurveyListItem {
  intro: string
  questions: SurveyQuestion[]
  publishedAt: string | null
  /** The survey this wave was copied from. */
  copiedFrom: number | null
  /** What the committee did in response, published with the closed survey. */
  responseNote: { text: string; publishedAt: string } | null
  canManage: boolean
}

/** POST /api/surveys */
export interface CreateSurveyRequest {
  /** Required, except for a new wave (copyOf), which keeps the copied survey's unit. */
  unitId?: number
  /** Start from a template (default 'blank'); ignored with copyOf. */
  template?: SurveyTemplateId
  /** Or combine instruments freely (overrides template). */
  instruments?: InstrumentId[]
  /** A new wave of an existing survey: same questions, new draft. */
  copyOf?: number
  title?: string
  intro?: string
  opensAt?: string | null
  closesAt?: string | null
  /** Custom questions, after the instrument items. */
  questions?: SurveyQuestionInput[]
}

/** PATCH /api/surveys/:id: a draft's title, intro, times and custom questions; after publishing only
 *  the close time may change (to extend or shorten the survey). */
export interface UpdateSurveyRequest {
  title?: string
  intro?: string
  opensAt?: string | null
  closesAt?: string | null
  instruments?: InstrumentId[]
  questions?: SurveyQuestionInput[]
}

/** POST /api/surveys/:id/responses */
export interface SubmitResponseRequest {
  answers: SurveyAnswer[]
}
export interface SubmitResponseResult {
  ok: true
  surveyId: number
}

/** POST /api/surveys/:id/paper-responses: entered by the committee, the respondent's 楼组 only. */
export interface PaperResponseRequest {
  buildingId: number
  answers: SurveyAnswer[]
}
export interface PaperResponseResult {
  ok: true
  surveyId: number
  /** Paper questionnaires entered so far, checked or not. The entry is an unchecked batch of one. */
  paperResponses: number
}

/** POST /api/surveys/:id/paper-batches: a pile of paper questionnaires typed in by one staff member.
 *  Per 楼组, at most its households not yet answered (online or on paper). */
export interface PaperBatchRequest {
  entries: PaperResponseRequest[]
}

/** A batch of paper questionnaires: counted in results and the index only once a second staff member
 *  (not the one who typed it in) has checked it against the paper (POST …/paper-batches/:batchId/check). */
export interface PaperBatch {
  id: number
  surveyId: number
  count: number
  /** Entered by the 街镇's staff rather than the 居委会. */
  byStreet: boolean
  enteredBy: number
  enteredAt: string
  checkedBy: number | null
  checkedAt: string | null
}

/** GET /api/surveys/:id/paper-batches (staff). */
export interface PaperBatchList {
  items: PaperBatch[]
}

/** How much of a survey came on paper, and whether the index may use it (see paperHoldReason). */
export interface PaperStanding {
  /** Checked paper answers / all counted answers (0 when none). */
  paperShare: number
  /** Checked paper answers typed in by the 居委会 / all counted answers. */
  committeePaperShare: number
  /** Paper questionnaires in batches still waiting for their check (not counted anywhere yet). */
  uncheckedPaper: number
  /** When the 街镇 confirmed a wave answered mostly on paper by the 居委会. */
  confirmedAt: string | null
  /** Why the index does not use this wave yet, null when it may. */
  heldReason: string | null
}

// ---- results ------------------------------------------------------------------------------------

export interface OptionCount {
  /** The answer value (option index, scale value, rating) or 'dk'. */
  value: number | 'dk'
  label: string
  count: number
  /** count / answered, rounded to 4 decimals. */
  share: number
}

export interface QuestionResult {
  questionId: string
  text: string
  type: SurveyQuestionType
  instrumentId?: InstrumentId
  /** Respondents who answered this question (不清楚 included). */
  answered: number
  /** Fewer than minCellSize answered: no figures are shown. */
  suppressed: boolean
  /** Counts per option / scale point / rating (multiple: respondents choosing each option). */
  distribution?: OptionCount[]
  /** likert and rating: mean of the numeric answers. */
  mean?: number | null
  /** text: the answers, sorted by content (never by when they came). Committee only. */
  texts?: string[]
}

export interface LabelledSubgroup {
  /** The breakdown key: a 楼组 id or a housing type. */
  group: string
  label: string
  score: SubgroupScore
}

export interface InstrumentResult {
  instrumentId: InstrumentId
  name: string
  /** The scoring library's score, weighted by households per 楼组; null when fewer than minCellSize responded. */
  score: InstrumentScore | null
  suppressed: boolean
  /** Per 楼组 and per housing type; small groups suppressed by the scoring library. */
  byBuilding: LabelledSubgroup[]
  byHousingType: LabelledSubgroup[]
}

export interface SurveyResults {
  surveyId: number
  title: string
  status: SurveyStatus
  unit: { id: number; name: string; level: UnitLevel }
  responses: { total: number; app: number; paper: number; paperShare: number }
  paper: PaperStanding
  eligible: { verifiedResidents: number; verifiedHouseholds: number; households: number }
  /** App responses / verified residents of the target unit (paper respondents are not on the app). */
  responseRate: number | null
  minCellSize: number
  /** False while the survey is open: figures appear once it ends, so no one can work out a single
   *  answer by comparing results before and after it came in. */
  available: boolean
  unavailableReason?: string
  questions: QuestionResult[]
  instruments: InstrumentResult[]
  responseNote: { text: string; publishedAt: string } | null
}

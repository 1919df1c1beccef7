import type { Generated } from 'kysely'

// Kysely's view of the survey tables (migration 005_surveys).

export interface SurveyTable {
  id: Generated<number>
  /** The unit it targets: a 居民区, 小区 or 楼组. */
  unit_id: number
  /** The 居民区 of unit_id (itself when the survey targets the 居民区). */
  neighbourhood_id: number
  title: string
  intro: string
  /** JSON array of InstrumentId. */
  instruments: string
  /** JSON array of SurveyQuestion. */
  questions: string
  state: 'draft' | 'published' | 'closed'
  opens_at: string | null
  closes_at: string | null
  published_at: string | null
  closed_at: string | null
  copied_from: number | null
  response_note: string | null
  response_note_at: string | null
  response_note_by: number | null
  created_by: number
  created_at: string
  updated_at: string
  /** Raised by every write that adds answers (migration 018): a kept result of an older version is stale. */
  results_version: Generated<number>
}

/** Who has answered: one row per resident and survey, with no time and nothing of the answer. */
export interface SurveyParticipationTable {
  survey_id: number
  user_id: number
  idem_key: string | null
}

/** What was answered: no user, no time finer than the day, a random key. */
export interface SurveyResponseTable {
  /** 32 hex characters from 16 random bytes. */
  id: string
  survey_id: number
  /**
   * The respondent's 楼组 until the survey closes; then the 楼组, or its 小区 or 居民区 when the 楼组 has
   * too few respondents to hide one among them (cells.ts). Weighting and breakdowns.
   */
  unit_id: number
  /** 'YYYY-MM-DD', Shanghai time. */
  answered_on: string
  channel: 'app' | 'paper'
  /** JSON object questionId → value, in the survey's question order. */
  answers: string
  mixed: number
}

/** A batch of paper questionnaires (migration 006_paper_batches): who typed it in, who checked it. */
export interface SurveyPaperBatchTable {
  id: Generated<number>
  survey_id: number
  /** JSON array of { buildingId, answers } until the batch is checked, then null (the answers are in survey_responses). */
  entries: string | null
  /** JSON object 楼组 id → questionnaires, kept after checking for the per-楼组 cap. */
  building_counts: string
  count: number
  /** 1 when entered by the 街镇's staff, 0 when by the 居委会. */
  by_street: number
  entered_by: number
  entered_at: string
  checked_by: number | null
  checked_at: string | null
}

/** The 街镇's confirmation that a wave answered mostly on paper by the 居委会 counts for the index. */
export interface SurveyPaperConfirmationTable {
  survey_id: number
  confirmed_by: number
  confirmed_at: string
}

/** A closed survey's figures as the committee sees them, computed once (queries/results.ts). */
export interface SurveyResultTable {
  survey_id: number
  /** Hash of what the figures were computed from: valid while it matches. */
  basis: string
  /** JSON of KeptFigures. */
  figures: string
}

export interface SurveyTables {
  surveys: SurveyTable
  survey_participation: SurveyParticipationTable
  survey_responses: SurveyResponseTable
  survey_paper_batches: SurveyPaperBatchTable
  survey_paper_confirmations: SurveyPaperConfirmationTable
  survey_results: SurveyResultTable
}

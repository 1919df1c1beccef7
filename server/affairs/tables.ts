import type { Generated } from 'kysely'

// Kysely's view of the 居务公开 tables (migration 014). Money in whole fen, days 'YYYY-MM-DD', times ISO text.

/** What the committee adds to the ledger itself: a 自治金 payment or a correction of any entry. */
export interface AffairsEntryTable {
  id: Generated<number>
  neighbourhood_id: number
  kind: 'fund' | 'correction'
  title: string
  body: string
  amount_fen: number | null
  spent_on: string
  proposal_id: number | null
  /** A correction's target entry key ("fund-3", "meeting-12"). */
  corrects: string | null
  /** JSON array of media ids (the receipt photos). */
  photos: string
  created_by: number
  created_at: string
}

export interface AffairsQuestionTable {
  id: Generated<number>
  neighbourhood_id: number
  entry_key: string
  kind: 'question' | 'flag'
  user_id: number
  author_label: string
  body: string
  answer: string | null
  answered_by: number | null
  answered_at: string | null
  created_at: string
}

export interface AffairsSupervisorTable {
  id: Generated<number>
  neighbourhood_id: number
  user_id: number
  label: string
  appointed_by: number
  appointed_at: string
  removed_by: number | null
  removed_at: string | null
}

export interface AffairsTables {
  affairs_entries: AffairsEntryTable
  affairs_questions: AffairsQuestionTable
  affairs_supervisors: AffairsSupervisorTable
}

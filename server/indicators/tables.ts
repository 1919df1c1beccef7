import type { Generated } from 'kysely'

// Kysely's view of the index's own table (created with the survey tables in migration 005_surveys).

export interface IndicatorInputTable {
  id: Generated<number>
  /** The 居民区. */
  unit_id: number
  period: string
  leaf_id: string
  /** JSON of the IndexInputValue; null clears the leaf. */
  value: string | null
  note: string | null
  entered_by: number
  entered_at: string
}

export interface IndicatorTables {
  indicator_inputs: IndicatorInputTable
}

import type { Generated } from 'kysely'

export interface UnitTable {
  id: Generated<number>
  parent_id: number | null
  level: 'street' | 'neighbourhood' | 'estate' | 'building'
  name: string
  housing_type: string | null
  households: number
  /** How residents reach the 居委会 (居民区 only). */
  contact: string | null
  created_at: string
}

/** Every household count a unit has had, from `valid_from` on (the denominators of past periods). */
export interface UnitHouseholdsTable {
  id: Generated<number>
  unit_id: number
  households: number
  valid_from: string
}

/** A checked import file and its plan, until `expires_at` (JSON in `rows` and `plan`). */
export interface UnitImportPreviewTable {
  token: string
  street_id: number
  user_id: number
  rows: string
  plan: string
  expires_at: string
}

export interface CommunityTables {
  units: UnitTable
  unit_households: UnitHouseholdsTable
  unit_import_previews: UnitImportPreviewTable
}

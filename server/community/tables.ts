import type { Generated } from 'kysely'

export interface UnitTable {
  id: Generated<number>
  parent_id: number | null
  level: 'street' | 'neighbourhood' | 'estate' | 'building'
  name: string
  housing_type: string | null
  households: number
  created_at: string
}

export interface CommunityTables {
  units: UnitTable
}

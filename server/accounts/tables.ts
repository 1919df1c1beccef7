import type { Generated } from 'kysely'
import type { RoleName } from '../../types'

export interface UserTable {
  id: Generated<number>
  openid: string | null
  /** Real name and phone are private: only staff screens that need them may read them. */
  real_name: string | null
  phone: string | null
  /** Marks a seeded demo account that dev-login may use. */
  demo_description: string | null
  created_at: string
  privacy_accepted_at: string | null
}

export interface RoleGrantTable {
  id: Generated<number>
  user_id: number
  role: RoleName
  unit_id: number
  /** Which department (城建办) or 物业 company a referee speaks for; null for the committee's roles. */
  label: string | null
  created_at: string
}

export interface ResidenceTable {
  id: Generated<number>
  user_id: number
  building_id: number
  room: string
  /** superseded: an older approved residence after the resident moved. */
  status: 'pending' | 'approved' | 'rejected' | 'superseded'
  reason: string | null
  is_representative: number
  requested_at: string
  reviewed_by: number | null
  reviewed_at: string | null
}

export interface SessionTable {
  token_hash: string
  user_id: number
  created_at: string
  expires_at: string
}

export interface AccountTables {
  users: UserTable
  role_grants: RoleGrantTable
  residences: ResidenceTable
  sessions: SessionTable
}

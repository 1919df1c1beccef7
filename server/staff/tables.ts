import type { Generated } from 'kysely'
import type { RoleName } from '../../types'

export interface InvitationTable {
  id: Generated<number>
  /** sha256 of the normalised code (rules.ts hashCode); the code itself is shown once and never kept. */
  code_hash: string
  role: RoleName
  /** The 街镇 for admin and department, the 居民区 for the others. */
  unit_id: number
  label: string | null
  /** null: made by the server's admin command. */
  created_by: number | null
  created_at: string
  expires_at: string
  used_by: number | null
  used_at: string | null
  revoked_at: string | null
}

export interface StaffTables {
  invitations: InvitationTable
}

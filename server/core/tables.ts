import type { Generated } from 'kysely'

// Core's own tables: rate-limit windows, stored answers of idempotent writes, and the audit log.

export interface RateCounterTable {
  key: string
  window_start: number
  count: number
}

export interface IdempotencyKeyTable {
  user_id: number
  key: string
  request_hash: string
  status_code: number
  response_body: string
  created_at: string
}

/** The audit log every staff action goes to (see audit.ts). */
export interface ModerationLogTable {
  id: Generated<number>
  /** null: the server's admin command (npm run admin), which has no user. */
  actor_id: number | null
  action: string
  target_type: string
  target_id: number
  unit_id: number
  reason: string | null
  created_at: string
}

export interface CoreTables {
  rate_counters: RateCounterTable
  idempotency_keys: IdempotencyKeyTable
  moderation_log: ModerationLogTable
}

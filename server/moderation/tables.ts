import type { Generated } from 'kysely'

// Kysely's view of the moderation tables of the 议事厅 (migration 004_discussions).

export interface PostReportTable {
  post_id: number
  reporter_id: number
  reason: 'ad' | 'attack' | 'misinfo' | 'privacy' | 'offtopic' | 'other'
  note: string | null
  created_at: string
  /** Set when a moderator decided on the post (hide, restore, approve). */
  resolved_at: string | null
}

export interface UserMuteTable {
  id: Generated<number>
  user_id: number
  neighbourhood_id: number
  reason: string
  ends_at: string
  created_by: number
  created_at: string
  lifted_at: string | null
  lifted_by: number | null
}

export interface PostAppealTable {
  id: Generated<number>
  /** One appeal per post. */
  post_id: number
  author_id: number
  reason: string
  status: 'pending' | 'granted' | 'denied'
  note: string | null
  decided_by: number | null
  decided_at: string | null
  created_at: string
}

export interface DiscussionSettingsTable {
  neighbourhood_id: number
  report_threshold: number
  updated_by: number
  updated_at: string
}

export interface ModerationTables {
  post_reports: PostReportTable
  user_mutes: UserMuteTable
  post_appeals: PostAppealTable
  discussion_settings: DiscussionSettingsTable
}

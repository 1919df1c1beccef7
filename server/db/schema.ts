import type { Generated } from 'kysely'
import type { NotificationTable } from '../notifications/tables'
import type { ProposalTables } from '../proposals/tables'
import type { DiscussionTables } from '../discussions/tables'
import type { ModerationTables } from '../moderation/tables'
import type { SurveyTables } from '../surveys/tables'
import type { IndicatorTables } from '../indicators/tables'

// Kysely's view of the tables. Timestamps are ISO-8601 UTC strings and flags are 0/1 integers, so one
// set of migrations and queries serves SQLite and PostgreSQL alike.

export interface UnitTable {
  id: Generated<number>
  parent_id: number | null
  level: 'street' | 'neighbourhood' | 'estate' | 'building'
  name: string
  housing_type: string | null
  households: number
  created_at: string
}

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
  role: 'moderator' | 'admin'
  unit_id: number
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

export interface ModerationLogTable {
  id: Generated<number>
  actor_id: number
  action: string
  target_type: string
  target_id: number
  unit_id: number
  reason: string | null
  created_at: string
}

export interface SensitiveWordTable {
  word: string
  level: 'review' | 'risky'
  created_by: number | null
  created_at: string
}

export interface Database {
  units: UnitTable
  users: UserTable
  role_grants: RoleGrantTable
  residences: ResidenceTable
  sessions: SessionTable
  rate_counters: RateCounterTable
  idempotency_keys: IdempotencyKeyTable
  moderation_log: ModerationLogTable
  sensitive_words: SensitiveWordTable
  proposals: ProposalTables['proposals']
  proposal_cosigns: ProposalTables['proposal_cosigns']
  proposal_follows: ProposalTables['proposal_follows']
  proposal_votes: ProposalTables['proposal_votes']
  proposal_transitions: ProposalTables['proposal_transitions']
  proposal_meetings: ProposalTables['proposal_meetings']
  proposal_progress: ProposalTables['proposal_progress']
  proposal_progress_comments: ProposalTables['proposal_progress_comments']
  proposal_evaluations: ProposalTables['proposal_evaluations']
  proposal_settings: ProposalTables['proposal_settings']
  notifications: NotificationTable
  topics: DiscussionTables['topics']
  posts: DiscussionTables['posts']
  post_likes: DiscussionTables['post_likes']
  topic_stances: DiscussionTables['topic_stances']
  topic_participants: DiscussionTables['topic_participants']
  post_reports: ModerationTables['post_reports']
  user_mutes: ModerationTables['user_mutes']
  post_appeals: ModerationTables['post_appeals']
  discussion_settings: ModerationTables['discussion_settings']
  surveys: SurveyTables['surveys']
  survey_participation: SurveyTables['survey_participation']
  survey_responses: SurveyTables['survey_responses']
  indicator_inputs: IndicatorTables['indicator_inputs']
}

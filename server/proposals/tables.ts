import type { Generated } from 'kysely'

// Kysely's view of the proposal tables (migration 003). Timestamps are ISO-8601 UTC text, flags 0/1,
// JSON is text, money is whole fen (分) so no float ever touches a budget.

export interface ProposalTable {
  id: Generated<number>
  title: string
  body: string
  category: string
  level: 'building' | 'estate' | 'neighbourhood'
  unit_id: number
  /** The unit's chain, denormalised so lists filter by any level without joins. */
  building_id: number | null
  estate_id: number | null
  neighbourhood_id: number
  street_id: number | null
  /** JSON array of photo URLs / ids. */
  photos: string
  /** null when a committee member entered it for a resident without an account (代录). */
  author_id: number | null
  /** The author's 楼组 when submitted: the privacy label is built from it. */
  author_building_id: number
  hide_building: number
  /** The committee member who entered it (代录), else null. */
  entered_by: number | null
  /** What the committee noted about the resident it was entered for (name, contact); staff only. */
  staff_note: string | null
  state: string
  state_entered_at: string
  /** End of the current state's time limit (derived from settings; null when the state has none). */
  deadline_at: string | null
  /** Set once the author was told the item is overdue (escalation level 1); cleared by every transition. */
  overdue_notified_at: string | null
  /** When the 街镇 is due to be told (twice the time limit), set with overdue_notified_at; cleared with it. */
  escalates_at: string | null
  /** Set once the 街镇 was told (escalation level 2); cleared by every transition. */
  escalated_at: string | null
  threshold: number
  cosign_count: number
  content_status: 'visible' | 'pending_review' | 'hidden'
  merged_into: number | null
  referred_to: string | null
  referral_answer: string | null
  referral_answered_at: string | null
  /** The referee took responsibility (migration 009); the time limit runs on as its answer-by date. */
  referral_accepted_at: string | null
  referral_answered_by: 'referee' | 'committee' | null
  vote_closes_at: string | null
  vote_for: number | null
  vote_against: number | null
  vote_abstain: number | null
  vote_eligible: number | null
  vote_passed: number | null
  decided_offline: number
  impl_owner: string | null
  impl_planned_date: string | null
  budget_planned_fen: number | null
  budget_spent_fen: number | null
  progress_percent: number | null
  /** The 议事厅 topic opened on acceptance (set by the discussions capability). */
  topic_id: number | null
  created_at: string
  updated_at: string
}

export interface ProposalCosignTable {
  id: Generated<number>
  proposal_id: number
  /** "u:<userId>" for a resident's own co-signature, "p:<building>:<room>:<name>" for a proxy entry: one row each. */
  signer_key: string
  user_id: number | null
  building_id: number
  /** Proxy entries only (staff eyes only). */
  room: string | null
  entered_by: number | null
  created_at: string
}

export interface ProposalFollowTable {
  proposal_id: number
  user_id: number
  created_at: string
}

export interface ProposalVoteTable {
  proposal_id: number
  /** One vote per household: 楼组 + normalised room. */
  building_id: number
  room: string
  /** The member who cast it (first to vote); only they may change it. */
  user_id: number
  choice: 'for' | 'against' | 'abstain'
  created_at: string
  updated_at: string
}

export interface ProposalTransitionTable {
  id: Generated<number>
  proposal_id: number
  from_state: string | null
  to_state: string
  actor_id: number | null
  actor_role: 'author' | 'committee' | 'referee' | 'system'
  reason: string | null
  details: string | null
  created_at: string
}

export interface ProposalMeetingTable {
  id: Generated<number>
  proposal_id: number
  kind: 'hearing' | 'coordination' | 'evaluation' | 'representatives'
  held_on: string
  place: string
  attendance: number
  minutes: string
  decisions: string | null
  created_by: number
  created_at: string
}

export interface ProposalProgressTable {
  id: Generated<number>
  proposal_id: number
  percent: number
  text: string
  photos: string
  budget_spent_fen: number | null
  created_by: number
  created_at: string
}

export interface ProposalProgressCommentTable {
  id: Generated<number>
  progress_id: number
  proposal_id: number
  user_id: number
  /** The commenter's privacy label when they wrote it ("3号楼居民", "居委会"). */
  author_label: string
  body: string
  content_status: 'visible' | 'pending_review' | 'hidden'
  created_at: string
}

export interface ProposalEvaluationTable {
  proposal_id: number
  user_id: number
  author_label: string
  rating: number
  comment: string | null
  content_status: 'visible' | 'pending_review' | 'hidden'
  created_at: string
  updated_at: string
}

/** A referral's step that leaves the state as it is (migration 009): the referee accepted it, or it was answered. */
export interface ReferralEventTable {
  id: Generated<number>
  proposal_id: number
  kind: 'accepted' | 'answered'
  /** null: answered before migration 009 (the moderation log has who). */
  actor_id: number | null
  actor_role: 'referee' | 'committee'
  /** The referral the step belongs to. */
  referred_to: string
  /** The note of an acceptance, the text of an answer. */
  text: string | null
  /** JSON array of photo URLs / ids. */
  photos: string
  created_at: string
}

export interface ProposalSettingsTable {
  neighbourhood_id: number
  cosign_min_count: number
  /** Basis points: 300 = 3 %. */
  cosign_share_bp: number
  cosign_days: number
  screening_days: number
  accepted_days: number
  deliberating_days: number
  voting_days: number
  approved_days: number
  referred_days: number
  evaluation_days: number
  vote_turnout_bp: number
  vote_majority_bp: number
  updated_by: number | null
  updated_at: string
}

export interface ProposalTables {
  proposals: ProposalTable
  proposal_cosigns: ProposalCosignTable
  proposal_follows: ProposalFollowTable
  proposal_votes: ProposalVoteTable
  proposal_transitions: ProposalTransitionTable
  proposal_meetings: ProposalMeetingTable
  proposal_progress: ProposalProgressTable
  proposal_progress_comments: ProposalProgressCommentTable
  proposal_evaluations: ProposalEvaluationTable
  proposal_settings: ProposalSettingsTable
  referral_events: ReferralEventTable
}

import type { Generated } from 'kysely'

// Kysely's view of the 议事厅 tables (migration 004_discussions).

export interface TopicTable {
  id: Generated<number>
  /** A 楼组, 小区 or 居民区. */
  unit_id: number
  /** The 居民区 above (or equal to) unit_id: who reads, who moderates, whose log. */
  neighbourhood_id: number
  question: string
  background: string
  closes_at: string | null
  state: 'open' | 'locked' | 'concluded'
  /** 1 while the content check holds the topic for a moderator. */
  pending: number
  summary: string | null
  concluded_at: string | null
  concluded_by: number | null
  /** The proposal the topic was opened for; no foreign key (proposals are their own module). */
  proposal_id: number | null
  opened_by: number
  /** Published posts and replies (kept in step by every status change). */
  post_count: number
  last_post_at: string | null
  created_at: string
  updated_at: string
}

export interface PostTable {
  id: Generated<number>
  topic_id: number
  /** The root post of a reply; null for a root post. Replies are one level deep. */
  parent_id: number | null
  /** The reply this reply answers (a reply to a reply hangs under the same root). */
  reply_to_id: number | null
  reply_to_label: string | null
  author_id: number
  /** The author's privacy label when they posted ("3号楼居民", "居委会"). */
  author_label: string
  author_is_staff: number
  official: number
  body: string
  /** JSON array of photo URLs or file ids. */
  photos: string
  status: 'published' | 'pending' | 'hidden' | 'deleted'
  hidden_reason: string | null
  hidden_by: number | null
  hidden_at: string | null
  /** Set while the post waits for a moderator (pending, or reported); cleared by a decision. */
  flagged_at: string | null
  /** Distinct residents' reports not yet dealt with. */
  open_reports: number
  pinned_at: string | null
  like_count: number
  /** Published replies (roots only). */
  reply_count: number
  created_at: string
  edited_at: string | null
  deleted_at: string | null
}

export interface PostLikeTable {
  post_id: number
  user_id: number
  created_at: string
}

export interface TopicStanceTable {
  topic_id: number
  user_id: number
  stance: 'support' | 'oppose' | 'neutral'
  updated_at: string
}

export interface TopicParticipantTable {
  topic_id: number
  user_id: number
  created_at: string
}

export interface DiscussionTables {
  topics: TopicTable
  posts: PostTable
  post_likes: PostLikeTable
  topic_stances: TopicStanceTable
  topic_participants: TopicParticipantTable
}

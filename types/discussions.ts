// 议事厅: topics residents deliberate on (先议), their posts, replies, likes and stances.
import type { UnitLevel } from './community'
import type { MediaPhoto } from './media'

/** open → locked (read-only) → concluded (议事纪要 shown at the top); a moderator may reopen. */
export type TopicState = 'open' | 'locked' | 'concluded'

export const TOPIC_STATE_NAMES: Record<TopicState, string> = {
  open: '讨论中',
  locked: '已锁定',
  concluded: '已形成纪要',
}

export type Stance = 'support' | 'oppose' | 'neutral'

export const STANCE_NAMES: Record<Stance, string> = {
  support: '支持',
  oppose: '反对',
  neutral: '中立',
}

export type StanceCounts = Record<Stance, number>

/** Moderator actions on a topic: `approve` publishes a topic the content check held for review. */
export type TopicModerationAction = 'lock' | 'conclude' | 'reopen' | 'approve'

export interface Topic {
  id: number
  unit: { id: number; name: string; level: UnitLevel }
  /** The 居民区 the topic belongs to (its readers). */
  neighbourhoodId: number
  question: string
  background: string
  closesAt: string | null
  state: TopicState
  /** Open but past its closing date: read-only, like a locked topic. */
  closed: boolean
  /** Held by the content check until a moderator approves it; only staff see such topics. */
  pending: boolean
  /** 议事纪要: positions and conclusion, written when the topic is concluded. */
  summary: string | null
  concludedAt: string | null
  /** The proposal this topic was opened for, if any. */
  proposalId: number | null
  openedAt: string
  lastPostAt: string | null
  /** Published posts and replies. */
  postCount: number
  /** Distinct residents who posted or took a stance. */
  participantCount: number
  stances: StanceCounts
  myStance: Stance | null
  /** Whether the caller may post now; when not, why (for the input box). */
  canPost: boolean
  cannotPostReason: string | null
  /** The caller is staff of this topic's 居民区. */
  canModerate: boolean
}

// What a post's view carries of its moderation (reports, the author's appeal) is typed here, so the
// moderation types build on these and the two files do not import each other.

export type ReportReason = 'ad' | 'attack' | 'misinfo' | 'privacy' | 'offtopic' | 'other'

export type AppealStatus = 'pending' | 'granted' | 'denied'

export interface Appeal {
  id: number
  postId: number
  status: AppealStatus
  reason: string
  /** The admin's answer. */
  note: string | null
  createdAt: string
  decidedAt: string | null
}

export type PostStatus = 'published' | 'pending' | 'hidden' | 'deleted'

export const POST_STATUS_NAMES: Record<PostStatus, string> = {
  published: '已发布',
  pending: '审核中',
  hidden: '已隐藏',
  deleted: '已删除',
}

export type PostSort = 'oldest' | 'liked'

export interface PostAuthor {
  /** Privacy label: "3号楼居民", or "居委会" for staff. */
  label: string
  isStaff: boolean
  isMine: boolean
  /** Only staff of the 居民区 see who wrote a post (to mute them if need be). */
  userId?: number
}

/** What only staff see about a post. */
export interface PostModerationInfo {
  reportCount: number
  /** Reports not yet dealt with by a moderator. */
  openReports: number
  reasons: Partial<Record<ReportReason, number>>
  hiddenAt: string | null
  /** Hidden automatically after reports rather than by a moderator. */
  autoHidden: boolean
}

export interface Post {
  id: number
  topicId: number
  /** The root post a reply belongs to; null for a root post. */
  parentId: number | null
  /** The reply this one answers, when it answers a reply rather than the root. */
  replyTo: { id: number; label: string } | null
  author: PostAuthor
  /** 官方回复 by the committee. */
  official: boolean
  pinned: boolean
  status: PostStatus
  /** Empty when a placeholder shows instead. Phones, ID and room numbers are masked for residents. */
  body: string
  /** "该内容已被隐藏（广告）" / "该内容已被作者删除"; null when the body shows. */
  placeholder: string | null
  /** Gone with a deleted post's text; a hidden post's for its author and staff only. */
  photos: MediaPhoto[]
  /** Why the post was hidden: for its author and staff. */
  hiddenReason: string | null
  likeCount: number
  likedByMe: boolean
  reportedByMe: boolean
  replyCount: number
  /** In lists: the first replies of a root post (see replyCount for the total). */
  replies?: Post[]
  createdAt: string
  editedAt: string | null
  /** Until when the caller may still edit this post; null when they may not. */
  editableUntil: string | null
  /** The author's appeal against hiding, shown to the author and staff. */
  appeal: Appeal | null
  /** The author may appeal this hidden post (once). */
  canAppeal: boolean
  moderation?: PostModerationInfo
}

export interface PostPage {
  items: Post[]
  /** Pinned posts, on the first page only (they are not repeated in items). */
  pinned: Post[]
  nextCursor: string | null
}

/** A link to any post or reply opens its whole thread. */
export interface PostThread {
  topic: { id: number; question: string; state: TopicState }
  root: Post
  replies: Post[]
  /** The post the link pointed to; null if it was deleted since. */
  focusId: number | null
  /** Its index in replies, or null when it is the root (or gone). */
  focusIndex: number | null
}

export interface NewTopic {
  unitId: number
  question: string
  background?: string
  closesAt?: string
}

export interface NewPost {
  body: string
  parentId?: number
  stance?: Stance
  /** Ids of the author's uploads (POST /api/media). */
  photos?: number[]
  /** 官方回复: staff only. */
  official?: boolean
}

// Who may do what in the 议事厅, without I/O: callers load the principal, the topic (with its unit
// chain) and the post, then ask. A refusal carries the status, code and message the resident sees.
import type { PostStatus, Stance } from '../../types'
import { can, isStaffFor, type Principal, type UnitChain } from '../accounts'
import { AppError } from '../core/errors'
import { shanghaiDateTimeText } from '../../types/time'
import { editableUntil, topicReadOnlyReason, type PostViewer, type TopicPostingState } from './rules'

export type Check = { ok: true } | { ok: false; status: number; code: string; message: string; details?: unknown }

export const allowed: Check = { ok: true }
export const refused = (message: string, status = 403, code = 'forbidden', details?: unknown): Check =>
  details === undefined ? { ok: false, status, code, message } : { ok: false, status, code, message, details }

/** Throws the refusal, if it is one. */
export function enforce(check: Check): void {
  if (!check.ok) throw new AppError(check.status, check.code, check.message, undefined, check.details)
}

/** What the policy reads of a topic: its unit chain (the columns topicQuery selects), name and state. */
export interface TopicScope extends TopicPostingState {
  unit_id: number
  c1: number | null
  c2: number | null
  c3: number | null
  unit_name: string
  neighbourhood_id: number
}

export function chainOf(t: Pick<TopicScope, 'unit_id' | 'c1' | 'c2' | 'c3'>): UnitChain {
  return [t.unit_id, t.c1, t.c2, t.c3].filter((id): id is number => id !== null)
}

/** Staff of the topic's 居民区 (its committee, or the 街镇 above). */
export function isModeratorOf(p: Principal, t: TopicScope): boolean {
  return isStaffFor(p, chainOf(t))
}

export function viewerFor(p: Principal, t: TopicScope): PostViewer {
  return { userId: p.userId, isStaff: isModeratorOf(p, t) }
}

// ---- topics -------------------------------------------------------------------------------

/** Anyone of the 居民区 reads a topic; a pending one is for staff only (to others it does not exist). */
export function readTopicCheck(p: Principal, t: TopicScope): Check {
  if (t.pending && !isModeratorOf(p, t)) return refused('议题不存在或已被删除', 404, 'not_found')
  if (!can(p, 'topics.read', chainOf(t))) return refused('只有本居民区的居民可以查看这个议题')
  return allowed
}

export function openTopicCheck(p: Principal, chain: UnitChain): Check {
  return can(p, 'topics.open', chain) ? allowed : refused('只有本居民区的居委会可以发起议题')
}

/** Locking, concluding, reopening and approving a topic: its committee. */
export function moderateTopicCheck(p: Principal, t: TopicScope): Check {
  return can(p, 'discussions.moderate', chainOf(t)) ? allowed : refused('只有本居民区的居委会可以管理议题')
}

/** Nobody posts, likes, edits or takes a stance in a locked, concluded, past-date or pending topic. */
export function writableCheck(t: TopicPostingState, now: Date): Check {
  const reason = topicReadOnlyReason(t, now)
  return reason ? refused(reason, 409, 'topic_read_only') : allowed
}

// ---- posting ------------------------------------------------------------------------------

export type Mutes = Map<number, { endsAt: string; reason: string }>

export function mutedMessage(m: { endsAt: string; reason: string }): string {
  return `您已被禁言至 ${shanghaiDateTimeText(m.endsAt)}（原因：${m.reason}），期间不能发言`
}

/** Who may post: the topic's committee and the verified residents of its unit. */
export function postCheck(p: Principal, t: TopicScope): Check {
  if (can(p, 'posts.create', chainOf(t))) return allowed
  return refused(p.residence ? `本议题仅限${t.unit_name}的认证居民发言` : '完成居民认证后才能发言')
}

/** A resident muted in the topic's 居民区 may not post there until the mute ends; staff are never muted. */
export function mutedCheck(p: Principal, t: TopicScope, mutes: Mutes): Check {
  const mute = mutes.get(t.neighbourhood_id)
  if (!mute || isModeratorOf(p, t)) return allowed
  return refused(mutedMessage(mute), 403, 'muted', { endsAt: mute.endsAt })
}

/** Only the committee writes 官方回复; the committee takes no stance. */
export function postAsCheck(p: Principal, t: TopicScope, post: { official?: boolean; stance?: Stance }): Check {
  const staff = isModeratorOf(p, t)
  if (post.official && !staff) return refused('只有居委会可以发布官方回复')
  if (post.stance && staff) return refused('居委会成员不参与表态')
  return allowed
}

/** Why the caller cannot post in the topic now (for the input box), or null when they can. */
export function cannotPostReason(p: Principal, t: TopicScope, now: Date, mutes: Mutes): string | null {
  for (const check of [postCheck(p, t), writableCheck(t, now), mutedCheck(p, t, mutes)]) if (!check.ok) return check.message
  return null
}

/** The author may edit a published or pending post within 10 minutes of posting it. */
export function canEdit(post: { author_id: number; status: PostStatus; created_at: string }, userId: number, now: Date): Check {
  if (post.author_id !== userId) return refused('只能修改自己的发言')
  if (post.status === 'deleted') return refused('这条发言已被删除', 409, 'post_deleted')
  if (post.status === 'hidden') return refused('这条发言已被隐藏，不能修改；如有异议可以申诉', 409, 'post_hidden')
  if (now.getTime() >= editableUntil(post.created_at).getTime()) {
    return refused('发布超过 10 分钟的发言不能再修改，可以删除后重新发布', 409, 'edit_window_closed')
  }
  return allowed
}

export function deleteCheck(post: { author_id: number; status: PostStatus }, userId: number): Check {
  if (post.author_id !== userId) return refused('只能删除自己的发言')
  if (post.status === 'deleted') return refused('发言不存在或已被删除', 404, 'not_found')
  return allowed
}

// ---- stances and likes (residents only) ---------------------------------------------------

export function stanceCheck(p: Principal, t: TopicScope): Check {
  if (isModeratorOf(p, t)) return refused('居委会成员不参与表态')
  if (!can(p, 'posts.create', chainOf(t))) return refused(`本议题仅限${t.unit_name}的认证居民表态`)
  return allowed
}

export function withdrawStanceCheck(p: Principal, t: TopicScope): Check {
  return stanceCheck(p, t).ok ? allowed : refused('您没有在这个议题表态')
}

/** 赞同: residents of the unit, on someone else's published post. */
export function likeCheck(p: Principal, t: TopicScope, post: { author_id: number; status: PostStatus }): Check {
  if (isModeratorOf(p, t)) return refused('居委会成员不参与赞同')
  if (!can(p, 'posts.create', chainOf(t))) return refused(`本议题仅限${t.unit_name}的认证居民赞同`)
  if (post.status !== 'published') return refused('这条发言已被隐藏、删除或仍在审核中', 409, 'post_unavailable')
  if (post.author_id === p.userId) return refused('不能赞同自己的发言', 409, 'own_post')
  return allowed
}

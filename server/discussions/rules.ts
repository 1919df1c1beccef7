// The 议事厅's rules, without I/O: topic states, what may be posted when, who sees what of a post.
import type { PostStatus, TopicModerationAction, TopicState } from '../../types'

export const EDIT_WINDOW_MS = 10 * 60_000
export const MAX_PINNED = 3
export const MAX_BODY = 1000
/** Replies shown under each root post in a list (the thread shows them all). */
export const REPLY_PREVIEW = 3
/** Replies a thread returns at most. */
export const THREAD_REPLY_LIMIT = 1000

export const DELETED_PLACEHOLDER = '该内容已被作者删除'
export const hiddenPlaceholder = (reason: string | null) => `该内容已被隐藏（${reason || '违反议事规则'}）`
export const AUTO_HIDE_REASON = '多位居民举报，等待居委会审核'

// ---- topics -------------------------------------------------------------------------------

/** The 居民区 of a unit chain ([楼组, 小区, 居民区, 街镇] or a tail of it): the one just under the 街镇. */
export function neighbourhoodOf(chain: number[]): number {
  return chain.length >= 2 ? chain[chain.length - 2] : chain[0]
}

export type TransitionResult = { ok: true; state: TopicState } | { ok: false; message: string; allowed: TopicModerationAction[] }

const TOPIC_TRANSITIONS: Record<TopicState, Partial<Record<Exclude<TopicModerationAction, 'approve'>, TopicState>>> = {
  open: { lock: 'locked', conclude: 'concluded' },
  locked: { conclude: 'concluded', reopen: 'open' },
  concluded: { reopen: 'open' },
}

const STATE_TEXT: Record<TopicState, string> = { open: '讨论中', locked: '已锁定', concluded: '已形成纪要' }
const ACTION_TEXT: Record<TopicModerationAction, string> = { lock: '锁定', conclude: '形成纪要', reopen: '重新开放', approve: '审核通过' }

/** open → locked → concluded; locked or concluded → open again. Approving only concerns pending topics. */
export function topicTransition(state: TopicState, pending: boolean, action: TopicModerationAction): TransitionResult {
  const allowed = allowedTopicActions(state, pending)
  if (action === 'approve') {
    return pending ? { ok: true, state } : { ok: false, message: '这个议题不需要审核', allowed }
  }
  const next = TOPIC_TRANSITIONS[state][action]
  if (!next) return { ok: false, message: `议题${STATE_TEXT[state]}，不能${ACTION_TEXT[action]}`, allowed }
  return { ok: true, state: next }
}

export function allowedTopicActions(state: TopicState, pending: boolean): TopicModerationAction[] {
  const moves = Object.keys(TOPIC_TRANSITIONS[state]) as TopicModerationAction[]
  return pending ? ['approve', ...moves] : moves
}

export interface TopicPostingState {
  state: TopicState
  pending: number | boolean
  closes_at: string | null
}

/** Whether a topic is past its closing date (then it is read-only, like a locked one). */
export function isClosedByDate(t: { state: TopicState; closes_at: string | null }, now: Date): boolean {
  return t.state === 'open' && t.closes_at !== null && t.closes_at <= now.toISOString()
}

/** Why nobody may post, like, edit or take a stance in the topic now; null when they may. */
export function topicReadOnlyReason(t: TopicPostingState, now: Date): string | null {
  if (t.pending) return '议题正在审核中，审核通过后才能发言'
  if (t.state === 'locked') return '议题已锁定，暂时不能发言'
  if (t.state === 'concluded') return '议题已形成议事纪要，讨论已结束'
  if (isClosedByDate({ state: t.state, closes_at: t.closes_at }, now)) return '议题已过截止时间，讨论已结束'
  return null
}

/** A topic on the 首页: open, approved, not past its closing date. */
export function isActive(t: TopicPostingState, now: Date): boolean {
  return topicReadOnlyReason(t, now) === null
}

// ---- posts --------------------------------------------------------------------------------

/** Whether a post counts in the topic's post count and its root's reply count. */
export function isCounted(status: PostStatus | null): boolean {
  return status === 'published'
}

/** How a status change moves the counts: +1, -1 or 0. */
export function countDelta(before: PostStatus | null, after: PostStatus | null): number {
  return Number(isCounted(after)) - Number(isCounted(before))
}

export function editableUntil(createdAt: string): Date {
  return new Date(Date.parse(createdAt) + EDIT_WINDOW_MS)
}

/** Status after an edit: a check that holds the new text makes it pending; clean text is published. */
export function statusAfterEdit(verdict: 'pass' | 'review'): PostStatus {
  return verdict === 'review' ? 'pending' : 'published'
}

export interface PostViewer {
  userId: number
  /** Staff of the topic's 居民区: they see originals, authors and moderation detail. */
  isStaff: boolean
}

/** Root posts a viewer sees in a list: deleted roots stay as placeholders only while they have replies. */
export function rootVisible(p: { status: PostStatus; author_id: number; reply_count: number }, v: PostViewer): boolean {
  if (p.status === 'deleted') return p.reply_count > 0
  if (p.status === 'pending') return v.isStaff || p.author_id === v.userId
  return true
}

export function replyVisible(p: { status: PostStatus; author_id: number }, v: PostViewer): boolean {
  if (p.status === 'deleted') return false
  if (p.status === 'pending') return v.isStaff || p.author_id === v.userId
  return true
}

/**
 * What a viewer reads of a post: the body (originals for staff and the author, masked for other
 * residents), or a placeholder. Staff and the author still read a hidden post's text.
 */
export function presentBody(
  p: { status: PostStatus; author_id: number; body: string; hidden_reason: string | null },
  v: PostViewer,
  mask: (text: string) => string,
): { body: string; placeholder: string | null } {
  if (p.status === 'deleted') return { body: '', placeholder: DELETED_PLACEHOLDER }
  const own = p.author_id === v.userId
  if (p.status === 'hidden') {
    return { body: v.isStaff || own ? p.body : '', placeholder: hiddenPlaceholder(p.hidden_reason) }
  }
  return { body: v.isStaff || own ? p.body : mask(p.body), placeholder: null }
}


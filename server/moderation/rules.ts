// Moderation rules without I/O: the report threshold, what each moderator action does to a post,
// how long mutes last, and the order of the queue. Who may do each is in policy.ts.
import type { PostModerationAction, PostStatus, QueueKind, ReportReason } from '../../types'
import { REPORT_REASON_NAMES } from '../../types'
import { MAX_PINNED } from '../discussions'

export const REPORT_REASONS = Object.keys(REPORT_REASON_NAMES) as ReportReason[]
export const DEFAULT_REPORT_THRESHOLD = 3
export const MIN_REPORT_THRESHOLD = 2
export const MAX_REPORT_THRESHOLD = 20
export const MAX_MUTE_DAYS = 90

/** A published post reported by `threshold` distinct residents (not yet dealt with) hides itself. */
export function shouldAutoHide(status: PostStatus, openReports: number, threshold: number): boolean {
  return status === 'published' && openReports >= threshold
}

/** A reason picked from the report list is stored as its name ("广告"); a written one as written. */
export function hideReasonText(reason: string): string {
  const trimmed = reason.trim()
  return (REPORT_REASON_NAMES as Record<string, string>)[trimmed] ?? trimmed
}

export interface ModeratedPost {
  status: PostStatus
  parent_id: number | null
  pinned_at: string | null
  /** null when the post was hidden automatically. */
  hidden_by: number | null
}

export type PostDecision =
  | { ok: true; status: PostStatus; pinned?: boolean; resolvesReports: boolean }
  | { ok: false; code: string; message: string }

/** What a moderator action does to a post, or why it cannot be done. */
export function decidePostAction(post: ModeratedPost, action: PostModerationAction, pinnedInTopic: number): PostDecision {
  if (post.status === 'deleted') return { ok: false, code: 'post_deleted', message: '这条发言已被作者删除' }
  switch (action) {
    case 'hide':
      // Hiding an auto-hidden post confirms it: the moderator's reason replaces the automatic one.
      if (post.status === 'hidden' && post.hidden_by !== null) return { ok: false, code: 'already_hidden', message: '这条发言已经隐藏了' }
      return { ok: true, status: 'hidden', pinned: false, resolvesReports: true }
    case 'restore':
      if (post.status !== 'hidden') return { ok: false, code: 'not_hidden', message: '这条发言没有被隐藏，不需要恢复' }
      return { ok: true, status: 'published', resolvesReports: true }
    case 'approve':
      if (post.status === 'pending') return { ok: true, status: 'published', resolvesReports: true }
      // Approving a reported post keeps it up and closes the reports.
      if (post.status === 'published') return { ok: true, status: 'published', resolvesReports: true }
      return { ok: false, code: 'not_pending', message: '这条发言已被隐藏，请使用“恢复”' }
    case 'pin':
      if (post.parent_id !== null) return { ok: false, code: 'not_root', message: '只能置顶主帖，不能置顶回复' }
      if (post.status !== 'published') return { ok: false, code: 'not_published', message: '只能置顶已发布的发言' }
      if (post.pinned_at !== null) return { ok: false, code: 'already_pinned', message: '这条发言已经置顶了' }
      if (pinnedInTopic >= MAX_PINNED) return { ok: false, code: 'pin_limit', message: `每个议题最多置顶 ${MAX_PINNED} 条发言，请先取消一条` }
      return { ok: true, status: post.status, pinned: true, resolvesReports: false }
    case 'unpin':
      if (post.pinned_at === null) return { ok: false, code: 'not_pinned', message: '这条发言没有置顶' }
      return { ok: true, status: post.status, pinned: false, resolvesReports: false }
  }
}

export function muteEndsAt(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000)
}

const QUEUE_RANK: Record<QueueKind, number> = {
  appeal: 0,
  auto_hidden: 1,
  reported: 2,
  pending: 3,
  pending_topic: 4,
  recent: 5,
}

/** Why a flagged post is in the queue. */
export function queueKind(p: { status: PostStatus; open_reports: number; hidden_by: number | null }): QueueKind {
  if (p.status === 'hidden' && p.hidden_by === null) return 'auto_hidden'
  if (p.open_reports > 0) return 'reported'
  if (p.status === 'pending') return 'pending'
  return 'recent'
}

/** Appeals, then auto-hidden, reported (most reports first), pending; oldest first within a kind. */
export function compareQueue(
  a: { kind: QueueKind; reports: number; since: string },
  b: { kind: QueueKind; reports: number; since: string },
): number {
  if (a.kind !== b.kind) return QUEUE_RANK[a.kind] - QUEUE_RANK[b.kind]
  if (a.kind === 'recent') return a.since < b.since ? 1 : a.since > b.since ? -1 : 0
  if (a.reports !== b.reports) return b.reports - a.reports
  return a.since < b.since ? -1 : a.since > b.since ? 1 : 0
}

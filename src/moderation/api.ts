import type {
  Appeal,
  ModerationLogEntry,
  ModerationQueue,
  Mute,
  NewTopic,
  Post,
  PostModerationAction,
  QueueItem,
  QueueKind,
  Topic,
  TopicModerationAction,
} from '@yishi/types'
import { api, request } from '@/shared/request'

// The committee's part of the 议事厅 API: the queue, actions on posts and topics, mutes, appeals
// (街镇 admins) and the read-only log.

export interface LogQuery {
  action?: string
  actorId?: number
  /** ISO date-times, from inclusive, to exclusive. */
  from?: string
  to?: string
  cursor?: string | null
}

export const moderationApi = {
  queue: (silent = false) => api.get<ModerationQueue>('/api/moderation/queue', { silent }),
  log: (q: LogQuery = {}) =>
    api.get<{ items: ModerationLogEntry[]; nextCursor: string | null }>('/api/moderation/log', {
      query: { action: q.action, actorId: q.actorId, from: q.from, to: q.to, cursor: q.cursor ?? undefined },
    }),
  moderatePost: (postId: number, action: PostModerationAction, reason?: string) =>
    request<Post>(`/api/posts/${postId}/moderation`, { method: 'POST', data: reason ? { action, reason } : { action } }),
  moderateTopic: (topicId: number, action: TopicModerationAction, summary?: string) =>
    request<Topic>(`/api/topics/${topicId}/moderation`, { method: 'POST', data: summary ? { action, summary } : { action } }),
  mute: (userId: number, days: number, reason: string) => request<Mute>(`/api/users/${userId}/mutes`, { method: 'POST', data: { days, reason } }),
  decideAppeal: (appealId: number, decision: 'grant' | 'deny', note: string) =>
    request<Appeal>(`/api/appeals/${appealId}/decision`, { method: 'POST', data: { decision, note } }),
  openTopic: (topic: NewTopic) => request<Topic>('/api/topics', { method: 'POST', data: topic }),
}

export const QUEUE_KIND_NAMES: Record<QueueKind, { text: string; tone: 'danger' | 'warn' | 'accent' | 'neutral' }> = {
  appeal: { text: '申诉待复核', tone: 'accent' },
  auto_hidden: { text: '多人举报，已自动隐藏', tone: 'danger' },
  reported: { text: '被举报', tone: 'danger' },
  pending: { text: '发言待审核', tone: 'warn' },
  pending_topic: { text: '议题待审核', tone: 'warn' },
  recent: { text: '最新发言', tone: 'neutral' },
}

/** Items someone must act on (everything but the latest posts shown for a look). */
export function waitingItems(items: QueueItem[]): QueueItem[] {
  return items.filter((i) => i.kind !== 'recent')
}

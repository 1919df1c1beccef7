import type { NotificationPage, NotificationsReadResult } from '@yishi/types'
import { api } from '@/shared/request'

// In-app notifications (消息): what changed on proposals the resident raised, co-signed or follows.

export const notificationsApi = {
  list: (cursor?: string | null, silent = false) =>
    api.get<NotificationPage>('/api/notifications', { query: { cursor: cursor ?? undefined, limit: 20 }, silent }),
  /** Only the unread count (one row fetched). */
  unread: () => api.get<NotificationPage>('/api/notifications', { query: { limit: 1 }, silent: true }).then((p) => p.unread),
  /** Mark these read, or all when no ids are given. */
  markRead: (ids?: number[]) => api.post<NotificationsReadResult>('/api/notifications/read', ids ? { ids } : {}, { silent: true }),
}

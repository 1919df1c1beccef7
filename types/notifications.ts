// In-app notifications (消息): what changed on something the resident raised or follows.

export interface AppNotification {
  id: number
  /** e.g. proposal.transition, proposal.progress, proposal.overdue, proposal.merged */
  kind: string
  title: string
  body: string
  targetType: string
  targetId: number
  createdAt: string
  read: boolean
}

export interface NotificationPage {
  items: AppNotification[]
  nextCursor: string | null
  unread: number
}

/** POST /api/notifications/read {ids?}: what is left unread. */
export interface NotificationsReadResult {
  unread: number
}

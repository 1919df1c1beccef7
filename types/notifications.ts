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

/**
 * The app page a notification opens (without the leading slash), or null when there is none. Shared by
 * the in-app list and the WeChat subscribe message, so both open the same page.
 */
export function notificationPage(n: Pick<AppNotification, 'targetType' | 'targetId'>): string | null {
  if (!(n.targetId > 0)) return null
  switch (n.targetType) {
    case 'proposal':
      return `more/proposals/detail?id=${n.targetId}`
    case 'topic':
      return `pages/hall/topic?id=${n.targetId}`
    // Any post or reply opens its thread.
    case 'post':
      return `pages/hall/thread?id=${n.targetId}`
    case 'residence':
      return 'pages/residence/index'
    default:
      return null
  }
}

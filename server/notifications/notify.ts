import type { Trx } from '../core/db'

// In-app notifications are written in the same transaction as the change they announce; the WeChat
// subscribe message that mirrors each one is sent after the commit (see push.ts), best effort.

export interface NotificationInput {
  /** e.g. proposal.transition, proposal.progress, proposal.overdue */
  kind: string
  /** What it is about (a proposal's title, already masked: notifications are read by residents). */
  title: string
  /** What happened, one sentence. */
  body: string
  targetType: string
  targetId: number
  /** A short status word for the subscribe message (≤ 5 characters), e.g. 已立项. */
  status?: string
}

export interface Push extends NotificationInput {
  notificationId: number
  userId: number
  at: string
}

/** Adds the notification to each user's list (each user once) and returns what to push after commit. */
export async function notify(trx: Trx, userIds: Iterable<number>, n: NotificationInput, now: Date): Promise<Push[]> {
  const ids = [...new Set(userIds)]
  if (ids.length === 0) return []
  const at = now.toISOString()
  const rows = ids.map((userId) => ({
    user_id: userId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    target_type: n.targetType,
    target_id: n.targetId,
    created_at: at,
    read_at: null,
  }))
  // Parameter limits: SQLite allows 32766 bound values, PostgreSQL 65535; 8 columns × 500 rows stays clear of both.
  const pushes: Push[] = []
  for (let i = 0; i < rows.length; i += 500) {
    const made = await trx.insertInto('notifications').values(rows.slice(i, i + 500)).returning(['id', 'user_id']).execute()
    for (const r of made) pushes.push({ ...n, notificationId: r.id, userId: r.user_id, at })
  }
  return pushes
}

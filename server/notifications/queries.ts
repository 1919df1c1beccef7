import type { Kysely } from 'kysely'
import type { AppNotification, NotificationPage } from '../../types'
import type { Database } from '../db/schema'
import { decodeCursor, encodeCursor, isId } from '../core/cursor'

type Q = Kysely<Database>

/** How many of the user's notifications are unread. */
export async function unreadCount(db: Q, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The user's own notifications (消息), newest first, a page at a time. */
export async function listNotifications(
  db: Q,
  userId: number,
  page: { cursor?: string; limit?: number; unread?: '1' | '0' },
): Promise<NotificationPage> {
  const limit = page.limit ?? 20
  let q = db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'target_type', 'target_id', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
  if (page.cursor) q = q.where('id', '<', decodeCursor(page.cursor, ([id]) => (isId(id) ? id : null)))
  if (page.unread === '1') q = q.where('read_at', 'is', null)
  const [rows, unread] = await Promise.all([q.orderBy('id', 'desc').limit(limit + 1).execute(), unreadCount(db, userId)])
  const items: AppNotification[] = rows.slice(0, limit).map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    targetType: r.target_type,
    targetId: r.target_id,
    createdAt: r.created_at,
    read: r.read_at !== null,
  }))
  return { items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null, unread }
}

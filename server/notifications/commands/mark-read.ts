import type { NotificationsReadResult } from '../../../types'
import type { Trx } from '../../core/db'
import { unreadCount } from '../queries'

/** Marks the user's notifications read: the given ones, or all of them when no ids are given. */
export async function markRead(trx: Trx, userId: number, ids: number[] | undefined, now: Date): Promise<NotificationsReadResult> {
  let q = trx.updateTable('notifications').set({ read_at: now.toISOString() }).where('user_id', '=', userId).where('read_at', 'is', null)
  if (ids) q = q.where('id', 'in', ids.length ? ids : [0])
  await q.execute()
  return { unread: await unreadCount(trx, userId) }
}

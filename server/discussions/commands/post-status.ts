// Every change of a post's status goes through here, so the topic's and the root's counts stay right.
import type { PostStatus } from '../../../types'
import { compiled } from '../../core/compiled'
import type { Trx } from '../../core/db'
import type { PostRow } from '../queries/posts'
import { countDelta } from '../rules'

/**
 * Moves a post from one status to another, keeping the topic's post count and the root's reply count
 * in step. Compare-and-set on the old status: a concurrent change makes it return false, not double-count.
 */
export async function setPostStatus(
  trx: Trx,
  post: Pick<PostRow, 'id' | 'topic_id' | 'parent_id' | 'status'>,
  to: PostStatus,
  patch: Partial<Omit<PostRow, 'id' | 'status'>> = {},
): Promise<boolean> {
  const res = await trx
    .updateTable('posts')
    .set({ ...patch, status: to })
    .where('id', '=', post.id)
    .where('status', '=', post.status)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) return false
  await adjustCounts(trx, post, countDelta(post.status as PostStatus, to))
  return true
}

// Every new post moves them.
const topicPosts = compiled((db, v: { id: number; delta: number }) =>
  db
    .updateTable('topics')
    .set((eb) => ({ post_count: eb('post_count', '+', v.delta) }))
    .where('id', '=', v.id),
)
const topicPosted = compiled((db, v: { id: number; delta: number; at: string }) =>
  db
    .updateTable('topics')
    .set((eb) => ({ post_count: eb('post_count', '+', v.delta), last_post_at: v.at }))
    .where('id', '=', v.id),
)
const postReplies = compiled((db, v: { id: number; delta: number }) =>
  db
    .updateTable('posts')
    .set((eb) => ({ reply_count: eb('reply_count', '+', v.delta) }))
    .where('id', '=', v.id),
)

/** `lastPostAt`: a new post, which also makes the topic's last post time, in the same statement. */
export async function adjustCounts(trx: Trx, post: Pick<PostRow, 'topic_id' | 'parent_id'>, delta: number, lastPostAt?: string): Promise<void> {
  if (delta === 0) return
  if (lastPostAt === undefined) await topicPosts.all(trx, { id: post.topic_id, delta })
  else await topicPosted.all(trx, { id: post.topic_id, delta, at: lastPostAt })
  if (post.parent_id !== null) await postReplies.all(trx, { id: post.parent_id, delta })
}

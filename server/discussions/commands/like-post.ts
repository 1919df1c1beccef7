import type { Context } from '../context'
import { enforce, likeCheck, writableCheck } from '../policy'
import { readablePost } from '../queries/posts'

export interface LikeState {
  liked: boolean
  likeCount: number
}

/** 赞同 (liked) or takes it back; either is idempotent. */
async function setLike(ctx: Context, postId: number, liked: boolean): Promise<LikeState> {
  const { db, principal, now } = ctx
  const { topic, post } = await readablePost(db, principal, postId)
  enforce(likeCheck(principal, topic, post))
  enforce(writableCheck(topic, now))
  return ctx.write(async (trx) => {
    if (liked) {
      const res = await trx
        .insertInto('post_likes')
        .values({ post_id: post.id, user_id: principal.userId, created_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['post_id', 'user_id']).doNothing())
        .executeTakeFirst()
      if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) {
        await trx.updateTable('posts').set((eb) => ({ like_count: eb('like_count', '+', 1) })).where('id', '=', post.id).execute()
      }
    } else {
      const res = await trx.deleteFrom('post_likes').where('post_id', '=', post.id).where('user_id', '=', principal.userId).executeTakeFirst()
      if (Number(res.numDeletedRows) > 0) {
        await trx.updateTable('posts').set((eb) => ({ like_count: eb('like_count', '-', 1) })).where('id', '=', post.id).execute()
      }
    }
    const { like_count } = await trx.selectFrom('posts').select('like_count').where('id', '=', post.id).executeTakeFirstOrThrow()
    return { liked, likeCount: like_count }
  })
}

export const likePost = (ctx: Context, postId: number) => setLike(ctx, postId, true)
export const unlikePost = (ctx: Context, postId: number) => setLike(ctx, postId, false)

import type { Appeal } from '../../../types'
import { isUniqueViolation } from '../../core/db'
import { conflict } from '../../core/errors'
import { enforce, readablePost, toAppeal, type Context } from '../../discussions'
import { canAppeal } from '../policy'

/** The author asks the 街镇 to review the hiding of their post (once). */
export async function appealPost(ctx: Context, postId: number, input: { reason: string }): Promise<Appeal> {
  const { db, principal, now } = ctx
  const { post } = await readablePost(db, principal, postId)
  const prior = await db.selectFrom('post_appeals').select('id').where('post_id', '=', post.id).executeTakeFirst()
  enforce(canAppeal(post, principal.userId, prior !== undefined))
  try {
    return await ctx.write(async (trx) => {
      const row = await trx
        .insertInto('post_appeals')
        .values({ post_id: post.id, author_id: principal.userId, reason: input.reason.trim(), status: 'pending', created_at: now.toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow()
      return toAppeal(row)
    }, 201)
  } catch (err) {
    // A second appeal sent at the same moment meets the one-per-post constraint.
    if (isUniqueViolation(err)) throw conflict('already_appealed', '每条发言只能申诉一次，您已经申诉过了')
    throw err
  }
}

import { conflict } from '../../core/errors'
import type { Context } from '../context'
import { deleteCheck, enforce } from '../policy'
import { getPost, readablePost } from '../queries/posts'
import { setPostStatus } from './post-status'

/** The author takes their post down; a root with replies stays as a placeholder so the thread still reads. */
export async function deletePost(ctx: Context, postId: number): Promise<{ ok: true; placeholder: boolean }> {
  const { db, principal, now } = ctx
  const { post } = await readablePost(db, principal, postId)
  enforce(deleteCheck(post, principal.userId))
  return ctx.write(async (trx) => {
    const ok = await setPostStatus(trx, post, 'deleted', { deleted_at: now.toISOString(), pinned_at: null, flagged_at: null })
    if (!ok) throw conflict('state_changed', '这条发言的状态刚刚变化了，请刷新后再试')
    const fresh = (await getPost(trx, post.id))!
    return { ok: true, placeholder: post.parent_id === null && fresh.reply_count > 0 }
  })
}

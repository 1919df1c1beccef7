import type { Post } from '../../../types'
import type { Context } from '../../discussions'
import { applyPostAction, moderatedPost, reasonOf } from './post-action'

/** The committee shows a hidden post again (after reviewing reports, or its own earlier decision). */
export async function restorePost(ctx: Context, postId: number, reason?: string): Promise<Post> {
  return applyPostAction(ctx, await moderatedPost(ctx, postId), {
    action: 'restore',
    reason: reasonOf(reason),
    patch: () => ({ hidden_reason: null, hidden_by: null, hidden_at: null }),
    notice: () => ({ kind: 'post.restored', status: '已恢复', body: '您的发言经居委会审核，已恢复显示。' }),
  })
}

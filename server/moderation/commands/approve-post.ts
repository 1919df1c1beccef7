import type { Post } from '../../../types'
import type { Context } from '../../discussions'
import { applyPostAction, moderatedPost, reasonOf } from './post-action'

/** The committee publishes a post the content check held, or keeps a reported one up (closing the reports). */
export async function approvePost(ctx: Context, postId: number, reason?: string): Promise<Post> {
  return applyPostAction(ctx, await moderatedPost(ctx, postId), {
    action: 'approve',
    reason: reasonOf(reason),
    // Only a held post's author is told; a reported post simply stays up.
    notice: (before) =>
      before === 'pending' ? { kind: 'post.approved', status: '已通过', body: '您的发言已通过审核，其他居民现在可以看到了。' } : undefined,
  })
}

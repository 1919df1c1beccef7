import type { Post } from '../../../types'
import type { Context } from '../../discussions'
import { applyPostAction, moderatedPost, reasonOf } from './post-action'

// Pins go unannounced: the author is not told.

/** The committee pins a root post to the top of its topic (at most MAX_PINNED per topic). */
export async function pinPost(ctx: Context, postId: number, reason?: string): Promise<Post> {
  return applyPostAction(ctx, await moderatedPost(ctx, postId), { action: 'pin', reason: reasonOf(reason) })
}

export async function unpinPost(ctx: Context, postId: number, reason?: string): Promise<Post> {
  return applyPostAction(ctx, await moderatedPost(ctx, postId), { action: 'unpin', reason: reasonOf(reason) })
}

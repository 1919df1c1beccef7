import type { Post } from '../../../types'
import { badInput } from '../../core/errors'
import type { Context } from '../../discussions'
import { applyPostAction, moderatedPost, reasonOf } from './post-action'

/** The committee hides a post, with a reason its author reads (and may appeal once). Who may: policy.moderatePostCheck. */
export async function hidePost(ctx: Context, postId: number, reasonInput?: string): Promise<Post> {
  const target = await moderatedPost(ctx, postId)
  const reason = reasonOf(reasonInput)
  if (!reason || reason.length < 2) throw badInput('reason', '请选择或填写隐藏的原因')
  return applyPostAction(ctx, target, {
    action: 'hide',
    reason,
    patch: (at) => ({ hidden_reason: reason, hidden_by: ctx.principal.userId, hidden_at: at }),
    notice: () => ({ kind: 'post.hidden', status: '已隐藏', body: `您的发言已被居委会隐藏，原因：${reason}。如有异议，可以申诉一次。` }),
  })
}

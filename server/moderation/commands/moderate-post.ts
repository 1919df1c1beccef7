import { sql } from 'kysely'
import type { Post, PostModerationAction } from '../../../types'
import { logModeration } from '../../core/audit'
import type { Trx } from '../../core/db'
import { badInput, conflict } from '../../core/errors'
import { chainOf, enforce, getPost, presentPost, readablePost, setPostStatus, type Context, type PostRow } from '../../discussions'
import { pushAfterCommit } from '../../notifications/notify'
import { moderatePostCheck } from '../policy'
import { decidePostAction, hideReasonText } from '../rules'
import { tellAuthor, type AuthorNotice } from './tell-author'

/** What the author hears of each moderator action on their post (pins and unpins go unannounced). */
const AUTHOR_NOTICES: Partial<Record<PostModerationAction, (reason: string | null, before: string) => AuthorNotice | undefined>> = {
  hide: (reason) => ({ kind: 'post.hidden', status: '已隐藏', body: `您的发言已被居委会隐藏，原因：${reason}。如有异议，可以申诉一次。` }),
  restore: () => ({ kind: 'post.restored', status: '已恢复', body: '您的发言经居委会审核，已恢复显示。' }),
  approve: (_reason, before) => (before === 'pending' ? { kind: 'post.approved', status: '已通过', body: '您的发言已通过审核，其他居民现在可以看到了。' } : undefined),
}

/**
 * The committee hides (with a reason), restores, approves, pins or unpins a post (rules.decidePostAction
 * says what each does); deciding closes the post's open reports, and the author is told.
 */
export async function moderatePost(ctx: Context, postId: number, input: { action: PostModerationAction; reason?: string }): Promise<Post> {
  const { db, principal, now } = ctx
  const { topic, post, viewer } = await readablePost(db, principal, postId)
  enforce(moderatePostCheck(principal, chainOf(topic)))
  const { action } = input
  const reason = input.reason?.trim() ? hideReasonText(input.reason) : null
  if (action === 'hide' && (!reason || reason.length < 2)) throw badInput('reason', '请选择或填写隐藏的原因')
  const at = now.toISOString()
  return ctx.write(async (trx, after) => {
    const current = (await getPost(trx, post.id))!
    const pinned = await trx
      .selectFrom('posts')
      .select(sql<number>`count(*)`.as('n'))
      .where('topic_id', '=', topic.id)
      .where('parent_id', 'is', null)
      .where('pinned_at', 'is not', null)
      .executeTakeFirstOrThrow()
    const decision = decidePostAction(current, action, Number(pinned.n))
    if (!decision.ok) throw conflict(decision.code, decision.message)
    const patch: Partial<PostRow> = {}
    if (action === 'hide') Object.assign(patch, { hidden_reason: reason, hidden_by: principal.userId, hidden_at: at })
    if (action === 'restore') Object.assign(patch, { hidden_reason: null, hidden_by: null, hidden_at: null })
    if (decision.pinned !== undefined) patch.pinned_at = decision.pinned ? (current.pinned_at ?? at) : null
    if (decision.resolvesReports) Object.assign(patch, { flagged_at: null, open_reports: 0 })
    const ok = await setPostStatus(trx, current, decision.status, patch)
    if (!ok) throw conflict('state_changed', '这条发言的状态刚刚变化了，请刷新后再试')
    if (decision.resolvesReports) await resolveReports(trx, post.id, at)
    await logModeration(trx, { actorId: principal.userId, action: `post.${action}`, targetType: 'post', targetId: post.id, unitId: topic.neighbourhood_id, reason })
    const told = AUTHOR_NOTICES[action]?.(reason, current.status)
    if (told) pushAfterCommit(after, await tellAuthor(trx, current, topic.question, told, now))
    return presentPost(trx, post.id, viewer, now)
  })
}

/** A decision on a post closes the reports waiting on it. */
export async function resolveReports(trx: Trx, postId: number, at: string): Promise<void> {
  await trx.updateTable('post_reports').set({ resolved_at: at }).where('post_id', '=', postId).where('resolved_at', 'is', null).execute()
}

import { sql } from 'kysely'
import type { ReportReason } from '../../../types'
import { REPORT_REASON_NAMES } from '../../../types'
import { logModeration } from '../../core/audit'
import { conflict } from '../../core/errors'
import { AUTO_HIDE_REASON, enforce, readablePost, setPostStatus, type Context } from '../../discussions'
import { pushAfterCommit } from '../../notifications'
import { reportCheck } from '../policy'
import { reportThreshold } from '../queries/settings'
import { shouldAutoHide } from '../rules'
import { tellAuthor } from './tell-author'

/**
 * A resident reports a post (once). When distinct residents' open reports reach the 居民区's
 * threshold, the post hides itself until the committee reviews it, and its author is told.
 */
export async function reportPost(ctx: Context, postId: number, input: { reason: ReportReason; note?: string }): Promise<{ ok: true; autoHidden: boolean }> {
  const { db, principal, now } = ctx
  const { topic, post, viewer } = await readablePost(db, principal, postId)
  enforce(reportCheck(viewer, post))
  const at = now.toISOString()
  return ctx.write(async (trx, after) => {
    const res = await trx
      .insertInto('post_reports')
      .values({ post_id: post.id, reporter_id: principal.userId, reason: input.reason, note: input.note?.trim() || null, created_at: at })
      .onConflict((oc) => oc.columns(['post_id', 'reporter_id']).doNothing())
      .executeTakeFirst()
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict('already_reported', '您已经举报过这条发言了，居委会会尽快处理')
    const counted = await trx
      .updateTable('posts')
      .set((eb) => ({ open_reports: eb('open_reports', '+', 1), flagged_at: eb.fn.coalesce('flagged_at', eb.val(at)) }))
      .where('id', '=', post.id)
      .returning(['open_reports', 'status', 'topic_id', 'parent_id'])
      .executeTakeFirstOrThrow()
    const threshold = await reportThreshold(trx, topic.neighbourhood_id)
    if (!shouldAutoHide(counted.status, counted.open_reports, threshold)) return { ok: true, autoHidden: false }
    const autoHidden = await setPostStatus(trx, { id: post.id, topic_id: counted.topic_id, parent_id: counted.parent_id, status: 'published' }, 'hidden', {
      hidden_reason: AUTO_HIDE_REASON,
      hidden_by: null,
      hidden_at: at,
      pinned_at: null,
    })
    if (!autoHidden) return { ok: true, autoHidden }
    const reasons = await trx
      .selectFrom('post_reports')
      .select(['reason', sql<number>`count(*)`.as('n')])
      .where('post_id', '=', post.id)
      .where('resolved_at', 'is', null)
      .groupBy('reason')
      .execute()
    const summary = reasons.map((r) => `${REPORT_REASON_NAMES[r.reason as ReportReason]} ${Number(r.n)}`).join('、')
    // The report that crossed the threshold is the act; the log names its reporter (staff only read it).
    await logModeration(trx, {
      actorId: principal.userId,
      action: 'post.auto_hide',
      targetType: 'post',
      targetId: post.id,
      unitId: topic.neighbourhood_id,
      reason: `${counted.open_reports} 位居民举报（${summary}），已自动隐藏等待审核`,
    })
    const notice = { kind: 'post.hidden', status: '待审核', body: '您的发言被多位居民举报，已暂时隐藏，等待居委会审核。' }
    pushAfterCommit(after, await tellAuthor(trx, post, topic.question, notice, now))
    return { ok: true, autoHidden }
  }, 201)
}

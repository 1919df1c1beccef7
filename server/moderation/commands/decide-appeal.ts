import type { Appeal } from '../../../types'
import { logModeration } from '../../core/audit'
import { conflict, notFound } from '../../core/errors'
import { chainOf, enforce, getPost, loadTopic, setPostStatus, toAppeal, type Context } from '../../discussions'
import { pushAfterCommit } from '../../notifications'
import { decideAppealCheck } from '../policy'
import { resolveReports } from './post-action'
import { tellAuthor } from './tell-author'

/** An admin of the 街镇 (not whoever hid the post) grants an appeal, restoring the post, or denies it. */
export async function decideAppeal(ctx: Context, appealId: number, input: { decision: 'grant' | 'deny'; note: string }): Promise<Appeal> {
  const { db, principal, now } = ctx
  const appeal = await db.selectFrom('post_appeals').selectAll().where('id', '=', appealId).executeTakeFirst()
  if (!appeal) throw notFound('申诉')
  const post = (await getPost(db, appeal.post_id))!
  const topic = (await loadTopic(db, post.topic_id))!
  enforce(decideAppealCheck(principal, chainOf(topic), post.hidden_by))
  if (appeal.status !== 'pending') throw conflict('already_decided', '这条申诉已经处理过了')
  const grant = input.decision === 'grant'
  const note = input.note.trim()
  const at = now.toISOString()
  return ctx.write(async (trx, after) => {
    const res = await trx
      .updateTable('post_appeals')
      .set({ status: grant ? 'granted' : 'denied', note, decided_by: principal.userId, decided_at: at })
      .where('id', '=', appeal.id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw conflict('already_decided', '这条申诉已经处理过了')
    const current = (await getPost(trx, post.id))!
    if (grant && current.status === 'hidden') {
      await setPostStatus(trx, current, 'published', { hidden_reason: null, hidden_by: null, hidden_at: null, flagged_at: null, open_reports: 0 })
      await resolveReports(trx, post.id, at)
    }
    await logModeration(trx, {
      actorId: principal.userId,
      action: grant ? 'appeal.grant' : 'appeal.deny',
      targetType: 'post',
      targetId: post.id,
      unitId: topic.neighbourhood_id,
      reason: note,
    })
    const notice = grant
      ? { kind: 'appeal.decided', status: '申诉成立', body: `您的申诉成立，发言已恢复显示。${note}` }
      : { kind: 'appeal.decided', status: '申诉未成立', body: `您的申诉未成立，发言继续隐藏。${note}` }
    pushAfterCommit(after, await tellAuthor(trx, post, topic.question, notice, now))
    const row = await trx.selectFrom('post_appeals').selectAll().where('id', '=', appeal.id).executeTakeFirstOrThrow()
    return toAppeal(row)
  })
}

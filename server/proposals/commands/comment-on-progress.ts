import type { ContentStatus, ProgressComment } from '../../../types'
import { badInput, notFound } from '../../core/errors'
import type { CommandContext } from '../context'
import { deny, progressCommentRefusal } from '../policy'
import { readableProposal } from '../queries/detail'

/** A resident (or the committee) comments on a progress update; held for review if the check says so. */
export async function commentOnProgress(ctx: CommandContext, id: number, progressId: number, body: string): Promise<ProgressComment> {
  const { db, viewer: v } = ctx
  const row = await readableProposal(db, v, id)
  deny(progressCommentRefusal(v, row))
  const progress = await db.selectFrom('proposal_progress').select('id').where('id', '=', progressId).where('proposal_id', '=', row.id).executeTakeFirst()
  if (!progress) throw notFound('进展')
  const text = body.trim()
  if (!text) throw badInput('body', '请填写评论内容')
  const verdict = await ctx.checkText([text], 2)
  return ctx.write(async ({ trx, now }) => {
    const c = await trx
      .insertInto('proposal_progress_comments')
      .values({
        progress_id: progress.id,
        proposal_id: row.id,
        user_id: v.userId,
        author_label: ctx.label,
        body: text,
        content_status: verdict === 'pass' ? 'visible' : 'pending_review',
        created_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return { id: c.id, authorLabel: c.author_label, body: c.body, isMine: true, contentStatus: c.content_status as ContentStatus, createdAt: c.created_at }
  })
}

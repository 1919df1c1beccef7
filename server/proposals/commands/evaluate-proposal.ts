import type { EvaluationSummary } from '../../../types'
import type { CommandContext } from '../context'
import { deny, evaluateRefusal } from '../policy'
import { proposalDetail, readableProposal } from '../queries/detail'

/** 成效评议: a resident of the unit rates a completed proposal (again: their rating is replaced). */
export async function evaluateProposal(ctx: CommandContext, id: number, b: { rating: number; comment?: string }): Promise<EvaluationSummary> {
  const { db, viewer: v, now } = ctx
  const row = await readableProposal(db, v, id)
  deny(evaluateRefusal(v, row, now))
  const comment = b.comment?.trim() || null
  const verdict = comment ? await ctx.checkText([comment], 2) : 'pass'
  return ctx.write(async ({ trx, now }) => {
    const iso = now.toISOString()
    const values = {
      rating: b.rating,
      comment,
      author_label: ctx.label,
      content_status: verdict === 'pass' ? ('visible' as const) : ('pending_review' as const),
      updated_at: iso,
    }
    await trx
      .insertInto('proposal_evaluations')
      .values({ proposal_id: row.id, user_id: v.userId, created_at: iso, ...values })
      .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doUpdateSet(values))
      .execute()
    const detail = await proposalDetail({ db: trx, viewer: v, now }, row.id)
    return detail.evaluations!
  })
}

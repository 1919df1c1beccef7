import type { ProposalDetail, ProposalState, TransitionRequest, VoteTally } from '../../../types'
import { conflict } from '../../core/errors'
import type { CommandContext } from '../context'
import { actingRole, deny, mergeTargetRefusal, rolesOn, transitionActorRefusal, transitionRefusal } from '../policy'
import { proposalDetail, readableProposal } from '../queries/detail'
import { tallyVote } from '../queries/tally'
import { loadRow, logStaffAct } from '../rows'
import { loadSettings } from '../settings'
import { applyTransition } from '../transitions'

/**
 * The author or the committee moves a proposal on (or aside). Accepting it opens its topic in the 议事厅
 * through the openTopic port, in the same transaction.
 */
export async function transitionProposal(ctx: CommandContext, id: number, request: TransitionRequest): Promise<ProposalDetail> {
  const { db, viewer: v, now } = ctx
  const row = await readableProposal(db, v, id)
  const roles = rolesOn(v, row)
  deny(transitionActorRefusal(roles))
  const { to, ...fields } = request
  const from = row.state as ProposalState
  const settings = await loadSettings(db, row.neighbourhood_id)

  // Once a vote has closed its tally decides between approved and declined.
  let tally: VoteTally | undefined
  if (from === 'voting' && row.vote_closes_at !== null && row.vote_closes_at <= now.toISOString()) tally = await tallyVote(db, row, settings)
  const voteOutcome = tally ? (tally.passed ? 'approved' : 'declined') : null
  deny(transitionRefusal(from, to, { roles, enteredByStaff: row.entered_by !== null, voteOutcome }, fields, tally, now))
  if (to === 'merged') {
    const target = await db
      .selectFrom('proposals')
      .select(['id', 'neighbourhood_id', 'state', 'content_status'])
      .where('id', '=', fields.mergeInto!)
      .executeTakeFirst()
    deny(mergeTargetRefusal(row, target))
  }

  const role = actingRole(to, roles)
  return ctx.write(async (tx) => {
    const p = await loadRow(tx.trx, row.id)
    if (!p || p.state !== from) throw conflict('state_changed', '提案状态刚刚发生了变化，请刷新后重试')
    await applyTransition(tx, p, to, { userId: v.userId, role }, fields, settings, { tally })
    if (to === 'accepted') {
      const topic = await ctx.ports.openTopic(tx.trx, {
        unitId: p.unit_id,
        question: p.title,
        background: p.body,
        proposalId: p.id,
        openedBy: v.userId,
        now: tx.now,
      })
      await tx.trx.updateTable('proposals').set({ topic_id: topic.id }).where('id', '=', p.id).execute()
    }
    if (role === 'committee') await logStaffAct(tx.trx, v.userId, `proposal.${to}`, row, fields.reason?.trim() || null)
    return proposalDetail({ db: tx.trx, viewer: v, now: tx.now }, row.id)
  })
}

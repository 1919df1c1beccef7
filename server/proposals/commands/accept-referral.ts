import type { ProposalDetail } from '../../../types'
import type { CommandContext } from '../context'
import { deny, refereeStepRefusal } from '../policy'
import { proposalDetail, readableProposal } from '../queries/detail'
import { recordReferralStep } from '../referrals'
import { referralStatus } from '../rules'
import { loadRow } from '../rows'

/**
 * The referee takes responsibility for a referral; its time limit runs on as the date to answer by.
 * Checked inside the write, so a retry with the same Idempotency-Key is replayed rather than refused.
 */
export async function acceptReferral(ctx: CommandContext, id: number, note: string | undefined): Promise<ProposalDetail> {
  const v = ctx.viewer
  return ctx.write(async (tx) => {
    const row = await readableProposal(tx.trx, v, id)
    deny(refereeStepRefusal(v, row, referralStatus(row), 'accept'))
    const p = (await loadRow(tx.trx, row.id))!
    await recordReferralStep(tx, p, { kind: 'accepted', actor: { userId: v.userId, role: 'referee' }, text: note?.trim() || null })
    return proposalDetail({ db: tx.trx, viewer: v, now: tx.now }, row.id)
  })
}

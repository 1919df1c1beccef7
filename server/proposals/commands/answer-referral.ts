import type { ProposalDetail, ReferralAnswerer } from '../../../types'
import type { CommandContext } from '../context'
import { deny, manageRefusal, referralAnswerRefusal, refereeStepRefusal } from '../policy'
import { proposalDetail, readableProposal } from '../queries/detail'
import { recordReferralStep } from '../referrals'
import { referralStatus } from '../rules'
import { loadRow } from '../rows'

/**
 * The answer of whom a proposal was referred to (转办答复): the referee's own, once, or the committee's
 * record of it on the referee's behalf (which may correct an earlier one), with photos of what was done
 * (the answerer's own uploads). Its time limit ends. Checked
 * inside the write, so a retry with the same Idempotency-Key is replayed rather than refused.
 */
export async function answerReferral(ctx: CommandContext, id: number, input: { answer: string; photos?: number[] }, by: ReferralAnswerer): Promise<ProposalDetail> {
  const v = ctx.viewer
  return ctx.write(async (tx) => {
    const row = await readableProposal(tx.trx, v, id)
    if (by === 'referee') deny(refereeStepRefusal(v, row, referralStatus(row), 'answer'))
    else {
      deny(manageRefusal(v, row))
      deny(referralAnswerRefusal(row))
    }
    const p = (await loadRow(tx.trx, row.id))!
    await recordReferralStep(tx, p, { kind: 'answered', actor: { userId: v.userId, role: by }, text: input.answer.trim(), photos: input.photos })
    return proposalDetail({ db: tx.trx, viewer: v, now: tx.now }, row.id)
  })
}

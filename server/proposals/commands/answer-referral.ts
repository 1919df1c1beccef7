import type { ProposalDetail } from '../../../types'
import { maskPersonalInfo } from '../../content'
import { notifyAudience } from '../audience'
import type { CommandContext } from '../context'
import { deny, manageRefusal, referralAnswerRefusal } from '../policy'
import { proposalDetail, readableProposal } from '../queries/detail'
import { loadRow, logStaffAct } from '../rows'

/** The committee records the answer of whom a proposal was referred to (转办答复); its time limit ends. */
export async function answerReferral(ctx: CommandContext, id: number, answer: string): Promise<ProposalDetail> {
  const v = ctx.viewer
  const row = await readableProposal(ctx.db, v, id)
  deny(manageRefusal(v, row))
  deny(referralAnswerRefusal(row))
  const text = answer.trim()
  return ctx.write(async (tx) => {
    const { trx, now } = tx
    const iso = now.toISOString()
    await trx
      .updateTable('proposals')
      .set({ referral_answer: text, referral_answered_at: iso, deadline_at: null, overdue_notified_at: null, updated_at: iso })
      .where('id', '=', row.id)
      .execute()
    const p = (await loadRow(trx, row.id))!
    await notifyAudience(tx, p, 'proposal.referral_answer', `转办已有答复：${maskPersonalInfo(text)}`, { except: v.userId, status: '已答复' })
    await logStaffAct(trx, v.userId, 'proposal.referral_answer', row)
    return proposalDetail({ db: trx, viewer: v, now }, row.id)
  })
}

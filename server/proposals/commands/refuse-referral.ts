import type { ReferralRefuseResult } from '../../../types'
import { committeeOf } from '../audience'
import type { CommandContext } from '../context'
import { deny, refereeStepRefusal } from '../policy'
import { readableProposal } from '../queries/detail'
import { referralStatus } from '../rules'
import { loadRow, logStaffAct } from '../rows'
import { loadSettings } from '../settings'
import { applyTransition } from '../transitions'

/**
 * The referee refuses a referral it has not accepted (不属于本单位职责), with a reason: the proposal goes
 * back to the committee's screening (rules.ts), and the committee is told along with the audience.
 * Checked inside the write: once refused the referee may no longer read it, yet a retry with the same
 * Idempotency-Key must still get its answer replayed.
 */
export async function refuseReferral(ctx: CommandContext, id: number, reason: string): Promise<ReferralRefuseResult> {
  const v = ctx.viewer
  return ctx.write(async (tx) => {
    const row = await readableProposal(tx.trx, v, id)
    deny(refereeStepRefusal(v, row, referralStatus(row), 'refuse'))
    const settings = await loadSettings(tx.trx, row.neighbourhood_id)
    const p = (await loadRow(tx.trx, row.id))!
    await applyTransition(tx, p, 'screening', { userId: v.userId, role: 'referee' }, { reason }, settings, { alsoTell: await committeeOf(tx.trx, p) })
    await logStaffAct(tx.trx, v.userId, 'proposal.referral_refuse', p, reason.trim())
    return { id: p.id, state: 'screening' }
  })
}

import type { ProposalDetail } from '../../../types'
import { notifyAudience } from '../audience'
import type { CommandContext } from '../context'
import { deny, manageRefusal, reviewRefusal } from '../policy'
import { proposalDetail, readableProposal } from '../queries/detail'
import { loadRow, logStaffAct } from '../rows'
import { deadlineFor } from '../rules'
import { loadSettings } from '../settings'

/** Content held by the check: the committee publishes it, or hides a proposal with a reason. */
export async function reviewProposal(
  ctx: CommandContext,
  id: number,
  { decision, reason }: { decision: 'publish' | 'hide'; reason?: string },
): Promise<ProposalDetail> {
  const v = ctx.viewer
  const row = await readableProposal(ctx.db, v, id)
  deny(manageRefusal(v, row))
  deny(reviewRefusal(row, decision, reason))
  const settings = await loadSettings(ctx.db, row.neighbourhood_id)
  return ctx.write(async (tx) => {
    const { trx, now } = tx
    const p = (await loadRow(trx, row.id))!
    const iso = now.toISOString()
    if (decision === 'publish') {
      // The co-signing period starts when residents can see it.
      const restart = p.state === 'submitted'
      const deadline = restart ? deadlineFor({ state: 'submitted', stateEnteredAt: now }, settings) : null
      await trx
        .updateTable('proposals')
        .set({ content_status: 'visible', updated_at: iso, ...(restart ? { state_entered_at: iso, deadline_at: deadline!.toISOString() } : {}) })
        .where('id', '=', p.id)
        .execute()
      await notifyAudience(tx, p, 'proposal.published', '提案已通过内容审核，居民现在可以看到并附议', { except: v.userId, status: '已公开' })
    } else {
      await trx.updateTable('proposals').set({ content_status: 'hidden', updated_at: iso }).where('id', '=', p.id).execute()
      await notifyAudience(tx, p, 'proposal.hidden', `提案已被居委会隐藏：${reason}`, { except: v.userId, status: '已隐藏' })
    }
    await logStaffAct(trx, v.userId, decision === 'publish' ? 'proposal.publish' : 'proposal.hide', p, reason ?? null)
    return proposalDetail({ db: trx, viewer: v, now }, p.id)
  })
}

import type { CosignResult } from '../../../types'
import { notFound } from '../../core/errors'
import type { CommandContext } from '../context'
import { cosignResult, removeCosign } from '../cosignatures'
import { deny, manageRefusal, uncosignRefusal } from '../policy'
import { readableProposal } from '../queries/detail'
import { loadRow, logStaffAct } from '../rows'

/** The committee takes back a 代录 co-signature it entered by mistake, while the proposal still collects them. */
export async function removeProxyCosign(ctx: CommandContext, id: number, cosignId: number): Promise<CosignResult> {
  const v = ctx.viewer
  const row = await readableProposal(ctx.db, v, id)
  deny(manageRefusal(v, row, '只有本居民区居委会可以撤销代录的附议'))
  deny(uncosignRefusal(row))
  return ctx.write(async (tx) => {
    const p = (await loadRow(tx.trx, row.id))!
    deny(uncosignRefusal(p))
    const removed = await removeCosign(tx, p, { proxyId: cosignId })
    if (!removed) throw notFound('这条代录的附议')
    await logStaffAct(tx.trx, v.userId, 'proposal.proxy_cosign_removed', row, removed.room)
    return cosignResult(tx.trx, row.id, removed.signer_key)
  })
}

import type { CosignResult } from '../../../types'
import type { CommandContext } from '../context'
import { cosignResult, ownSignerKey, removeCosign } from '../cosignatures'
import { deny, uncosignRefusal } from '../policy'
import { readableProposal } from '../queries/detail'
import { loadRow } from '../rows'

/** A resident takes their own co-signature back while the proposal still collects them. */
export async function uncosignProposal(ctx: CommandContext, id: number): Promise<CosignResult> {
  const v = ctx.viewer
  const row = await readableProposal(ctx.db, v, id)
  deny(uncosignRefusal(row))
  return ctx.write(async (tx) => {
    const p = (await loadRow(tx.trx, row.id))!
    await removeCosign(tx, p, { userId: v.userId })
    return cosignResult(tx.trx, row.id, ownSignerKey(v.userId))
  })
}

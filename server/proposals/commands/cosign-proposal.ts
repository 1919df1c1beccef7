import type { CosignResult } from '../../../types'
import type { CommandContext } from '../context'
import { addCosign, cosignResult, householdSigner, ownSignerKey, type Signer } from '../cosignatures'
import { collectingRefusal, cosignRefusal, deny } from '../policy'
import { readableProposal } from '../queries/detail'
import type { DetailRow } from '../queries/select'
import { loadRow, logStaffAct } from '../rows'
import { compiled } from '../../core/compiled'
import { loadSettings } from '../settings'
import { enterScreening } from '../transitions'

const collecting = compiled((db, v: { id: number }) => db.selectFrom('proposals').select(['state', 'content_status']).where('id', '=', v.id))

/**
 * Records a co-signature; the one that reaches the threshold sends the proposal to screening. A 代录 one
 * (`proxyNote`: who came in, for the log) counts its household once.
 */
export async function recordCosign(ctx: CommandContext, row: DetailRow, given: Signer, proxyNote: string | null): Promise<CosignResult> {
  deny(collectingRefusal(row))
  return ctx.write(async (tx) => {
    // Checked again as of the write. Only these two decide; the whole row is read once the threshold is met.
    deny(collectingRefusal((await collecting.first(tx.trx, { id: row.id }))!))
    const signer = proxyNote === null ? given : await householdSigner(tx.trx, row.id, given)
    const { added, reached, counted } = await addCosign(tx, row.id, signer)
    // Settings matter only to the co-signature that reaches the threshold (screening's time limit).
    if (reached) await enterScreening(tx, (await loadRow(tx.trx, row.id))!, await loadSettings(tx.trx, row.neighbourhood_id))
    if (added && proxyNote !== null) await logStaffAct(tx.trx, ctx.viewer.userId, 'proposal.proxy_cosign', row, proxyNote)
    // Most co-signatures only add one: their answer is known without reading it back.
    if (counted && !reached) return { cosigned: true, cosignCount: counted.cosign_count, threshold: counted.threshold, state: 'submitted' }
    return cosignResult(tx.trx, row.id, signer.key)
  })
}

/** A verified resident of the proposal's unit co-signs it (again: nothing changes). */
export async function cosignProposal(ctx: CommandContext, id: number): Promise<CosignResult> {
  const v = ctx.viewer
  const row = await readableProposal(ctx.db, v, id)
  deny(cosignRefusal(v, row))
  const signer = { key: ownSignerKey(v.userId), userId: v.userId, buildingId: v.principal.residence!.buildingId, room: null, enteredBy: null }
  return recordCosign(ctx, row, signer, null)
}

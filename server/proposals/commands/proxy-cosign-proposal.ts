import type { CosignResult } from '../../../types'
import { normaliseRoom } from '../../accounts'
import { badInput } from '../../core/errors'
import type { CommandContext } from '../context'
import { proxySignerKey } from '../cosignatures'
import { deny, manageRefusal } from '../policy'
import { readableProposal } from '../queries/detail'
import { proposalUnit } from '../units'
import { recordCosign } from './cosign-proposal'

/**
 * 代录: the committee records a co-signature for a resident of the proposal's unit who came in person; a
 * household (楼组 and room) counts once, whoever of it came.
 */
export async function proxyCosignProposal(
  ctx: CommandContext,
  id: number,
  onBehalfOf: { buildingId: number; room: string; name?: string },
): Promise<CosignResult> {
  const v = ctx.viewer
  const row = await readableProposal(ctx.db, v, id)
  deny(manageRefusal(v, row, '只有本居民区居委会可以代录附议'))
  const building = await proposalUnit(ctx.db, onBehalfOf.buildingId)
  if (!building || building.level !== 'building' || !building.chain.includes(row.unit_id)) {
    throw badInput('buildingId', '代录的居民须住在提案所属的范围内')
  }
  const room = normaliseRoom(onBehalfOf.room)
  const name = (onBehalfOf.name ?? '').trim()
  const signer = { key: proxySignerKey(building.id, room), userId: null, buildingId: building.id, room, enteredBy: v.userId }
  return recordCosign(ctx, row, signer, [building.name, room, name].filter(Boolean).join(' '))
}

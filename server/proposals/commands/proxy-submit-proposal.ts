import type { ProposalDetail } from '../../../types'
import { badInput } from '../../core/errors'
import type { CommandContext } from '../context'
import { deny, proxyRefusal } from '../policy'
import { proposalUnit } from '../units'
import type { SubmitInput } from '../schemas'
import { chooseUnit, cleanSubmission, enterProposal } from './submit-proposal'

/** 代录: a committee member enters a proposal for a resident of their 居民区 who came in person (not rate-limited). */
export async function proxySubmitProposal(
  ctx: CommandContext,
  b: SubmitInput & { onBehalfOf: NonNullable<SubmitInput['onBehalfOf']> },
): Promise<ProposalDetail> {
  const text = cleanSubmission(b)
  const building = await proposalUnit(ctx.db, b.onBehalfOf.buildingId)
  if (!building || building.level !== 'building') throw badInput('buildingId', '请选择居民所在的楼组')
  deny(proxyRefusal(ctx.viewer.principal, building.chain, '只有本居民区居委会可以代录提案'))
  const unit = await chooseUnit(ctx.db, building.chain, b)
  return enterProposal(ctx, b, text, unit, { buildingId: building.id, proxy: { note: b.onBehalfOf.note?.trim() || null } })
}

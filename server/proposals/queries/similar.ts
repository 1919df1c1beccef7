import type { ProposalState, SimilarProposal } from '../../../types'
import { maskPersonalInfo } from '../../content'
import { badInput } from '../../core/errors'
import type { ReadContext } from '../context'
import { deny, similarRefusal } from '../policy'
import { OPEN_STATES, titleSimilarity } from '../rules'
import { proposalUnit } from '../units'
import { listQuery, visibleTo } from './select'

/** "是否附议已有提案？": open proposals in the unit (or above it) with a similar title. */
export async function similarProposals(
  { db, viewer: v }: ReadContext,
  q: { title: string; unitId?: number },
): Promise<{ items: SimilarProposal[] }> {
  const unitId = q.unitId ?? v.principal.residence?.buildingId
  if (!unitId) deny(similarRefusal(v, null))
  const unit = await proposalUnit(db, unitId!)
  if (!unit) throw badInput('unitId', '没有这个楼组、小区或居民区')
  deny(similarRefusal(v, unit.chain))
  const rows = await listQuery(db)
    .where(visibleTo(v))
    .where('p.unit_id', 'in', unit.chain.slice(0, unit.chain.length - (unit.streetId === null ? 0 : 1)))
    .where('p.state', 'in', OPEN_STATES)
    .orderBy('p.id', 'desc')
    .limit(500)
    .execute()
  const items = rows
    .map((r) => ({ r, score: titleSimilarity(q.title, r.title) }))
    .filter((x) => x.score >= 0.3)
    .sort((a, b) => b.score - a.score || b.r.id - a.r.id)
    .slice(0, 5)
    .map(({ r }) => ({ id: r.id, title: maskPersonalInfo(r.title), state: r.state as ProposalState, cosignCount: r.cosign_count, threshold: r.threshold }))
  return { items }
}

import type { ProposalQueue } from '../../../types'
import { badInput } from '../../core/errors'
import type { ReadContext } from '../context'
import { deny, queueRefusal } from '../policy'
import { proposalUnit } from '../units'
import { listProposals } from './list'

/** The committee's queue: to screen, overdue, votes past their closing time, content held for review. */
export async function reviewQueue({ db, viewer: v, now }: ReadContext, unitId: number | undefined): Promise<ProposalQueue> {
  deny(queueRefusal(v))
  let scope = v.grantUnitIds
  if (unitId) {
    const unit = await proposalUnit(db, unitId)
    if (!unit || unit.level !== 'neighbourhood') throw badInput('unitId', '请选择居民区')
    deny(queueRefusal(v, unit.chain))
    scope = [unit.id]
  }
  const base = { committeeScope: scope, sort: 'newest' as const, limit: 50 }
  const [screening, overdue, votesToClose, pendingReview] = await Promise.all([
    listProposals(db, v, { ...base, states: ['screening'] }, now),
    listProposals(db, v, { ...base, overdue: true }, now),
    listProposals(db, v, { ...base, votesDue: true }, now),
    listProposals(db, v, { ...base, pendingReview: true }, now),
  ])
  return { screening: screening.items, overdue: overdue.items, votesToClose: votesToClose.items, pendingReview: pendingReview.items }
}

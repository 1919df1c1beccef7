import type { ProposalHome } from '../../../types'
import type { ReadContext } from '../context'
import { householdOf } from '../units'
import { toItems } from './items'
import { listRows } from './list'

/** 首页: what needs the resident now, in their 楼组, 小区 and 居民区. */
export async function proposalHome({ db, viewer: v, now }: ReadContext): Promise<ProposalHome> {
  const unitIds = v.principal.residence?.chain.slice(0, 3)
  if (!unitIds) return { openVotes: [], nearThreshold: [], toEvaluate: [], overdue: [] }
  const base = { unitIds, sort: 'newest' as const, limit: 5 }
  const [votes, nearThreshold, toEvaluate, overdue, household] = await Promise.all([
    listRows(db, v, { ...base, states: ['voting'], limit: 10 }, now),
    listRows(db, v, { ...base, nearThreshold: true, sort: 'cosigns' }, now),
    listRows(db, v, { ...base, toEvaluate: true }, now),
    listRows(db, v, { ...base, overdue: true }, now),
    householdOf(db, v.userId),
  ])
  // One pass of the caller's marks over all four lists, and one read of their household's votes.
  const items = new Map(
    (await toItems(db, v, [...votes.rows, ...nearThreshold.rows, ...toEvaluate.rows, ...overdue.rows], now)).map((i) => [i.id, i]),
  )
  const voted = new Set<number>()
  if (household && votes.rows.length > 0) {
    const rows = await db
      .selectFrom('proposal_votes')
      .select('proposal_id')
      .where(
        'proposal_id',
        'in',
        votes.rows.map((r) => r.id),
      )
      .where('building_id', '=', household.buildingId)
      .where('room', '=', household.room)
      .execute()
    for (const r of rows) voted.add(r.proposal_id)
  }
  const of = (list: { rows: { id: number }[] }) => list.rows.map((r) => items.get(r.id)!)
  return {
    openVotes: of(votes).map((i) => ({ ...i, householdVoted: voted.has(i.id) })),
    nearThreshold: of(nearThreshold),
    toEvaluate: of(toEvaluate),
    overdue: of(overdue),
  }
}

import type { ProposalHome } from '../../../types'
import { compiled, idList, inIdList } from '../../core/compiled'
import type { Q, ReadContext } from '../context'
import { SHARED_ROWS, sharedLists, type SharedRows } from '../shared-lists'
import { householdOfCaller } from '../units'
import { toItem, marks } from './items'
import { listRows, viewOf, type ListFilter } from './list'
import type { ListRow } from './select'

/**
 * One list from the kept lists of several units, in the list's order. Past the first row after which one
 * unit's kept rows ran out, rows of that unit may be missing: the list stops there, marked capped.
 */
export function mergeKept(parts: SharedRows[], sort: ListFilter['sort']): SharedRows {
  const before = (a: ListRow, b: ListRow) => (sort === 'cosigns' && a.cosign_count !== b.cosign_count ? a.cosign_count > b.cosign_count : a.id > b.id)
  const rows = parts.flatMap((p) => p.rows).sort((a, b) => (before(a, b) ? -1 : 1))
  const ends = parts.filter((p) => p.capped).map((p) => p.rows[p.rows.length - 1])
  if (ends.length === 0) return { rows, capped: false }
  const edge = ends.reduce((first, end) => (before(end, first) ? end : first))
  return { rows: rows.filter((r) => r === edge || before(r, edge)), capped: true }
}

// Read on every visit to 首页, for lists of any length.
const evaluatedAmong = compiled((db: Q, v: { ids: unknown; userId: number }) =>
  db.selectFrom('proposal_evaluations').select('proposal_id').where(inIdList(db, 'proposal_id', v.ids)).where('user_id', '=', v.userId),
)
const votedAmong = compiled((db: Q, v: { ids: unknown; buildingId: number; room: string }) =>
  db
    .selectFrom('proposal_votes')
    .select('proposal_id')
    .where(inIdList(db, 'proposal_id', v.ids))
    .where('building_id', '=', v.buildingId)
    .where('room', '=', v.room),
)

/**
 * 首页: what needs the resident now, in their 楼组, 小区 and 居民区. The four lists are kept per unit
 * (shared-lists.ts); what differs per resident is applied after: what is shown to them, and the
 * proposals they wrote, co-signed or evaluated, which leave the lists inviting them to.
 */
export async function proposalHome({ db, viewer: v, now }: ReadContext): Promise<ProposalHome> {
  const unitIds = v.principal.residence?.chain.slice(0, 3)
  if (!unitIds) return { openVotes: [], nearThreshold: [], toEvaluate: [], overdue: [] }
  const base = { unitIds, sort: 'newest' as const, limit: 5 }
  const lists: Record<'votes' | 'nearThreshold' | 'toEvaluate' | 'overdue', ListFilter> = {
    votes: { ...base, states: ['voting'], limit: 10 },
    nearThreshold: { ...base, nearThreshold: true, sort: 'cosigns' },
    toEvaluate: { ...base, toEvaluate: true },
    overdue: { ...base, overdue: true },
  }
  const cache = sharedLists(db)
  const names = Object.keys(lists) as (keyof typeof lists)[]
  // Kept per unit, so a 居民区's and a 小区's rows serve all their residents, then merged per caller.
  const keptOf = (name: keyof typeof lists) =>
    Promise.all(unitIds.map((u) => cache.get(`home:${name}:${u}`, now.getTime(), () => listRows(db, null, { ...lists[name], unitIds: [u], limit: SHARED_ROWS }, now))))
  const shared = await Promise.all(names.map(async (name) => mergeKept(await keptOf(name), lists[name].sort)))
  const household = householdOfCaller(v.principal)
  const toEvaluate = shared[names.indexOf('toEvaluate')]
  const iso = now.toISOString()

  // The caller's marks on every kept row at once, and their evaluations among those open to it.
  const kept = [...new Map(shared.flatMap((s) => s.rows.map((r) => [r.id, r] as const))).values()]
  const [own, evaluated] = await Promise.all([
    marks(db, v.userId, kept),
    toEvaluate.rows.length === 0 ? [] : evaluatedAmong.all(db, { ids: idList(db, toEvaluate.rows.map((r) => r.id)), userId: v.userId }),
  ])
  const evaluatedIds = new Set(evaluated.map((e) => e.proposal_id))
  const keep = {
    votes: () => true,
    nearThreshold: (r: ListRow) => r.author_id !== v.userId && !own.cosigned.has(r.id),
    toEvaluate: (r: ListRow) => r.deadline_at !== null && r.deadline_at > iso && !evaluatedIds.has(r.id),
    overdue: () => true,
  }
  const pages = await Promise.all(
    names.map(async (name, i) => {
      const page = viewOf(v, shared[i], lists[name], keep[name])
      if (page) return page.rows
      // The caller's exclusions used up the kept rows: their own read, and their marks on it.
      const rows = (await listRows(db, v, lists[name], now)).rows
      const more = await marks(db, v.userId, rows)
      for (const id of more.cosigned) own.cosigned.add(id)
      for (const id of more.followed) own.followed.add(id)
      for (const [id, cover] of more.covers) own.covers.set(id, cover)
      return rows
    }),
  )

  const voted = new Set<number>()
  if (household && pages[0].length > 0) {
    const rows = await votedAmong.all(db, { ids: idList(db, pages[0].map((r) => r.id)), buildingId: household.buildingId, room: household.room })
    for (const r of rows) voted.add(r.proposal_id)
  }
  const items = (rows: ListRow[]) => rows.map((r) => toItem(v, r, now, own))
  return {
    openVotes: items(pages[0]).map((i) => ({ ...i, householdVoted: voted.has(i.id) })),
    nearThreshold: items(pages[1]),
    toEvaluate: items(pages[2]),
    overdue: items(pages[3]),
  }
}

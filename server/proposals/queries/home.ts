import type { ProposalHome } from '../../../types'
import type { ReadContext } from '../context'
import { sharedLists, type SharedRows } from '../shared-lists'
import { toItem, marks, ownMarks } from './items'
import { listRows, viewOf, type ListFilter } from './list'
import type { ListRow } from './select'

/** Rows of each 首页 list kept per 居民区. */
const HOME_ROWS = 200

const base = { sort: 'newest' as const, limit: 5 }
const LISTS: Record<'votes' | 'nearThreshold' | 'toEvaluate' | 'overdue', ListFilter> = {
  votes: { ...base, states: ['voting'], limit: 10 },
  nearThreshold: { ...base, nearThreshold: true, sort: 'cosigns' },
  toEvaluate: { ...base, toEvaluate: true },
  overdue: { ...base, overdue: true },
}
const NAMES = Object.keys(LISTS) as (keyof typeof LISTS)[]

// Every resident of a 楼组 has the same three units: each kept list is narrowed once per 楼组 (and
// forgotten with the list).
const narrowed = new WeakMap<SharedRows, Map<string, SharedRows>>()

/** A 居民区's kept rows narrowed to the caller's units, in order; still capped where the 居民区's were. */
export function ofUnits(kept: SharedRows, unitIds: number[]): SharedRows {
  let byUnits = narrowed.get(kept)
  if (!byUnits) narrowed.set(kept, (byUnits = new Map()))
  const key = unitIds.join(',')
  let rows = byUnits.get(key)
  if (!rows) byUnits.set(key, (rows = { rows: kept.rows.filter((r) => unitIds.includes(r.unit_id)), capped: kept.capped }))
  return rows
}

/**
 * 首页: what needs the resident now, in their 楼组, 小区 and 居民区. The four lists are kept per 居民区
 * (shared-lists.ts); what differs per resident is applied after: what is shown to them, and the
 * proposals they wrote, co-signed or evaluated, which leave the lists inviting them to.
 */
export async function proposalHome({ db, viewer: v, now }: ReadContext): Promise<ProposalHome> {
  // The caller's 楼组, 小区 and 居民区: their chain below the 街镇.
  const unitIds = v.principal.residence?.chain.slice(0, -1)
  if (!unitIds || v.neighbourhoodId === null) return { openVotes: [], nearThreshold: [], toEvaluate: [], overdue: [] }
  // Kept per 居民区, every level in it, so one read serves all its 楼组 and 小区: each caller takes the rows
  // of their own three units. These lists are narrow (voting, near the threshold, …), so HOME_ROWS holds
  // all of a 居民区's rows in practice; past it, a caller's page that runs out is read afresh (viewOf).
  const cache = sharedLists(db)
  const within = { id: v.neighbourhoodId, level: 'neighbourhood' as const }
  const [shared, own] = await Promise.all([
    Promise.all(NAMES.map((name) => cache.get(`home:${name}:${within.id}`, now.getTime(), () => listRows(db, null, { ...LISTS[name], within, limit: HOME_ROWS }, now)))),
    ownMarks(db, v, now),
  ])
  const iso = now.toISOString()
  const keep = {
    votes: () => true,
    nearThreshold: (r: ListRow) => r.author_id !== v.userId && !own.cosigned.has(r.id),
    toEvaluate: (r: ListRow) => r.deadline_at !== null && r.deadline_at > iso && !own.evaluated.has(r.id),
    overdue: () => true,
  }
  const pages = await Promise.all(
    NAMES.map(async (name, i) => {
      const page = viewOf(v, ofUnits(shared[i], unitIds), LISTS[name], keep[name])
      // The caller's exclusions used up the kept rows: their own read.
      return page ? page.rows : (await listRows(db, v, { ...LISTS[name], unitIds }, now)).rows
    }),
  )
  // Covers for the rows shown only; the marks are the kept ones read above.
  const shown = await marks(db, v, [...new Map(pages.flat().map((r) => [r.id, r] as const)).values()], now)
  const items = (rows: ListRow[]) => rows.map((r) => toItem(v, r, now, shown))
  return {
    openVotes: items(pages[0]).map((i) => Object.assign(i, { householdVoted: own.householdVoted.has(i.id) })),
    nearThreshold: items(pages[1]),
    toEvaluate: items(pages[2]),
    overdue: items(pages[3]),
  }
}

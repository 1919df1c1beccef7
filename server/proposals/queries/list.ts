// Lists of proposals: one page query with a keyset cursor, then the caller's marks (items.ts).
import type { ProposalListItem, ProposalPage, ProposalState } from '../../../types'
import { PROPOSAL_STATES } from '../../../types'
import { decodeCursor, encodeCursor, isId } from '../../core/cursor'
import { badInput } from '../../core/errors'
import { decodeMatchCursor, encodeMatchCursor, matchingDocs, queryTerms } from '../../search'
import type { Q, ReadContext } from '../context'
import { deny, listRefusal, type Viewer } from '../policy'
import { ownSignerKey } from '../cosignatures'
import { OVERDUE_STATES } from '../rules'
import { toItems } from './items'
import type { ListQuery } from '../schemas'
import { listQuery, visibleTo, type ListRow } from './select'
import { SHARED_ROWS, sharedLists, type SharedRows } from '../shared-lists'

export type Sort = 'newest' | 'cosigns'

type Position = { sort: 'newest'; id: number } | { sort: 'cosigns'; count: number; id: number }

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0

/** A cursor is only good for the order that made it. */
function readCursor(raw: string, sort: Sort): Position {
  return decodeCursor(raw, (key): Position | null => {
    if (sort === 'newest' && key.length === 2 && key[0] === 'newest' && isId(key[1])) return { sort, id: key[1] }
    if (sort === 'cosigns' && key.length === 3 && key[0] === 'cosigns' && isCount(key[1]) && isId(key[2])) return { sort, count: key[1], id: key[2] }
    return null
  })
}

export interface ListFilter {
  states?: ProposalState[]
  category?: string
  /** A unit and everything under it. */
  within?: { id: number; level: 'street' | 'neighbourhood' | 'estate' | 'building' }
  /** Proposals belonging exactly to one of these units (home: the caller's 楼组, 小区 and 居民区). */
  unitIds?: number[]
  mine?: boolean
  overdue?: boolean
  /** Only what the caller serves as committee (the queue). */
  committeeScope?: number[]
  /** Collecting, at least 60 % of the way to the threshold, not yet co-signed by the caller nor theirs. */
  nearThreshold?: boolean
  /** Completed, evaluation window open, not yet evaluated by the caller. */
  toEvaluate?: boolean
  /** Voting whose closing time has passed. */
  votesDue?: boolean
  pendingReview?: boolean
  /** Search terms (search/queryTerms): only proposals holding all of them, best match first. */
  terms?: string[]
  sort: Sort
  cursor?: string
  limit: number
}

/**
 * A page of rows, undecorated (首页 decorates several lists at once). With no viewer: every row in the
 * filter's units whatever its status, without a caller's exclusions, as shared-lists.ts keeps them.
 */
export async function listRows(db: Q, v: Viewer | null, f: ListFilter, now: Date): Promise<{ rows: ListRow[]; nextCursor: string | null }> {
  let q = listQuery(db)
  // 我的提案: the author's own, wherever they are (they may have moved since).
  if (v && f.mine) q = q.where('p.author_id', '=', v.userId)
  else if (v) q = q.where(visibleTo(v))
  if (f.states && f.states.length > 0) q = q.where('p.state', 'in', f.states)
  if (f.category) q = q.where('p.category', '=', f.category)
  if (f.within) {
    // Only 楼组 proposals have a building_id, so unit_id (indexed) says the same for a 楼组.
    const col = { building: 'p.unit_id', estate: 'p.estate_id', neighbourhood: 'p.neighbourhood_id', street: 'p.street_id' } as const
    q = q.where(col[f.within.level], '=', f.within.id)
  }
  if (f.unitIds) q = q.where('p.unit_id', 'in', f.unitIds.length ? f.unitIds : [0])
  const iso = now.toISOString()
  if (f.overdue) q = q.where('p.state', 'in', OVERDUE_STATES).where('p.deadline_at', '<', iso)
  if (f.committeeScope) {
    const ids = f.committeeScope.length ? f.committeeScope : [0]
    q = q.where((eb) => eb.or([eb('p.neighbourhood_id', 'in', ids), eb('p.street_id', 'in', ids)]))
  }
  if (f.nearThreshold) {
    q = q
      .where('p.state', '=', 'submitted')
      .where('p.content_status', '=', 'visible')
      .where((eb) => eb(eb('p.cosign_count', '*', 10), '>=', eb('p.threshold', '*', 6)))
    if (v) {
      q = q
        .where((eb) => eb.or([eb('p.author_id', 'is', null), eb('p.author_id', '!=', v.userId)]))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('proposal_cosigns as c')
                .select('c.id')
                .whereRef('c.proposal_id', '=', 'p.id')
                .where('c.signer_key', '=', ownSignerKey(v.userId)),
            ),
          ),
        )
    }
  }
  if (f.toEvaluate) {
    q = q.where('p.state', '=', 'completed').where('p.deadline_at', '>', iso)
    if (v) {
      q = q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('proposal_evaluations as e')
              .select('e.user_id')
              .whereRef('e.proposal_id', '=', 'p.id')
              .where('e.user_id', '=', v.userId),
          ),
        ),
      )
    }
  }
  if (f.votesDue) q = q.where('p.state', '=', 'voting').where('p.vote_closes_at', '<=', iso)
  if (f.pendingReview) q = q.where('p.content_status', '=', 'pending_review')
  if (f.terms) return matchedPage(db, q, f.terms, f)
  const at = f.cursor ? readCursor(f.cursor, f.sort) : null
  if (f.sort === 'newest') {
    if (at) q = q.where('p.id', '<', at.id)
    q = q.orderBy('p.id', 'desc')
  } else {
    if (at?.sort === 'cosigns') {
      q = q.where((eb) => eb.or([eb('p.cosign_count', '<', at.count), eb.and([eb('p.cosign_count', '=', at.count), eb('p.id', '<', at.id)])]))
    }
    q = q.orderBy('p.cosign_count', 'desc').orderBy('p.id', 'desc')
  }
  return pageOf(await q.limit(f.limit + 1).execute(), f)
}

/** The first `limit` of up to limit + 1 rows, and the cursor after them if there were more. */
function pageOf(rows: ListRow[], f: Pick<ListFilter, 'sort' | 'limit'>): { rows: ListRow[]; nextCursor: string | null } {
  const page = rows.slice(0, f.limit)
  const last = page[page.length - 1]
  const nextCursor =
    rows.length > f.limit && last ? encodeCursor(f.sort === 'newest' ? ['newest', last.id] : ['cosigns', last.cosign_count, last.id]) : null
  return { rows: page, nextCursor }
}

/** Whether the caller sees a row of their own 居民区 in lists (visibleTo's "shown", for shared rows). */
function shownTo(v: Viewer, r: ListRow): boolean {
  const staff = v.grantUnitIds
  return r.content_status === 'visible' || r.author_id === v.userId || staff.includes(r.neighbourhood_id) || (r.street_id !== null && staff.includes(r.street_id))
}

/**
 * The caller's page of shared rows (read with no viewer, in units of the caller's own 居民区): those
 * shown to them and not `excluded`. Null when the kept rows ran out before the page was full: read it afresh.
 */
export function viewOf(v: Viewer, shared: SharedRows, f: Pick<ListFilter, 'sort' | 'limit'>, keep: (r: ListRow) => boolean) {
  const rows: ListRow[] = []
  for (const r of shared.rows) {
    if (!shownTo(v, r) || !keep(r)) continue
    rows.push(r)
    if (rows.length > f.limit) break
  }
  return rows.length <= f.limit && shared.capped ? null : pageOf(rows, f)
}

type PageQuery = ReturnType<typeof listQuery>

/** A search's page: the filtered rows holding every term, by score then newest. */
async function matchedPage(db: Q, base: PageQuery, terms: string[], f: ListFilter): Promise<{ rows: ListRow[]; nextCursor: string | null }> {
  let q = base.innerJoin(matchingDocs(db, 'proposal', terms), 's.doc_id', 'p.id').select('s.score')
  const at = f.cursor ? decodeMatchCursor(f.cursor) : null
  if (at) {
    q = q.where((eb) => eb.or([eb('s.score', '<', at.score), eb.and([eb('s.score', '=', at.score), eb('p.id', '<', at.id)])]))
  }
  const rows = await q.orderBy('s.score', 'desc').orderBy('p.id', 'desc').limit(f.limit + 1).execute()
  const page = rows.slice(0, f.limit)
  const last = page[page.length - 1]
  return { rows: page, nextCursor: rows.length > f.limit && last ? encodeMatchCursor(last.score, last.id) : null }
}

export async function listProposals(db: Q, v: Viewer, f: ListFilter, now: Date): Promise<{ items: ProposalListItem[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await listRows(db, v, f, now)
  return { items: await toItems(db, v, rows, now), nextCursor }
}

/** GET /api/proposals: what the caller may see, filtered. */
export async function listForCaller({ db, viewer, now }: ReadContext, q: ListQuery): Promise<ProposalPage> {
  deny(listRefusal(viewer, q.mine === '1'))
  const states = q.state ? q.state.split(',').map((s) => s.trim()) : undefined
  const unknown = states?.find((s) => !PROPOSAL_STATES.includes(s as ProposalState))
  if (unknown !== undefined) throw badInput('state', `没有「${unknown}」这个状态`)
  let within: ListFilter['within']
  if (q.unitId) {
    const unit = await db.selectFrom('units').select(['id', 'level']).where('id', '=', q.unitId).executeTakeFirst()
    if (!unit) throw badInput('unitId', '没有这个楼组、小区或居民区')
    within = unit
  }
  const terms = q.q?.trim() ? queryTerms(q.q) : undefined
  // Nothing searchable in the words (only 的, punctuation): nothing matches.
  if (terms && terms.length === 0) return { items: [], nextCursor: null }
  const f: ListFilter = {
    terms,
    states: states as ProposalState[] | undefined,
    category: q.category,
    within,
    mine: q.mine === '1',
    overdue: q.overdue === '1',
    sort: q.sort ?? 'newest',
    cursor: q.cursor,
    limit: q.limit ?? 20,
  }
  // The first page of a resident's 居民区, unfiltered, is what all its residents see alike.
  const nb = viewer.neighbourhoodId
  const plain = !f.terms && !f.states && !f.category && !f.within && !f.mine && !f.overdue && !f.cursor && viewer.grantUnitIds.length === 0
  if (plain && nb !== null) {
    const within = { id: nb, level: 'neighbourhood' as const }
    const shared = await sharedLists(db).get(`list:${f.sort}:${nb}`, now.getTime(), () => listRows(db, null, { within, sort: f.sort, limit: SHARED_ROWS }, now))
    const page = viewOf(viewer, shared, f, () => true)
    if (page) return { items: await toItems(db, viewer, page.rows, now), nextCursor: page.nextCursor }
  }
  return listProposals(db, viewer, f, now)
}

// Reads of topics: the list, one topic, and the topic view each caller gets.
import { sql, type Kysely } from 'kysely'
import type { Stance, StanceCounts, Topic, TopicState, UnitLevel } from '../../../types'
import { can, type Principal } from '../../accounts'
import { unitChain } from '../../community'
import { maskPersonalInfo } from '../../content'
import { compiled } from '../../core/compiled'
import { badInput, forbidden, notFound } from '../../core/errors'
import type { Database } from '../../db/schema'
import { decodeMatchCursor, encodeMatchCursor, matchingDocs, queryTerms } from '../../search'
import { decodeIdCursor, encodeIdCursor } from '../cursor'
import { flag } from '../schemas'
import { cannotPostReason, enforce, isModeratorOf, readTopicCheck, type Mutes } from '../policy'
import { isClosedByDate, neighbourhoodOf } from '../rules'
import type { Context } from '../context'

type Q = Kysely<Database>

/** Topics with their unit and the unit's ancestors (for permissions), in one query. */
export function topicQuery(db: Q) {
  return db
    .selectFrom('topics as t')
    .innerJoin('units as u0', 'u0.id', 't.unit_id')
    .leftJoin('units as u1', 'u1.id', 'u0.parent_id')
    .leftJoin('units as u2', 'u2.id', 'u1.parent_id')
    .leftJoin('units as u3', 'u3.id', 'u2.parent_id')
    .selectAll('t')
    .select(['u0.name as unit_name', 'u0.level as unit_level', 'u1.id as c1', 'u2.id as c2', 'u3.id as c3'])
}

export type TopicRow = Awaited<ReturnType<ReturnType<typeof topicQuery>['executeTakeFirstOrThrow']>>

const topicById = compiled((db: Q, v: { id: number }) => topicQuery(db).where('t.id', '=', v.id))

export async function loadTopic(db: Q, id: number): Promise<TopicRow | undefined> {
  return topicById.first(db, { id })
}

const mutesOf = compiled((db: Q, v: { userId: number; now: string }) =>
  db
    .selectFrom('user_mutes')
    .select(['neighbourhood_id', 'ends_at', 'reason'])
    .where('user_id', '=', v.userId)
    .where('lifted_at', 'is', null)
    .where('ends_at', '>', v.now)
    .orderBy('ends_at', 'asc'),
)

/** Active mutes of a user (moderation writes them; posting reads them), by 居民区: the latest end of each. */
export async function activeMutes(db: Q, userId: number, now: Date): Promise<Mutes> {
  const rows = await mutesOf.all(db, { userId, now: now.toISOString() })
  const out: Mutes = new Map()
  for (const r of rows) out.set(r.neighbourhood_id, { endsAt: r.ends_at, reason: r.reason })
  return out
}

const ZERO_STANCES = (): StanceCounts => ({ support: 0, oppose: 0, neutral: 0 })

/** Topic views for a page of rows: counts and the caller's stance in three grouped queries, not per row. */
export async function presentTopics(db: Q, rows: TopicRow[], p: Principal, now: Date): Promise<Topic[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [participants, stances, mine, mutes] = await Promise.all([
    db
      .selectFrom('topic_participants')
      .select(['topic_id', sql<number>`count(*)`.as('n')])
      .where('topic_id', 'in', ids)
      .groupBy('topic_id')
      .execute(),
    db
      .selectFrom('topic_stances')
      .select(['topic_id', 'stance', sql<number>`count(*)`.as('n')])
      .where('topic_id', 'in', ids)
      .groupBy(['topic_id', 'stance'])
      .execute(),
    db.selectFrom('topic_stances').select(['topic_id', 'stance']).where('user_id', '=', p.userId).where('topic_id', 'in', ids).execute(),
    activeMutes(db, p.userId, now),
  ])
  const participantsBy = new Map(participants.map((r) => [r.topic_id, Number(r.n)]))
  const stancesBy = new Map<number, StanceCounts>()
  for (const r of stances) {
    const counts = stancesBy.get(r.topic_id) ?? ZERO_STANCES()
    counts[r.stance] = Number(r.n)
    stancesBy.set(r.topic_id, counts)
  }
  const myStance = new Map(mine.map((r) => [r.topic_id, r.stance as Stance]))
  return rows.map((t) => {
    const staff = isModeratorOf(p, t)
    const mask = (s: string) => (staff ? s : maskPersonalInfo(s))
    const reason = cannotPostReason(p, t, now, mutes)
    return {
      id: t.id,
      unit: { id: t.unit_id, name: t.unit_name, level: t.unit_level as UnitLevel },
      neighbourhoodId: t.neighbourhood_id,
      question: mask(t.question),
      background: mask(t.background),
      closesAt: t.closes_at,
      state: t.state as TopicState,
      closed: isClosedByDate({ state: t.state as TopicState, closes_at: t.closes_at }, now),
      pending: t.pending === 1,
      summary: t.summary === null ? null : mask(t.summary),
      concludedAt: t.concluded_at,
      proposalId: t.proposal_id,
      openedAt: t.created_at,
      lastPostAt: t.last_post_at,
      postCount: t.post_count,
      participantCount: participantsBy.get(t.id) ?? 0,
      stances: stancesBy.get(t.id) ?? ZERO_STANCES(),
      myStance: myStance.get(t.id) ?? null,
      canPost: reason === null,
      cannotPostReason: reason,
      canModerate: staff,
    }
  })
}

/** The 居民区 whose topics the caller reads: as staff (pending ones too) and as a resident. */
export async function readableNeighbourhoods(db: Q, p: Principal): Promise<{ staff: number[]; resident: number[] }> {
  const grantIds = p.grants.map((g) => g.unitId)
  const staff =
    grantIds.length === 0
      ? []
      : (
          await db
            .selectFrom('units')
            .select('id')
            .where('level', '=', 'neighbourhood')
            .where((eb) => eb.or([eb('id', 'in', grantIds), eb('parent_id', 'in', grantIds)]))
            .execute()
        ).map((r) => r.id)
  const resident = p.residence && p.residence.chain.length >= 2 ? [neighbourhoodOf(p.residence.chain)] : []
  return { staff, resident: resident.filter((id) => !staff.includes(id)) }
}

/** A unit and every unit under it (the tree is at most four deep). */
export async function unitAndBelow(db: Q, unitId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('units as a')
    .leftJoin('units as b', 'b.parent_id', 'a.id')
    .leftJoin('units as c', 'c.parent_id', 'b.id')
    .select(['a.id as a', 'b.id as b', 'c.id as c'])
    .where('a.id', '=', unitId)
    .execute()
  const ids = new Set<number>()
  for (const r of rows) for (const id of [r.a, r.b, r.c]) if (id !== null) ids.add(id)
  return [...ids]
}

/** One topic as the caller sees it (after a write, inside its transaction). */
export async function presentTopic(db: Q, id: number, p: Principal, now: Date): Promise<Topic> {
  const row = await topicQuery(db).where('t.id', '=', id).executeTakeFirstOrThrow()
  return (await presentTopics(db, [row], p, now))[0]
}

/** The topic, if the caller may see it: 404 when it does not exist (or is pending and they are not staff), 403 outside their 居民区. */
export async function readableTopic(db: Q, p: Principal, id: number): Promise<TopicRow> {
  const topic = await loadTopic(db, id)
  if (!topic) throw notFound('议题')
  enforce(readTopicCheck(p, topic))
  return topic
}

export async function showTopic({ db, principal, now }: Context, id: number): Promise<Topic> {
  const topic = await readableTopic(db, principal, id)
  return (await presentTopics(db, [topic], principal, now))[0]
}

export interface TopicFilter {
  unitId?: number
  state?: TopicState
  /** Open, approved and not past its closing date (the 首页): '1' or 'true'. */
  active?: string
  /** The caller's own units, where they live and where they serve: '1' or 'true'. */
  mine?: string
  /** Words to search for in questions and backgrounds; ranks the list by match. */
  q?: string
  cursor?: string
  limit?: number
}

/** Topics the caller reads, newest first, a page at a time. */
export async function listTopics({ db, principal, now }: Context, f: TopicFilter): Promise<{ items: Topic[]; nextCursor: string | null }> {
  const limit = f.limit ?? 20
  const { staff, resident } = await readableNeighbourhoods(db, principal)
  if (staff.length === 0 && resident.length === 0) return { items: [], nextCursor: null }
  let query = topicQuery(db).where((eb) =>
    eb.or([
      ...(staff.length ? [eb('t.neighbourhood_id', 'in', staff)] : []),
      ...(resident.length ? [eb.and([eb('t.neighbourhood_id', 'in', resident), eb('t.pending', '=', 0)])] : []),
    ]),
  )
  if (f.unitId !== undefined) {
    const chain = await unitChain(db, f.unitId)
    if (!chain) throw badInput('unitId', '没有这个单元')
    if (!can(principal, 'topics.read', chain)) throw forbidden('只能查看本居民区的议题')
    query = query.where('t.unit_id', 'in', await unitAndBelow(db, f.unitId))
  }
  if (flag(f.mine)) {
    // The caller's own units: where they live (楼组, 小区, 居民区) and where they serve.
    const home = principal.residence ? principal.residence.chain.slice(0, -1) : []
    query = query.where((eb) =>
      eb.or([...(home.length ? [eb('t.unit_id', 'in', home)] : []), ...(staff.length ? [eb('t.neighbourhood_id', 'in', staff)] : []), eb.lit(false)]),
    )
  }
  if (f.state) query = query.where('t.state', '=', f.state)
  if (flag(f.active)) {
    query = query
      .where('t.state', '=', 'open')
      .where('t.pending', '=', 0)
      .where((eb) => eb.or([eb('t.closes_at', 'is', null), eb('t.closes_at', '>', now.toISOString())]))
  }
  if (f.q?.trim()) {
    const terms = queryTerms(f.q)
    if (terms.length === 0) return { items: [], nextCursor: null }
    const found = query.innerJoin(matchingDocs(db, 'topic', terms), 's.doc_id', 't.id').select('s.score')
    const at = f.cursor ? decodeMatchCursor(f.cursor) : null
    const rows = await (at ? found.where((eb) => eb.or([eb('s.score', '<', at.score), eb.and([eb('s.score', '=', at.score), eb('t.id', '<', at.id)])])) : found)
      .orderBy('s.score', 'desc')
      .orderBy('t.id', 'desc')
      .limit(limit + 1)
      .execute()
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return { items: await presentTopics(db, page, principal, now), nextCursor: rows.length > limit && last ? encodeMatchCursor(last.score, last.id) : null }
  }
  if (f.cursor) query = query.where('t.id', '<', decodeIdCursor(f.cursor))
  const rows = await query.orderBy('t.id', 'desc').limit(limit + 1).execute()
  const page = rows.slice(0, limit)
  return {
    items: await presentTopics(db, page, principal, now),
    nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null,
  }
}

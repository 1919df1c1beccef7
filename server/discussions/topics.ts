import { sql, type Kysely } from 'kysely'
import type { Stance, StanceCounts, Topic, TopicState, UnitLevel } from '../../types'
import { can, isStaffFor, type Principal, type UnitChain } from '../accounts/permissions'
import { unitChain } from '../community/units'
import { maskPersonalInfo } from '../content/masking'
import type { Database } from '../db/schema'
import { badInput } from '../core/errors'
import type { Trx } from '../core/db'
import { logModeration } from '../core/audit'
import { isClosedByDate, shanghaiTime, topicReadOnlyReason } from './rules'

type Q = Kysely<Database>

export interface OpenTopicInput {
  /** A 楼组, 小区 or 居民区. */
  unitId: number
  question: string
  background: string
  closesAt?: string | null
  /** Set when the topic is opened because a proposal was accepted. */
  proposalId?: number | null
  /** The moderator opening it (or accepting the proposal); the log names them. */
  openedBy: number
  /** Held for review by the content check (routes set it; proposals' text was checked already). */
  pending?: boolean
  now?: Date
}

/** The 居民区 of a unit chain ([楼组, 小区, 居民区, 街镇] or a tail of it): the one just under the 街镇. */
export function neighbourhoodOf(chain: UnitChain): number {
  return chain.length >= 2 ? chain[chain.length - 2] : chain[0]
}

/**
 * Opens a topic inside the caller's transaction and logs it. Proposals call this when a proposal is
 * accepted (then proposalId links the topic back); the 议事厅's own route calls it for moderators.
 */
export async function openTopic(trx: Trx, input: OpenTopicInput): Promise<{ id: number; neighbourhoodId: number }> {
  const unit = await trx.selectFrom('units').select(['id', 'level']).where('id', '=', input.unitId).executeTakeFirst()
  if (!unit || unit.level === 'street') throw badInput('unitId', '议题只能属于某个楼组、小区或居民区')
  const chain = (await unitChain(trx, input.unitId))!
  const neighbourhoodId = neighbourhoodOf(chain)
  const now = (input.now ?? new Date()).toISOString()
  const row = await trx
    .insertInto('topics')
    .values({
      unit_id: input.unitId,
      neighbourhood_id: neighbourhoodId,
      question: input.question.trim(),
      background: input.background.trim(),
      closes_at: input.closesAt ?? null,
      state: 'open',
      pending: input.pending ? 1 : 0,
      proposal_id: input.proposalId ?? null,
      opened_by: input.openedBy,
      post_count: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await logModeration(trx, {
    actorId: input.openedBy,
    action: 'topic.open',
    targetType: 'topic',
    targetId: row.id,
    unitId: neighbourhoodId,
    reason: input.proposalId ? `由提案 #${input.proposalId} 转入议事厅` : null,
  })
  return { id: row.id, neighbourhoodId }
}

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

export function chainOf(t: TopicRow): UnitChain {
  return [t.unit_id, t.c1, t.c2, t.c3].filter((id): id is number => id !== null)
}

export async function loadTopic(db: Q, id: number): Promise<TopicRow | undefined> {
  return topicQuery(db).where('t.id', '=', id).executeTakeFirst()
}

/** May the caller see this topic at all? Pending topics are for staff only. */
export function canSeeTopic(p: Principal, t: TopicRow): boolean {
  const chain = chainOf(t)
  if (t.pending) return isStaffFor(p, chain)
  return can(p, 'topics.read', chain)
}

/** Active mutes of a user, by 居民区: the latest end of each. */
export async function activeMutes(db: Q, userId: number, now: Date): Promise<Map<number, { endsAt: string; reason: string }>> {
  const rows = await db
    .selectFrom('user_mutes')
    .select(['neighbourhood_id', 'ends_at', 'reason'])
    .where('user_id', '=', userId)
    .where('lifted_at', 'is', null)
    .where('ends_at', '>', now.toISOString())
    .orderBy('ends_at', 'asc')
    .execute()
  const out = new Map<number, { endsAt: string; reason: string }>()
  for (const r of rows) out.set(r.neighbourhood_id, { endsAt: r.ends_at, reason: r.reason })
  return out
}

export function mutedMessage(m: { endsAt: string; reason: string }): string {
  return `您已被禁言至 ${shanghaiTime(m.endsAt)}（原因：${m.reason}），期间不能发言`
}

/** Why the caller cannot post in the topic now, or null when they can. */
export function cannotPostReason(
  p: Principal,
  t: TopicRow,
  now: Date,
  mutes: Map<number, { endsAt: string; reason: string }>,
): string | null {
  const chain = chainOf(t)
  if (!can(p, 'posts.create', chain)) {
    return p.residence ? `本议题仅限${t.unit_name}的认证居民发言` : '完成居民认证后才能发言'
  }
  const closed = topicReadOnlyReason(t, now)
  if (closed) return closed
  const mute = mutes.get(t.neighbourhood_id)
  if (mute && !isStaffFor(p, chain)) return mutedMessage(mute)
  return null
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
    const staff = isStaffFor(p, chainOf(t))
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

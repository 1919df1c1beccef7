import { sql, type Kysely, type RawBuilder } from 'kysely'
import * as postgresJson from 'kysely/helpers/postgres'
import { STAFF_ROLES, isStaffRole, type DevUser, type Me, type Residence, type ResidenceWait, type RoleGrant, type VerificationRequest, type VerificationStatus } from '../../types'
import type { Database } from '../db/schema'
import { compiled } from '../core/compiled'
import { onSqlite } from '../core/dialect'
import { forbidden, notFound } from '../core/errors'
import { can, type Principal, type UnitChain } from './policy'
import { privacyLabel } from './privacy'

type Q = Kysely<Database>

/**
 * Residences with the units above their 楼组: 楼组, 小区, 居民区 and the 街镇's id. The one join every
 * read of a residence uses (a resident's own, the committee's review list).
 */
export function residencesWithUnits(db: Q) {
  return db
    .selectFrom('residences as r')
    .innerJoin('units as b', 'b.id', 'r.building_id')
    .innerJoin('units as e', 'e.id', 'b.parent_id')
    .innerJoin('units as n', 'n.id', 'e.parent_id')
    .select([
      'r.id',
      'r.user_id',
      'r.building_id',
      'r.room',
      'r.status',
      'r.reason',
      'r.is_representative',
      'r.requested_at',
      'r.reviewed_at',
      'b.name as building_name',
      'e.id as estate_id',
      'e.name as estate_name',
      'n.id as neighbourhood_id',
      'n.name as neighbourhood_name',
      'n.parent_id as street_id',
    ])
}

type ResidenceRow = Awaited<ReturnType<ReturnType<typeof residencesWithUnits>['executeTakeFirstOrThrow']>>

/** The residence's 楼组 and every unit above it, nearest first. */
export const residenceChain = (r: ResidenceRow): UnitChain =>
  [r.building_id, r.estate_id, r.neighbourhood_id, r.street_id].filter((id): id is number => id !== null)

export const toResidence = (r: ResidenceRow): Residence => ({
  id: r.id,
  buildingId: r.building_id,
  buildingName: r.building_name,
  estateName: r.estate_name,
  neighbourhoodId: r.neighbourhood_id,
  neighbourhoodName: r.neighbourhood_name,
  room: r.room,
  status: r.status as Residence['status'],
  reason: r.reason,
  isRepresentative: r.is_representative === 1,
  requestedAt: r.requested_at,
  reviewedAt: r.reviewed_at,
})

export const toRequest = (r: ResidenceRow): VerificationRequest => ({
  id: r.id,
  userId: r.user_id,
  buildingId: r.building_id,
  buildingName: r.building_name,
  estateName: r.estate_name,
  room: r.room,
  status: r.status as VerificationStatus,
  reason: r.reason,
  isRepresentative: r.is_representative === 1,
  requestedAt: r.requested_at,
  reviewedAt: r.reviewed_at,
})

/** A user: by id, or (one statement for a session and its account) the joined row's id. */
type UserRef = number | RawBuilder<number>

/** The latest residence request of a user (or the latest approved one). */
const latestOf = (db: Q, userId: UserRef, approved: boolean) =>
  residencesWithUnits(db)
    .where('r.user_id', '=', userId)
    .where('r.status', approved ? '=' : '!=', approved ? 'approved' : 'superseded')
    .orderBy('r.id', 'desc')
    .limit(1)

const latestRequest = compiled((db: Q, v: { userId: number }) => latestOf(db, v.userId, false))

/** The user's latest residence request, as the resident sees it. */
export async function currentResidence(db: Q, userId: number): Promise<Residence | null> {
  const row = await latestRequest.first(db, { userId })
  return row ? toResidence(row) : null
}

export interface Account {
  principal: Principal
  me: Me
}

const grantsOf = (db: Q, userId: UserRef) =>
  db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select(['g.id', 'g.role', 'g.unit_id', 'u.name', 'u.level'])
    .where('g.user_id', '=', userId)
    .orderBy('g.id')

/**
 * A user's roles, latest residence request and latest approved residence as JSON beside the user's row, for
 * one statement on PostgreSQL: every first request of a session reads them, and four round trips held a
 * pooled connection four times as long. SQLite has no round trips, and building the JSON cost it four times
 * what plain statements do (accountParts).
 */
const accountJson = (db: Q, user: UserRef) =>
  [
    postgresJson.jsonArrayFrom(grantsOf(db, user)).as('grants'),
    postgresJson.jsonObjectFrom(latestOf(db, user, false)).as('latest'),
    postgresJson.jsonObjectFrom(latestOf(db, user, true)).as('approved'),
  ] as const
const accountRow = compiled((db: Q, v: { userId: number }) =>
  db
    .selectFrom('users')
    .select(['id', 'privacy_accepted_at'])
    .select(accountJson(db, v.userId))
    .where('id', '=', v.userId),
)
const userRow = compiled((db: Q, v: { userId: number }) => db.selectFrom('users').select(['id', 'privacy_accepted_at']).where('id', '=', v.userId))
const grantRows = compiled((db: Q, v: { userId: number }) => grantsOf(db, v.userId))
const latestApproved = compiled((db: Q, v: { userId: number }) => latestOf(db, v.userId, true))

async function accountParts(db: Q, userId: number) {
  const [user, grants, latest] = await Promise.all([userRow.first(db, { userId }), grantRows.all(db, { userId }), latestRequest.first(db, { userId })])
  // The approved residence is asked for only when the latest request is not it (a move pending review).
  const approved = latest && latest.status !== 'approved' ? await latestApproved.first(db, { userId }) : undefined
  return user && { ...user, grants, latest: latest ?? null, approved: approved ?? null }
}

const liveSession = compiled((db: Q, v: { hash: string; now: string }) =>
  db.selectFrom('sessions').select(['user_id', 'expires_at']).where('token_hash', '=', v.hash).where('expires_at', '>', v.now),
)
// On PostgreSQL the session and its account come in one statement (accountRow's, joined to the session).
const sessionAccountRow = compiled((db: Q, v: { hash: string; now: string }) => {
  const user = sql.ref<number>('users.id')
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.privacy_accepted_at', 'sessions.expires_at'])
    .select(accountJson(db, user))
    .where('sessions.token_hash', '=', v.hash)
    .where('sessions.expires_at', '>', v.now)
})

/** A live session's account (null: no such session, or it has ended), and when the session ends. */
export async function sessionAccount(db: Q, tokenHash: string, now: Date): Promise<{ account: Account; expiresAt: string } | null> {
  const v = { hash: tokenHash, now: now.toISOString() }
  if (!onSqlite(db)) {
    const row = await sessionAccountRow.first(db, v)
    return row ? { account: toAccount(row.id, row), expiresAt: row.expires_at } : null
  }
  const session = await liveSession.first(db, v)
  const account = session ? await loadAccount(db, session.user_id) : null
  return session && account ? { account, expiresAt: session.expires_at } : null
}

export async function loadAccount(db: Q, userId: number): Promise<Account | null> {
  const row = onSqlite(db) ? await accountParts(db, userId) : await accountRow.first(db, { userId })
  return row ? toAccount(userId, row) : null
}

type AccountRow = NonNullable<Awaited<ReturnType<typeof accountParts>>> | NonNullable<Awaited<ReturnType<(typeof accountRow)['first']>>>

function toAccount(userId: number, row: AccountRow): Account {
  // Ordered again here: an aggregate's order over an ordered subquery is not promised.
  const grants: RoleGrant[] = [...row.grants]
    .sort((a, b) => a.id - b.id)
    .map((g) => ({ role: g.role, unitId: g.unit_id, unitName: g.name, unitLevel: g.level }))
  const latest = row.latest ?? undefined
  // While a move is pending review, the resident stays verified at the old address.
  const home = latest?.status === 'approved' ? latest : latest ? (row.approved ?? undefined) : undefined
  const staff = grants.flatMap((g) => (isStaffRole(g.role) ? [{ ...g, role: g.role }] : []))
  const principal: Principal = {
    userId,
    grants: staff.map((g) => ({ role: g.role, unitId: g.unitId })),
    referees: grants.flatMap((g) => (isStaffRole(g.role) ? [] : [{ role: g.role, unitId: g.unitId }])),
    residence: home ? { buildingId: home.building_id, buildingName: home.building_name, room: home.room, chain: residenceChain(home) } : null,
  }
  const me: Me = {
    id: userId,
    label: privacyLabel({ buildingName: home ? home.building_name : null, isStaff: staff.length > 0 }),
    roles: grants,
    residence: latest ? toResidence(latest) : null,
    verified: home !== undefined,
    privacyAcceptedAt: row.privacy_accepted_at,
  }
  return { principal, me }
}

/** The user's own view of themselves, as /api/me answers it. */
export async function meOf(db: Q, userId: number): Promise<Me> {
  return (await loadAccount(db, userId))!.me
}

/** The seeded demo accounts with the label others see them by, in one query. */
export async function devUsers(db: Q): Promise<{ users: DevUser[] }> {
  const rows = await db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id',
      'u.demo_description',
      eb.exists(eb.selectFrom('role_grants as g').select('g.id').whereRef('g.user_id', '=', 'u.id').where('g.role', 'in', STAFF_ROLES)).as('is_staff'),
      // The home 楼组: the latest approved residence (see loadAccount).
      eb
        .selectFrom('residences as r')
        .innerJoin('units as b', 'b.id', 'r.building_id')
        .select('b.name')
        .whereRef('r.user_id', '=', 'u.id')
        .where('r.status', '=', 'approved')
        .orderBy('r.id', 'desc')
        .limit(1)
        .as('building_name'),
    ])
    .where('u.demo_description', 'is not', null)
    .orderBy('u.id')
    .execute()
  return {
    users: rows.map((r) => ({
      id: r.id,
      label: privacyLabel({ buildingName: r.building_name, isStaff: Boolean(r.is_staff) }),
      description: r.demo_description ?? '',
    })),
  }
}

/** Requests in the 居民区 (or 街镇) the staff member serves. */
export async function listVerifications(db: Q, p: Principal, status: VerificationStatus): Promise<{ items: VerificationRequest[] }> {
  if (!can(p, 'verifications.list')) throw forbidden('只有居委会成员可以审核居民认证')
  const unitIds = p.grants.map((g) => g.unitId)
  const rows = await residencesWithUnits(db)
    .where('r.status', '=', status)
    .where((eb) => eb.or([eb('n.id', 'in', unitIds), eb('n.parent_id', 'in', unitIds)]))
    .orderBy('r.requested_at', status === 'pending' ? 'asc' : 'desc')
    .limit(200)
    .execute()
  return { items: rows.map(toRequest) }
}

/** The recent reviews a 居民区's typical review time is measured over. */
const WAIT_SAMPLE = 50

/** The middle of a list of numbers (the mean of the two middle ones for an even count). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** For the resident's latest request: how long its 居委会 usually takes to review, and how to reach it. */
export async function residenceWait(db: Q, userId: number): Promise<ResidenceWait> {
  const latest = await latestRequest.first(db, { userId })
  if (!latest) throw notFound('居住认证申请')
  const [unit, reviews] = await Promise.all([
    db.selectFrom('units').select('contact').where('id', '=', latest.neighbourhood_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('residences as r')
      .innerJoin('units as b', 'b.id', 'r.building_id')
      .innerJoin('units as e', 'e.id', 'b.parent_id')
      .select(['r.requested_at', 'r.reviewed_at'])
      .where('e.parent_id', '=', latest.neighbourhood_id)
      .where('r.reviewed_at', 'is not', null)
      .orderBy('r.reviewed_at', 'desc')
      .limit(WAIT_SAMPLE)
      .execute(),
  ])
  const hours = reviews.map((r) => Math.max(0, Date.parse(r.reviewed_at!) - Date.parse(r.requested_at)) / 3_600_000)
  const typical = median(hours)
  return {
    neighbourhoodName: latest.neighbourhood_name,
    contact: unit.contact,
    typicalHours: typical === null ? null : Math.round(typical * 10) / 10,
    reviewedCount: hours.length,
  }
}

import type { Kysely } from 'kysely'
import type { Me, Residence, RoleGrant } from '../../types'
import type { Database } from '../db/schema'
import type { Principal, UnitChain } from './permissions'
import { privacyLabel } from './privacy'

type Q = Kysely<Database>

async function grantsOf(db: Q, userId: number): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select(['g.role', 'g.unit_id', 'u.name', 'u.level'])
    .where('g.user_id', '=', userId)
    .orderBy('g.id')
    .execute()
  return rows.map((r) => ({ role: r.role, unitId: r.unit_id, unitName: r.name, unitLevel: r.level }))
}

/** The latest residence request of a user (or the latest approved one), with the names of its units. */
export async function latestResidence(db: Q, userId: number, status?: 'approved'): Promise<Residence | null> {
  return (await residenceWithChain(db, userId, status))?.residence ?? null
}

/** As latestResidence, with the unit chain of its 楼组, read in the same query (auth needs both on every request). */
async function residenceWithChain(db: Q, userId: number, status?: 'approved'): Promise<{ residence: Residence; chain: UnitChain } | null> {
  const r = await db
    .selectFrom('residences as r')
    .innerJoin('units as b', 'b.id', 'r.building_id')
    .innerJoin('units as e', 'e.id', 'b.parent_id')
    .innerJoin('units as n', 'n.id', 'e.parent_id')
    .select([
      'r.id',
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
    .where('r.user_id', '=', userId)
    .where('r.status', status ? '=' : '!=', status ?? 'superseded')
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!r) return null
  const chain = [r.building_id, r.estate_id, r.neighbourhood_id, r.street_id].filter((id): id is number => id !== null)
  const residence: Residence = {
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
  }
  return { residence, chain }
}

export interface Account {
  principal: Principal
  me: Me
}

export async function loadAccount(db: Q, userId: number): Promise<Account | null> {
  const [user, grants, latest] = await Promise.all([
    db.selectFrom('users').select(['id', 'privacy_accepted_at']).where('id', '=', userId).executeTakeFirst(),
    grantsOf(db, userId),
    residenceWithChain(db, userId),
  ])
  if (!user) return null
  const residence = latest?.residence ?? null
  // While a move is pending review, the resident stays verified at the old address.
  const homeRow = latest?.residence.status === 'approved' ? latest : latest ? await residenceWithChain(db, userId, 'approved') : null
  const home = homeRow?.residence ?? null
  const verified = home !== null
  const principal: Principal = {
    userId,
    grants: grants.map((g) => ({ role: g.role, unitId: g.unitId })),
    residence: homeRow ? { buildingId: homeRow.residence.buildingId, chain: homeRow.chain } : null,
  }
  const me: Me = {
    id: userId,
    label: privacyLabel({ buildingName: home ? home.buildingName : null, isStaff: grants.length > 0 }),
    roles: grants,
    residence,
    verified,
    privacyAcceptedAt: user.privacy_accepted_at,
  }
  return { principal, me }
}

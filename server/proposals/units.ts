import { sql } from 'kysely'
import type { Principal, UnitChain } from '../accounts'
import { unitWithChain } from '../community'
import { compiled } from '../core/compiled'
import type { Q } from './context'

/** A unit a proposal may belong to, with the ids of every level above it. */
export interface ProposalUnit {
  id: number
  level: 'building' | 'estate' | 'neighbourhood'
  name: string
  buildingId: number | null
  estateId: number | null
  neighbourhoodId: number
  streetId: number | null
  /** Nearest first, as permissions.ts expects. */
  chain: UnitChain
}

export async function proposalUnit(db: Q, unitId: number): Promise<ProposalUnit | null> {
  const row = await unitWithChain(db, unitId)
  if (!row) return null
  const { chain } = row
  const [, p1 = null, p2 = null, p3 = null] = chain
  switch (row.level) {
    case 'building':
      return { id: row.id, level: 'building', name: row.name, buildingId: row.id, estateId: p1, neighbourhoodId: p2!, streetId: p3, chain }
    case 'estate':
      return { id: row.id, level: 'estate', name: row.name, buildingId: null, estateId: row.id, neighbourhoodId: p1!, streetId: p2, chain }
    case 'neighbourhood':
      return { id: row.id, level: 'neighbourhood', name: row.name, buildingId: null, estateId: null, neighbourhoodId: row.id, streetId: p1, chain }
    default:
      return null
  }
}

/** The 楼组 in (or equal to) a unit. */
export async function buildingsIn(db: Q, unit: Pick<ProposalUnit, 'id' | 'level'>): Promise<{ id: number; households: number; estateId: number | null }[]> {
  let q = db.selectFrom('units as b').select(['b.id', 'b.households', 'b.parent_id']).where('b.level', '=', 'building')
  if (unit.level === 'building') q = q.where('b.id', '=', unit.id)
  else if (unit.level === 'estate') q = q.where('b.parent_id', '=', unit.id)
  else q = q.where('b.parent_id', 'in', db.selectFrom('units as e').select('e.id').where('e.parent_id', '=', unit.id))
  const rows = await q.execute()
  return rows.map((r) => ({ id: r.id, households: r.households, estateId: r.parent_id }))
}

/** Registered households of the unit (the threshold's denominator). */
export async function householdsIn(db: Q, unit: Pick<ProposalUnit, 'id' | 'level'>): Promise<number> {
  return (await buildingsIn(db, unit)).reduce((s, b) => s + b.households, 0)
}

/** Households (楼组 + room) with at least one verified resident: the vote's electorate. */
export async function verifiedHouseholdsIn(db: Q, unit: Pick<ProposalUnit, 'id' | 'level'>): Promise<number> {
  const ids = (await buildingsIn(db, unit)).map((b) => b.id)
  if (ids.length === 0) return 0
  const rows = await db
    .selectFrom('residences')
    .select(['building_id', sql<number>`count(distinct room)`.as('n')])
    .where('status', '=', 'approved')
    .where('building_id', 'in', ids)
    .groupBy('building_id')
    .execute()
  return rows.reduce((s, r) => s + Number(r.n), 0)
}

/** The caller's household as their account has it (the account is read afresh after any residence change). */
export const householdOfCaller = (p: Principal): { buildingId: number; room: string } | null =>
  p.residence ? { buildingId: p.residence.buildingId, room: p.residence.room } : null

// A vote reads it at the moment it is cast.
const approvedHome = compiled((db: Q, v: { userId: number }) =>
  db.selectFrom('residences').select(['building_id', 'room']).where('user_id', '=', v.userId).where('status', '=', 'approved').orderBy('id', 'desc').limit(1),
)

/** The caller's household: the 楼组 and room of their approved residence. */
export async function householdOf(db: Q, userId: number): Promise<{ buildingId: number; room: string } | null> {
  const r = await approvedHome.first(db, { userId })
  return r ? { buildingId: r.building_id, room: r.room } : null
}

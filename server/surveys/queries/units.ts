// The units a survey targets and the households and residents in them.
import { sql, type Kysely } from 'kysely'
import type { HousingType } from '../../../types'
import type { Principal, UnitChain } from '../../accounts'
import { householdsAt, verifiedHouseholdsByBuilding } from '../../community'
import type { BuildingPlace } from '../cells'
import type { Database } from '../../db/schema'

type Q = Kysely<Database>

// A unit with its name, level and the ids above it: the survey's target, an index's or a ledger's unit.
export { unitWithChain as unitInfo, type UnitWithChain as UnitInfo } from '../../community'

/** The 居民区 of a chain ([楼组, 小区, 居民区, 街镇] or a tail of it). */
export const neighbourhoodOf = (chain: UnitChain): number => (chain.length >= 2 ? chain[chain.length - 2] : chain[0])

/** 居民区 a principal serves (a moderator's own, every one under an admin's 街镇). */
export async function staffNeighbourhoods(db: Q, p: Principal): Promise<number[]> {
  if (p.grants.length === 0) return []
  const ids = p.grants.map((g) => g.unitId)
  const rows = await db
    .selectFrom('units')
    .select('id')
    .where('level', '=', 'neighbourhood')
    .where((eb) => eb.or([eb('id', 'in', ids), eb('parent_id', 'in', ids)]))
    .execute()
  return rows.map((r) => r.id)
}

export interface BuildingInfo extends BuildingPlace {
  name: string
  estateName: string
  /** "梧桐新村3号楼" */
  label: string
  housingType: HousingType | null
}

/** The 楼组 with the household counts that held at an instant (a period's end, a survey's close). */
export async function withHouseholdsAt(db: Q, buildings: BuildingInfo[], at: string): Promise<BuildingInfo[]> {
  const counts = await householdsAt(db, buildings.map((b) => b.id), at)
  return buildings.map((b) => ({ ...b, households: counts.get(b.id) ?? b.households }))
}

/** The 楼组 in or under a unit (a 楼组 itself, a 小区's or a 居民区's), with today's households or those at `at`. */
export async function buildingsUnder(db: Q, unitId: number, at?: string): Promise<BuildingInfo[]> {
  const rows = await db
    .selectFrom('units as b')
    .innerJoin('units as e', 'e.id', 'b.parent_id')
    .select(['b.id', 'b.name', 'b.households', 'e.id as estate_id', 'e.name as estate_name', 'e.housing_type', 'e.parent_id as neighbourhood_id'])
    .where('b.level', '=', 'building')
    .where((eb) => eb.or([eb('b.id', '=', unitId), eb('e.id', '=', unitId), eb('e.parent_id', '=', unitId)]))
    .orderBy('b.id')
    .execute()
  const buildings = rows.map((r) => ({
    id: r.id,
    name: r.name,
    estateId: r.estate_id,
    estateName: r.estate_name,
    neighbourhoodId: r.neighbourhood_id!,
    label: `${r.estate_name}${r.name}`,
    households: r.households,
    housingType: r.housing_type as HousingType | null,
  }))
  return at === undefined ? buildings : withHouseholdsAt(db, buildings, at)
}

export interface Eligible {
  verifiedResidents: number
  verifiedHouseholds: number
  households: number
}

export async function eligibleIn(db: Q, buildings: BuildingInfo[]): Promise<Eligible> {
  const ids = buildings.map((b) => b.id)
  if (ids.length === 0) return { verifiedResidents: 0, verifiedHouseholds: 0, households: 0 }
  const [residents, households] = await Promise.all([
    db
      .selectFrom('residences')
      .select(sql<number>`count(distinct user_id)`.as('n'))
      .where('status', '=', 'approved')
      .where('building_id', 'in', ids)
      .executeTakeFirstOrThrow(),
    verifiedHouseholdsByBuilding(db, ids),
  ])
  return {
    verifiedResidents: Number(residents.n),
    verifiedHouseholds: ids.reduce((s, id) => s + (households.get(id) ?? 0), 0),
    households: buildings.reduce((s, b) => s + b.households, 0),
  }
}

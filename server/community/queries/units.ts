import { sql, type Kysely, type Selectable } from 'kysely'
import type { Unit, UnitNode } from '../../../types'
import type { Database } from '../../db/schema'
import type { UnitChain } from '../../accounts'
import { compiled } from '../../core/compiled'
import { nameKey } from '../rules'

type Q = Kysely<Database>

export interface UnitWithChain {
  id: number
  level: Unit['level']
  name: string
  /** The unit and its ancestors, nearest first. */
  chain: UnitChain
}

/** A unit with the ids of every unit above it, in one query (the tree is at most four deep). */
// Every survey read and answer, proposal submission and staff check asks it.
const withChain = compiled((db: Q, v: { unitId: number }) =>
  db
    .selectFrom('units as u0')
    .leftJoin('units as u1', 'u1.id', 'u0.parent_id')
    .leftJoin('units as u2', 'u2.id', 'u1.parent_id')
    .leftJoin('units as u3', 'u3.id', 'u2.parent_id')
    .select(['u0.id as id', 'u0.level as level', 'u0.name as name', 'u1.id as p1', 'u2.id as p2', 'u3.id as p3'])
    .where('u0.id', '=', v.unitId),
)

export async function unitWithChain(db: Q, unitId: number): Promise<UnitWithChain | null> {
  const row = await withChain.first(db, { unitId })
  if (!row) return null
  const chain = [row.id, row.p1, row.p2, row.p3].filter((id): id is number => id !== null)
  return { id: row.id, level: row.level, name: row.name, chain }
}

/** A unit and its ancestors, nearest first. */
export async function unitChain(db: Q, unitId: number): Promise<UnitChain | null> {
  return (await unitWithChain(db, unitId))?.chain ?? null
}

export function toUnit(row: Selectable<Database['units']>): Unit {
  return {
    id: row.id,
    parentId: row.parent_id,
    level: row.level,
    name: row.name,
    housingType: row.housing_type as Unit['housingType'],
    households: row.households,
    ...(row.level === 'neighbourhood' ? { contact: row.contact } : {}),
  }
}

/** A child of `parentId` whose name matches `name` (as names match, see nameKey), other than `except`. */
export async function siblingNamed(db: Q, parentId: number, name: string, except?: number): Promise<boolean> {
  const rows = await db.selectFrom('units').select(['id', 'name']).where('parent_id', '=', parentId).execute()
  return rows.some((r) => r.id !== except && nameKey(r.name) === nameKey(name))
}

/** Households (distinct 楼组 + room) with an approved residence, per 楼组 (of every 楼组, or of those given). */
export async function verifiedHouseholdsByBuilding(db: Q, buildingIds?: readonly number[]): Promise<Map<number, number>> {
  if (buildingIds?.length === 0) return new Map()
  let q = db
    .selectFrom('residences')
    .select(['building_id', sql<number>`count(distinct room)`.as('n')])
    .where('status', '=', 'approved')
  if (buildingIds) q = q.where('building_id', 'in', buildingIds)
  const rows = await q.groupBy('building_id').execute()
  return new Map(rows.map((r) => [r.building_id, Number(r.n)]))
}

/** The whole tree, with households and verified households summed up every level. */
export async function unitTree(db: Q): Promise<{ units: UnitNode[] }> {
  const [rows, verified] = await Promise.all([
    db.selectFrom('units').selectAll().orderBy('id').execute(),
    verifiedHouseholdsByBuilding(db),
  ])
  const nodes = new Map<number, UnitNode>()
  for (const r of rows) nodes.set(r.id, { ...toUnit(r), children: [], verifiedHouseholds: verified.get(r.id) ?? 0 })
  const roots: UnitNode[] = []
  for (const n of nodes.values()) {
    const parent = n.parentId === null ? undefined : nodes.get(n.parentId)
    if (parent) parent.children.push(n)
    else roots.push(n)
  }
  // Parents' counts are the sums of their children's, where the children carry any.
  const total = (n: UnitNode): void => {
    if (n.children.length === 0) return
    n.children.forEach(total)
    n.households = n.children.reduce((s, c) => s + c.households, 0)
    n.verifiedHouseholds = n.children.reduce((s, c) => s + c.verifiedHouseholds, 0)
  }
  roots.forEach(total)
  return { units: roots }
}

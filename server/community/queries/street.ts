// A 街镇's units and what refers to them, as the import plan needs them.
import type { Kysely } from 'kysely'
import type { ImportPlan, ImportRow } from '../../../types'
import type { Database } from '../../db/schema'
import { planImport, type TreeUnit, type UnitUse } from '../rules'

type Q = Kysely<Database>

/** The 街镇 and every unit under it, parents before children. */
export async function streetUnits(db: Q, streetId: number): Promise<TreeUnit[]> {
  const out: TreeUnit[] = []
  const street = await db.selectFrom('units').selectAll().where('id', '=', streetId).where('level', '=', 'street').executeTakeFirst()
  if (!street) return out
  for (let level = [street]; level.length > 0; ) {
    out.push(...level.map((u) => ({ id: u.id, parentId: u.parent_id, level: u.level, name: u.name, housingType: u.housing_type, households: u.households })))
    const parents = level.map((u) => u.id)
    level = await db.selectFrom('units').selectAll().where('parent_id', 'in', parents).orderBy('id').execute()
  }
  return out
}

// Every column that refers to a unit, by table: a unit any of them names is kept. A table that starts
// referring to units must be added here (__tests__/community/unit-references.test.ts checks it against
// the database's foreign keys), or deleting a unit it names would fail.
export const RESIDENT_REFS = [['residences', 'building_id']] as const
export const PROPOSAL_REFS = [
  ['proposals', 'unit_id'],
  ['proposals', 'building_id'],
  ['proposals', 'estate_id'],
  ['proposals', 'neighbourhood_id'],
  ['proposals', 'author_building_id'],
  ['proposals', 'street_id'],
] as const
export const OTHER_REFS = [
  ['role_grants', 'unit_id'],
  ['moderation_log', 'unit_id'],
  ['proposal_cosigns', 'building_id'],
  ['proposal_votes', 'building_id'],
  ['proposal_settings', 'neighbourhood_id'],
  ['topics', 'unit_id'],
  ['topics', 'neighbourhood_id'],
  ['user_mutes', 'neighbourhood_id'],
  ['discussion_settings', 'neighbourhood_id'],
  ['surveys', 'unit_id'],
  ['surveys', 'neighbourhood_id'],
  ['survey_responses', 'unit_id'],
  ['indicator_inputs', 'unit_id'],
  ['invitations', 'unit_id'],
  // Whose committee screens an upload.
  ['media', 'neighbourhood_id'],
  ['media', 'street_id'],
  // 居务公开: what the 居委会 published, was asked and appointed stays with its 居民区.
  ['affairs_entries', 'neighbourhood_id'],
  ['affairs_questions', 'neighbourhood_id'],
  ['affairs_supervisors', 'neighbourhood_id'],
] as const

async function referred(db: Q, ids: number[], refs: readonly (readonly [string, string])[]): Promise<Set<number>> {
  const found = new Set<number>()
  for (const [table, column] of refs) {
    // Table and column names come from the lists above, never from a request.
    const rows = await (db as unknown as Kysely<Record<string, Record<string, number>>>)
      .selectFrom(table)
      .select(`${column} as id`)
      .distinct()
      .where(column, 'in', ids)
      .execute()
    for (const r of rows) found.add(Number(r.id))
  }
  return found
}

/** What refers to each of the units (only those referred to are in the map). */
export async function unitUse(db: Q, ids: number[]): Promise<Map<number, UnitUse>> {
  const out = new Map<number, UnitUse>()
  if (ids.length === 0) return out
  const [residents, proposals, other] = await Promise.all([referred(db, ids, RESIDENT_REFS), referred(db, ids, PROPOSAL_REFS), referred(db, ids, OTHER_REFS)])
  for (const id of new Set([...residents, ...proposals, ...other])) {
    out.set(id, { residents: residents.has(id), proposals: proposals.has(id), other: other.has(id) })
  }
  return out
}

/** What importing `rows` into the 街镇 would change as the database stands; null if there is no such 街镇. */
export async function streetPlan(db: Q, streetId: number, rows: ImportRow[]): Promise<{ plan: ImportPlan; units: TreeUnit[] } | null> {
  const units = await streetUnits(db, streetId)
  if (units.length === 0) return null
  const use = await unitUse(db, units.slice(1).map((u) => u.id))
  return { plan: planImport(streetId, units, use, rows), units }
}

// The history of household counts: every change is recorded, so a past period is read with the counts
// that held then (rates and survey weights divide by them).
import type { Kysely } from 'kysely'
import type { Trx } from '../core/db'
import type { Database } from '../db/schema'

/** Records a unit's count from `at` on; the caller writes units.households in the same transaction. */
export async function recordHouseholds(trx: Trx | Kysely<Database>, unitId: number, households: number, at: Date): Promise<void> {
  await trx.insertInto('unit_households').values({ unit_id: unitId, households, valid_from: at.toISOString() }).execute()
}

/**
 * Each unit's household count at an instant (ISO text or Date): the last count recorded at or before it.
 * Before a unit's first record, its first count stands (the best known of that time); a unit without any
 * record keeps its current count.
 */
export async function householdsAt(db: Kysely<Database>, unitIds: readonly number[], instant: string | Date): Promise<Map<number, number>> {
  if (unitIds.length === 0) return new Map()
  const at = typeof instant === 'string' ? instant : instant.toISOString()
  const [history, current] = await Promise.all([
    db
      .selectFrom('unit_households')
      .select(['unit_id', 'households', 'valid_from'])
      .where('unit_id', 'in', unitIds)
      .orderBy('unit_id')
      .orderBy('valid_from')
      .orderBy('id')
      .execute(),
    db.selectFrom('units').select(['id', 'households']).where('id', 'in', unitIds).execute(),
  ])
  const out = new Map(current.map((u) => [u.id, u.households]))
  const seen = new Set<number>()
  for (const h of history) {
    if (!seen.has(h.unit_id) || h.valid_from <= at) out.set(h.unit_id, h.households)
    seen.add(h.unit_id)
  }
  return out
}

// What residents' verification shows about a period, for the index's platform evidence.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** Households (楼组 and room) of the 楼组 with a resident verified before `until` (a UTC instant). */
export async function verifiedHouseholdsBefore(db: Kysely<Database>, buildingIds: number[], until: string): Promise<number> {
  if (buildingIds.length === 0) return 0
  const row = await db
    .selectFrom(
      db
        .selectFrom('residences')
        .select(['building_id', 'room'])
        .where('status', '=', 'approved')
        .where('reviewed_at', '<', until)
        .where('building_id', 'in', buildingIds)
        .groupBy(['building_id', 'room'])
        .as('h'),
    )
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

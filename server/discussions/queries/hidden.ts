// What a resident not yet verified is missing in the 议事厅: the open topics they will read once verified.
import { sql } from 'kysely'
import type { Context } from '../context'
import { readableNeighbourhoods } from './topics'

/**
 * Open topics of a 居民区 (the one the caller asked to live in, or every 居民区 when they have not said)
 * that the caller cannot read yet. Counted, never listed: the topics themselves stay for its residents.
 */
export async function countHiddenTopics({ db, principal, now }: Context, neighbourhoodId?: number): Promise<{ open: number }> {
  const { staff, resident } = await readableNeighbourhoods(db, principal)
  const readable = [...staff, ...resident]
  let query = db
    .selectFrom('topics as t')
    .select(sql<number>`count(*)`.as('n'))
    .where('t.state', '=', 'open')
    .where('t.pending', '=', 0)
    .where((eb) => eb.or([eb('t.closes_at', 'is', null), eb('t.closes_at', '>', now.toISOString())]))
  if (neighbourhoodId !== undefined) query = query.where('t.neighbourhood_id', '=', neighbourhoodId)
  if (readable.length) query = query.where('t.neighbourhood_id', 'not in', readable)
  const row = await query.executeTakeFirstOrThrow()
  return { open: Number(row.n) }
}

// What a 居民区's 议事厅 shows about a period, for the index's platform evidence: counts only.
import { sql, type Kysely } from 'kysely'
import type { PeriodWindow } from '../../types/period'
import type { Database } from '../db/schema'

export interface DiscussionEvidence {
  /** Topics open at some time in the period. */
  total: number
  /** How many unit levels (楼组, 小区, 居民区) they were opened at. */
  levels: number
  /** Topics with a resident's published post in the period. */
  withPosts: number
  /** Topics concluded with minutes (a summary) in the period. */
  concluded: number
  /** Posts published in those topics in the period. */
  posts: number
}

export async function discussionEvidence(db: Kysely<Database>, neighbourhoodId: number, w: PeriodWindow): Promise<DiscussionEvidence> {
  const rows = await db
    .selectFrom('topics as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 'u.level', 't.summary', 't.concluded_at'])
    .where('t.neighbourhood_id', '=', neighbourhoodId)
    .where('t.pending', '=', 0)
    .where('t.created_at', '<', w.to)
    .where((eb) => eb.or([eb('t.concluded_at', 'is', null), eb('t.concluded_at', '>=', w.from)]))
    .execute()
  const withPosts = rows.length
    ? await db
        .selectFrom('posts')
        .select([sql<number>`count(distinct topic_id)`.as('n'), sql<number>`count(*)`.as('posts')])
        .where(
          'topic_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('status', '=', 'published')
        .where('created_at', '>=', w.from)
        .where('created_at', '<', w.to)
        .executeTakeFirstOrThrow()
    : { n: 0, posts: 0 }
  const concluded = rows.filter((r) => r.summary && r.concluded_at && r.concluded_at >= w.from && r.concluded_at < w.to).length
  return { total: rows.length, levels: new Set(rows.map((r) => r.level)).size, withPosts: Number(withPosts.n), concluded, posts: Number(withPosts.posts) }
}

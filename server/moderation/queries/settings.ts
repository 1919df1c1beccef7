import type { Kysely } from 'kysely'
import type { DiscussionSettings } from '../../../types'
import type { Context } from '../../discussions'
import type { Database } from '../../db/schema'
import { DEFAULT_REPORT_THRESHOLD } from '../rules'
import { staffNeighbourhoods } from './scope'

/** How many residents' reports hide a post in the 居民区. */
export async function reportThreshold(q: Kysely<Database>, neighbourhoodId: number): Promise<number> {
  const row = await q.selectFrom('discussion_settings').select('report_threshold').where('neighbourhood_id', '=', neighbourhoodId).executeTakeFirst()
  return row?.report_threshold ?? DEFAULT_REPORT_THRESHOLD
}

/** The settings of each 居民区 the caller serves (defaults where none were saved). */
export async function listSettings(ctx: Context, unitId: number | undefined): Promise<{ items: DiscussionSettings[] }> {
  const nbs = await staffNeighbourhoods(ctx, unitId)
  const rows = nbs.length ? await ctx.db.selectFrom('discussion_settings').selectAll().where('neighbourhood_id', 'in', nbs).execute() : []
  const by = new Map(rows.map((r) => [r.neighbourhood_id, r.report_threshold]))
  return { items: nbs.map((id) => ({ neighbourhoodId: id, reportThreshold: by.get(id) ?? DEFAULT_REPORT_THRESHOLD })) }
}

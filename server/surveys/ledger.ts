// The surveys a 居民区 closed in a period with their counted answers and the households they asked, for
// the 台账's response rates (server/reports divides).
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { paperCounts } from './queries/paper'
import { buildingsUnder } from './queries/units'

export interface ClosedSurveyFacts {
  surveyId: number
  title: string
  closedAt: string
  /** Counted answers: in the app, and paper ones whose batch was checked. */
  responses: number
  /** Households of the surveyed unit when it closed. */
  households: number
}

export async function closedSurveyFacts(db: Kysely<Database>, neighbourhoodId: number, w: { from: string; to: string }): Promise<ClosedSurveyFacts[]> {
  const rows = await db
    .selectFrom('surveys')
    .select(['id', 'title', 'unit_id', 'closed_at'])
    .where('neighbourhood_id', '=', neighbourhoodId)
    .where('state', '=', 'closed')
    .where('closed_at', '>=', w.from)
    .where('closed_at', '<', w.to)
    .orderBy('closed_at')
    .orderBy('id')
    .execute()
  return Promise.all(
    rows.map(async (r) => {
      const [counts, buildings] = await Promise.all([paperCounts(db, r.id), buildingsUnder(db, r.unit_id, r.closed_at!)])
      return { surveyId: r.id, title: r.title, closedAt: r.closed_at!, responses: counts.total, households: buildings.reduce((s, b) => s + b.households, 0) }
    }),
  )
}

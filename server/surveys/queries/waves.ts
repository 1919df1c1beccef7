// Closed questionnaire waves of a 居民区, as the index reads them: the surveys and their scores.
import type { Kysely } from 'kysely'
import type { InstrumentId } from '../../../types/scoring'
import type { Database } from '../../db/schema'
import { paperCounts, type PaperCounts } from './paper'
import { surveyFigures, type KeptScore } from './results'
import type { SurveyRow } from './surveys'
import { withHouseholdsAt, type BuildingInfo } from './units'

type Q = Kysely<Database>

/** Closed surveys aimed at the 居民区 itself with index questionnaires, latest first. */
export async function closedWaves(db: Q, neighbourhoodId: number, opts: { closedIn?: { from: string; to: string }; limit?: number } = {}): Promise<SurveyRow[]> {
  let query = db
    .selectFrom('surveys')
    .selectAll()
    .where('unit_id', '=', neighbourhoodId)
    .where('state', '=', 'closed')
    .where('instruments', '!=', '[]')
  if (opts.closedIn) query = query.where('closed_at', '>=', opts.closedIn.from).where('closed_at', '<', opts.closedIn.to)
  query = query.orderBy('closed_at', 'desc').orderBy('id', 'desc')
  if (opts.limit !== undefined) query = query.limit(opts.limit)
  return query.execute()
}

export interface WaveFigures {
  /** The scoring library's score of each instrument the wave carries, weighted by the households when it closed. */
  scores: Map<InstrumentId, KeptScore>
  paper: PaperCounts
}

export async function waveFigures(db: Q, row: SurveyRow, buildings: BuildingInfo[]): Promise<WaveFigures> {
  const weighted = row.closed_at ? await withHouseholdsAt(db, buildings, row.closed_at) : buildings
  const figures = await surveyFigures(db, row, weighted)
  return { scores: new Map(figures.scores), paper: await paperCounts(db, row.id, figures.counted) }
}

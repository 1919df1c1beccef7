// Paper questionnaires: the batches staff typed in, how many more each 楼组 can take, and how much of
// a wave came on paper from the 居委会 (which the index holds back until the 街镇 confirms it).
import { sql, type Kysely, type Selectable } from 'kysely'
import type { PaperBatch, PaperBatchList, PaperStanding } from '../../../types'
import type { Database } from '../../db/schema'
import type { Reader } from '../context'
import { paperHoldReason, share } from '../rules'
import { responseCounts, surveyToManage } from './surveys'
import type { BuildingInfo } from './units'

type Q = Kysely<Database>
export type BatchRow = Selectable<Database['survey_paper_batches']>

export const presentBatch = (b: BatchRow): PaperBatch => ({
  id: b.id,
  surveyId: b.survey_id,
  count: b.count,
  byStreet: b.by_street === 1,
  enteredBy: b.entered_by,
  enteredAt: b.entered_at,
  checkedBy: b.checked_by,
  checkedAt: b.checked_at,
})

/** GET /api/surveys/:id/paper-batches: the survey's batches, newest first (staff). */
export async function listPaperBatches(r: Reader, id: number): Promise<PaperBatchList> {
  const { row } = await surveyToManage(r, id)
  const rows = await r.db.selectFrom('survey_paper_batches').selectAll().where('survey_id', '=', row.id).orderBy('id', 'desc').execute()
  return { items: rows.map(presentBatch) }
}

export interface PaperRoom {
  households: number
  /** Households with a resident who answered in the app. */
  online: number
  /** Paper questionnaires already entered for the 楼组, checked or not. */
  paper: number
}

/** Per 楼组 of `buildings`: its households, those answered online and the paper entries made. */
export async function paperRooms(db: Q, surveyId: number, buildings: BuildingInfo[]): Promise<Map<number, PaperRoom>> {
  const ids = buildings.map((b) => b.id)
  const [online, batches] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .selectFrom('survey_participation as p')
          .innerJoin('residences as r', 'r.user_id', 'p.user_id')
          .select(['r.building_id', sql<number>`count(distinct r.room)`.as('n')])
          .where('p.survey_id', '=', surveyId)
          .where('r.status', '=', 'approved')
          .where('r.building_id', 'in', ids)
          .groupBy('r.building_id')
          .execute(),
    db.selectFrom('survey_paper_batches').select('building_counts').where('survey_id', '=', surveyId).execute(),
  ])
  const onlineBy = new Map(online.map((o) => [o.building_id, Number(o.n)]))
  const paperBy = new Map<number, number>()
  for (const b of batches) {
    for (const [id, n] of Object.entries(JSON.parse(b.building_counts) as Record<string, number>)) paperBy.set(Number(id), (paperBy.get(Number(id)) ?? 0) + n)
  }
  return new Map(buildings.map((b) => [b.id, { households: b.households, online: onlineBy.get(b.id) ?? 0, paper: paperBy.get(b.id) ?? 0 }]))
}

export interface PaperCounts {
  total: number
  app: number
  paper: number
  standing: PaperStanding
}

export interface ChannelCounts {
  app: number
  paper: number
}

/**
 * The counted answers of a survey and its paper standing. Paper answers count only once their batch
 * is checked; those not typed in by the 街镇 (including any from before batches existed) are the 居委会's.
 * `counted`: the answers per channel when already known (a closed survey's kept figures carry them).
 */
export async function paperCounts(db: Q, surveyId: number, counted?: ChannelCounts): Promise<PaperCounts> {
  const [counts, batches, confirmation] = await Promise.all([
    counted ? new Map([[surveyId, counted]]) : responseCounts(db, [surveyId]),
    db
      .selectFrom('survey_paper_batches')
      .select(['count', 'by_street', 'checked_at'])
      .where('survey_id', '=', surveyId)
      .execute(),
    db.selectFrom('survey_paper_confirmations').select('confirmed_at').where('survey_id', '=', surveyId).executeTakeFirst(),
  ])
  const { app, paper } = counts.get(surveyId) ?? { app: 0, paper: 0 }
  const total = app + paper
  const sum = (keep: (b: (typeof batches)[number]) => boolean) => batches.filter(keep).reduce((s, b) => s + b.count, 0)
  const committeePaper = Math.max(0, paper - sum((b) => b.checked_at !== null && b.by_street === 1))
  return {
    total,
    app,
    paper,
    standing: {
      paperShare: share(paper, total),
      committeePaperShare: share(committeePaper, total),
      uncheckedPaper: sum((b) => b.checked_at === null),
      confirmedAt: confirmation?.confirmed_at ?? null,
      heldReason: paperHoldReason({ total, committeePaper, confirmed: confirmation !== undefined }),
    },
  }
}

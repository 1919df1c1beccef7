// What the surveys of a 居民区 show about a period, for the index's platform evidence.
import { sql, type Kysely } from 'kysely'
import type { PeriodWindow } from '../../types/period'
import type { Database } from '../db/schema'

export interface SurveyEvidence {
  /** Surveys running in the period that received answers in the app. */
  online: number
  /** Of those, the ones that also received paper questionnaires. */
  bothChannels: number
  /** Surveys closed in the period whose results the committee answered with a response note. */
  noted: number
}

export async function surveyEvidence(db: Kysely<Database>, neighbourhoodId: number, w: PeriodWindow): Promise<SurveyEvidence> {
  const [channels, noted] = await Promise.all([
    db
      .selectFrom('surveys as s')
      .innerJoin('survey_responses as r', 'r.survey_id', 's.id')
      .select(['s.id', 'r.channel'])
      .where('s.neighbourhood_id', '=', neighbourhoodId)
      .where('s.published_at', '<', w.to)
      .where((eb) => eb.or([eb('s.closed_at', 'is', null), eb('s.closed_at', '>=', w.from)]))
      .groupBy(['s.id', 'r.channel'])
      .execute(),
    db
      .selectFrom('surveys')
      .select(sql<number>`count(*)`.as('n'))
      .where('neighbourhood_id', '=', neighbourhoodId)
      .where('response_note_at', 'is not', null)
      .where('closed_at', '>=', w.from)
      .where('closed_at', '<', w.to)
      .executeTakeFirstOrThrow(),
  ])
  const online = new Set(channels.filter((r) => r.channel === 'app').map((r) => r.id))
  const paper = new Set(channels.filter((r) => r.channel === 'paper').map((r) => r.id))
  return { online: online.size, bothChannels: [...online].filter((id) => paper.has(id)).length, noted: Number(noted.n) }
}

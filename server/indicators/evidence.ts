// What the platform's own records say about the index items it can back (indicators.md note 3), for a
// 居民区 and a period. The platform only ever asserts what it has seen: with no record, an item is
// left missing (for an admin to fill in), never scored "no".
import { sql, type Kysely } from 'kysely'
import type { PlatformProvenance } from '../../types'
import type { ChecklistInput } from '../../types/scoring'
import type { Database } from '../db/schema'
import type { BuildingInfo } from '../surveys/store'

type Q = Kysely<Database>

export interface PeriodWindow {
  /** UTC ISO instants, [from, to). */
  from: string
  to: string
  /** Shanghai dates, inclusive. */
  start: string
  end: string
}

/** Platform evidence keyed by leaf id (or `leafId.partId` for a part of a sum). */
export type Evidence = Map<string, PlatformProvenance>

/** A module whose tables are not migrated yet has no records: no evidence, not an error. */
async function orNull<T>(query: () => Promise<T>): Promise<T | null> {
  try {
    return await query()
  } catch (err) {
    if (/no such table|does not exist/i.test(String((err as Error)?.message))) return null
    throw err
  }
}

const count = (row: { n: number | string | bigint } | undefined): number => Number(row?.n ?? 0)

export async function platformEvidence(db: Q, neighbourhoodId: number, buildings: BuildingInfo[], w: PeriodWindow): Promise<Evidence> {
  const evidence: Evidence = new Map()
  const buildingIds = buildings.map((b) => b.id)
  const n = sql<number>`count(*)`.as('n')

  // 线上阵地: households with a verified resident (approved by the end of the period) / all households.
  const households = buildings.reduce((s, b) => s + b.households, 0)
  if (buildingIds.length && households > 0) {
    const verified = await db
      .selectFrom(
        db
          .selectFrom('residences')
          .select(['building_id', 'room'])
          .where('status', '=', 'approved')
          .where('reviewed_at', '<', w.to)
          .where('building_id', 'in', buildingIds)
          .groupBy(['building_id', 'room'])
          .as('h'),
      )
      .select(n)
      .executeTakeFirst()
    const v = count(verified)
    if (v > 0) {
      evidence.set('online_venue', {
        value: Math.min(1, v / households),
        detail: `本应用已认证住户 ${v} 户 / 总户数 ${households} 户（截至 ${w.end}）`,
      })
    }
  }

  // Surveys of the 居民区 running during the period, by channel.
  const surveyRows = await db
    .selectFrom('surveys as s')
    .innerJoin('survey_responses as r', 'r.survey_id', 's.id')
    .select(['s.id', 'r.channel', n])
    .where('s.neighbourhood_id', '=', neighbourhoodId)
    .where('s.published_at', '<', w.to)
    .where((eb) => eb.or([eb('s.closed_at', 'is', null), eb('s.closed_at', '>=', w.from)]))
    .groupBy(['s.id', 'r.channel'])
    .execute()
  const onlineSurveys = new Set(surveyRows.filter((r) => r.channel === 'app').map((r) => r.id))
  const paperSurveys = new Set(surveyRows.filter((r) => r.channel === 'paper').map((r) => r.id))
  const bothChannels = [...onlineSurveys].filter((id) => paperSurveys.has(id)).length

  // Proposals raised and accepted, implementation progress, residents' evaluations, meetings.
  const proposals = await orNull(async () => {
    const [raised, accepted, progress, comments, evaluations, meetings] = await Promise.all([
      db
        .selectFrom('proposals')
        .select(n)
        .where('neighbourhood_id', '=', neighbourhoodId)
        .where('created_at', '>=', w.from)
        .where('created_at', '<', w.to)
        .executeTakeFirst(),
      db
        .selectFrom('proposal_transitions as t')
        .innerJoin('proposals as p', 'p.id', 't.proposal_id')
        .select(n)
        .where('p.neighbourhood_id', '=', neighbourhoodId)
        .where('t.to_state', '=', 'accepted')
        .where('t.created_at', '>=', w.from)
        .where('t.created_at', '<', w.to)
        .executeTakeFirst(),
      db
        .selectFrom('proposal_progress as g')
        .innerJoin('proposals as p', 'p.id', 'g.proposal_id')
        .select(n)
        .where('p.neighbourhood_id', '=', neighbourhoodId)
        .where('g.created_at', '>=', w.from)
        .where('g.created_at', '<', w.to)
        .executeTakeFirst(),
      db
        .selectFrom('proposal_progress_comments as c')
        .innerJoin('proposals as p', 'p.id', 'c.proposal_id')
        .select(n)
        .where('p.neighbourhood_id', '=', neighbourhoodId)
        .where('c.created_at', '>=', w.from)
        .where('c.created_at', '<', w.to)
        .executeTakeFirst(),
      db
        .selectFrom('proposal_evaluations as e')
        .innerJoin('proposals as p', 'p.id', 'e.proposal_id')
        .select(n)
        .where('p.neighbourhood_id', '=', neighbourhoodId)
        .where('e.created_at', '>=', w.from)
        .where('e.created_at', '<', w.to)
        .executeTakeFirst(),
      db
        .selectFrom('proposal_meetings as m')
        .innerJoin('proposals as p', 'p.id', 'm.proposal_id')
        .select(n)
        .where('p.neighbourhood_id', '=', neighbourhoodId)
        .where('m.kind', 'in', ['hearing', 'coordination', 'evaluation'])
        .where('m.held_on', '>=', w.start)
        .where('m.held_on', '<=', w.end)
        .executeTakeFirst(),
    ])
    return {
      raised: count(raised),
      accepted: count(accepted),
      progress: count(progress),
      comments: count(comments),
      evaluations: count(evaluations),
      meetings: count(meetings),
    }
  })

  // 议事厅: topics active in the period, at which levels, with how many concluded with minutes.
  const topics = await orNull(async () => {
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
      ? count(
          await db
            .selectFrom('posts')
            .select(sql<number>`count(distinct topic_id)`.as('n'))
            .where(
              'topic_id',
              'in',
              rows.map((r) => r.id),
            )
            .where('status', '=', 'published')
            .where('created_at', '>=', w.from)
            .where('created_at', '<', w.to)
            .executeTakeFirst(),
        )
      : 0
    const concluded = rows.filter((r) => r.summary && r.concluded_at && r.concluded_at >= w.from && r.concluded_at < w.to).length
    return { total: rows.length, levels: new Set(rows.map((r) => r.level)).size, withPosts, concluded }
  })

  // Needs surveys online and on paper (需求调研机制) and the online channels (线上需求调研).
  if (bothChannels > 0) {
    evidence.set('needs_survey_mechanism', {
      value: { online_offline: true },
      detail: `本期 ${bothChannels} 份问卷同时收集了线上回答和纸质问卷`,
    })
  }
  const channels: string[] = []
  if (onlineSurveys.size > 0) channels.push(`电子问卷（本期 ${onlineSurveys.size} 份问卷收到线上回答）`)
  if (proposals && proposals.raised > 0) channels.push(`小程序（本期居民提出 ${proposals.raised} 件提案）`)
  if (channels.length > 0) evidence.set('online_needs_survey', { value: channels.length, detail: `本应用：${channels.join('；')}` })

  if (proposals) {
    if (proposals.accepted > 0) {
      evidence.set('proposal_mechanism', {
        value: { proposals: true },
        detail: `本期居民提案 ${proposals.raised} 件，立项 ${proposals.accepted} 件`,
      })
    }
    if (proposals.progress > 0) {
      evidence.set('supervision_mechanism', {
        value: { supervision: true },
        detail: `本期公开实施进展 ${proposals.progress} 次，居民跟帖 ${proposals.comments} 条`,
      })
    }
  }
  const notedSurveys = count(
    await db
      .selectFrom('surveys')
      .select(n)
      .where('neighbourhood_id', '=', neighbourhoodId)
      .where('response_note_at', 'is not', null)
      .where('closed_at', '>=', w.from)
      .where('closed_at', '<', w.to)
      .executeTakeFirst(),
  )
  const evaluations = proposals?.evaluations ?? 0
  if (evaluations > 0 || notedSurveys > 0) {
    evidence.set('evaluation_mechanism', {
      value: { evaluation: true },
      detail: `本期居民对提案成效评价 ${evaluations} 次；问卷结果公开并反馈整改 ${notedSurveys} 次`,
    })
  }

  if (topics && topics.concluded > 0 && topics.levels >= 2) {
    evidence.set('consultation_mechanism', {
      value: { tiered: true },
      detail: `本期议事厅议题 ${topics.total} 个，分布在 ${topics.levels} 个层级（楼组、小区、居民区），形成议事纪要 ${topics.concluded} 份`,
    })
  }
  const hall: ChecklistInput = {}
  const hallDetail: string[] = []
  if (topics && topics.withPosts > 0) {
    hall.online_hall = true
    hallDetail.push(`议事厅本期 ${topics.withPosts} 个议题有居民发言`)
  }
  if (proposals && proposals.meetings > 0) {
    hall.three_meetings = true
    hallDetail.push(`记录听证会、协调会、评议会 ${proposals.meetings} 次`)
  }
  if (topics && topics.concluded > 0) {
    hall.open_process = true
    hallDetail.push(`公开议事纪要 ${topics.concluded} 份`)
  }
  if (hallDetail.length > 0) evidence.set('consultation_platform.platform_evidence', { value: hall, detail: hallDetail.join('；') })
  return evidence
}

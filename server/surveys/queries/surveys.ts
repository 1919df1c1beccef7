// Reading surveys: one survey for a caller (with the policy's refusal), lists, templates, and the
// presenters. Every read of survey_responses is ordered by its random key (or aggregated), never by
// insertion: the order rows come back in must say nothing about who came when.
import { sql, type Kysely, type Selectable } from 'kysely'
import type { InstrumentId } from '../../../types/scoring'
import type { SurveyDetail, SurveyListItem, SurveyQuestion, SurveyState, SurveyTemplate } from '../../../types'
import { can, isStaffFor, type Principal } from '../../accounts'
import { unitChain } from '../../community'
import type { Database } from '../../db/schema'
import { compiled } from '../../core/compiled'
import { notFound, type AppError } from '../../core/errors'
import { MAX_ID } from '../../core/schema'
import type { Reader } from '../context'
import { isSurveyStaff, manageRefusal, readRefusal, type SurveyTarget } from '../policy'
import { estimatedMinutes, surveyStatus, TEMPLATE_IDS, templateFor } from '../rules'
import { staffNeighbourhoods, unitInfo, type UnitInfo } from './units'

type Q = Kysely<Database>
export type SurveyRow = Selectable<Database['surveys']>

const surveyById = compiled((db: Q, v: { id: number }) => db.selectFrom('surveys').selectAll().where('id', '=', v.id))

export async function getSurvey(db: Q, id: number): Promise<SurveyRow> {
  const row = await surveyById.first(db, { id })
  if (!row) throw notFound('问卷')
  return row
}

export const questionsOf = (row: Pick<SurveyRow, 'questions'>): SurveyQuestion[] => JSON.parse(row.questions)
export const instrumentsOf = (row: Pick<SurveyRow, 'instruments'>): InstrumentId[] => JSON.parse(row.instruments)

export const responseNote = (row: SurveyRow) =>
  row.response_note && row.response_note_at ? { text: row.response_note, publishedAt: row.response_note_at } : null

export interface LoadedSurvey {
  row: SurveyRow
  unit: UnitInfo
  target: SurveyTarget
  staff: boolean
}

/** A survey, its unit and what the policy needs to judge it. */
export async function loadSurvey(db: Q, id: number, state?: SurveyState): Promise<Omit<LoadedSurvey, 'staff'>> {
  const row = await getSurvey(db, id)
  const unit = (await unitInfo(db, row.unit_id))!
  return { row, unit, target: { state: state ?? row.state, chain: unit.chain, unitName: unit.name } }
}

/** The survey for a caller who may read it (or manage it), else the policy's refusal. */
export async function surveyFor(r: Reader, id: number, refusal: typeof readRefusal = readRefusal): Promise<LoadedSurvey> {
  const loaded = await loadSurvey(r.db, id)
  const refused: AppError | null = refusal(r.principal, loaded.target)
  if (refused) throw refused
  return { ...loaded, staff: isSurveyStaff(r.principal, loaded.target) }
}

export const surveyToManage = (r: Reader, id: number) => surveyFor(r, id, manageRefusal)

export async function responseCounts(db: Q, surveyIds: number[]): Promise<Map<number, { app: number; paper: number }>> {
  const out = new Map<number, { app: number; paper: number }>()
  if (surveyIds.length === 0) return out
  const rows = await db
    .selectFrom('survey_responses')
    .select(['survey_id', 'channel', sql<number>`count(*)`.as('n')])
    .where('survey_id', 'in', surveyIds)
    .groupBy(['survey_id', 'channel'])
    .execute()
  for (const r of rows) {
    const c = out.get(r.survey_id) ?? { app: 0, paper: 0 }
    c[r.channel] = Number(r.n)
    out.set(r.survey_id, c)
  }
  return out
}

/** The surveys among `surveyIds` the user has answered (their own participation only). */
export async function answeredBy(db: Q, userId: number, surveyIds: number[]): Promise<Set<number>> {
  if (surveyIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('survey_participation')
    .select('survey_id')
    .where('user_id', '=', userId)
    .where('survey_id', 'in', surveyIds)
    .execute()
  return new Set(rows.map((r) => r.survey_id))
}

/** List items for the caller: their own answered flag, counts for the committee only. */
export async function presentSurveys(db: Q, rows: SurveyRow[], principal: Principal, now: Date): Promise<SurveyListItem[]> {
  const unitIds = [...new Set(rows.map((r) => r.unit_id))]
  const [units, chains, answered] = await Promise.all([
    unitIds.length ? db.selectFrom('units').select(['id', 'name', 'level']).where('id', 'in', unitIds).execute() : [],
    Promise.all(unitIds.map(async (id) => [id, (await unitChain(db, id)) ?? [id]] as const)),
    answeredBy(
      db,
      principal.userId,
      rows.map((r) => r.id),
    ),
  ])
  const unitById = new Map(units.map((u) => [u.id, u]))
  const chainById = new Map(chains)
  const staffIds = rows.filter((r) => isStaffFor(principal, chainById.get(r.unit_id)!)).map((r) => r.id)
  const counts = await responseCounts(db, staffIds)
  return rows.map((row) => {
    const chain = chainById.get(row.unit_id)!
    const status = surveyStatus(row, now)
    const questionCount = questionsOf(row).length
    const c = counts.get(row.id)
    const unit = unitById.get(row.unit_id)!
    return {
      id: row.id,
      title: row.title,
      unitId: row.unit_id,
      unitName: unit.name,
      unitLevel: unit.level,
      neighbourhoodId: row.neighbourhood_id,
      state: row.state,
      status,
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      closedAt: row.closed_at,
      instruments: instrumentsOf(row),
      questionCount,
      estimatedMinutes: estimatedMinutes(questionCount),
      canAnswer: status === 'open' && can(principal, 'surveys.answer', chain) && !answered.has(row.id),
      answered: answered.has(row.id),
      ...(staffIds.includes(row.id) ? { responseCount: (c?.app ?? 0) + (c?.paper ?? 0) } : {}),
    }
  })
}

export async function presentSurvey(db: Q, row: SurveyRow, principal: Principal, now: Date): Promise<SurveyDetail> {
  const [item] = await presentSurveys(db, [row], principal, now)
  const chain = (await unitChain(db, row.unit_id)) ?? [row.unit_id]
  return Object.assign(item, {
    intro: row.intro,
    questions: questionsOf(row),
    publishedAt: row.published_at,
    copiedFrom: row.copied_from,
    responseNote: responseNote(row),
    canManage: can(principal, 'surveys.manage', chain),
  })
}

/** A survey as the caller sees it, read in `db` (a command's transaction, to show what it wrote). */
export async function surveyDetail(r: Reader, id: number, db: Q = r.db): Promise<SurveyDetail> {
  return presentSurvey(db, await getSurvey(db, id), r.principal, r.clock())
}

/** GET /api/surveys/:id */
export async function readSurvey(r: Reader, id: number): Promise<SurveyDetail> {
  const { row } = await surveyFor(r, id)
  return presentSurvey(r.db, row, r.principal, r.clock())
}

/** The templates a survey starts from, for any signed-in caller (the reader is the proof). */
export const surveyTemplates = (_signedIn: Reader): { templates: SurveyTemplate[] } => ({ templates: TEMPLATE_IDS.map(templateFor) })

export interface ListFilter {
  /** '1'/'true': only surveys open now (首页). */
  open?: string
  unitId?: number
  state?: SurveyState
  /** The last id of the previous page. */
  cursor?: string
  limit?: number
}

/** The staff's surveys of their 居民区, and what is published for a unit a resident lives in. */
export async function listSurveys(r: Reader, f: ListFilter): Promise<{ items: SurveyListItem[]; nextCursor: string | null }> {
  const { db, principal } = r
  const now = r.clock()
  const limit = f.limit ?? 20
  const staffNbs = await staffNeighbourhoods(db, principal)
  // Residents see what is published for a unit they live in (楼组, 小区, 居民区).
  const home = principal.residence ? principal.residence.chain.slice(0, -1) : []
  if (staffNbs.length === 0 && home.length === 0) return { items: [], nextCursor: null }
  let query = db
    .selectFrom('surveys')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(staffNbs.length ? [eb('neighbourhood_id', 'in', staffNbs)] : []),
        ...(home.length ? [eb.and([eb('state', '!=', 'draft'), eb('unit_id', 'in', home)])] : []),
      ]),
    )
  if (f.unitId !== undefined) query = query.where((eb) => eb.or([eb('unit_id', '=', f.unitId!), eb('neighbourhood_id', '=', f.unitId!)]))
  if (f.state) query = query.where('state', '=', f.state)
  if (f.open === '1' || f.open === 'true') {
    const t = now.toISOString()
    query = query
      .where('state', '=', 'published')
      .where((eb) => eb.or([eb('opens_at', 'is', null), eb('opens_at', '<=', t)]))
      .where((eb) => eb.or([eb('closes_at', 'is', null), eb('closes_at', '>', t)]))
  }
  // A cursor past the largest id bounds nothing (and must not reach PostgreSQL as an out-of-range integer).
  if (f.cursor && Number(f.cursor) <= MAX_ID) query = query.where('id', '<', Number(f.cursor))
  const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute()
  const page = rows.slice(0, limit)
  return {
    items: await presentSurveys(db, page, principal, now),
    nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
  }
}

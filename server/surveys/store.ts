// Reading surveys and their answers. Every read of survey_responses is ordered by its random key (or
// aggregated), never by insertion: the order rows come back in must say nothing about who came when.
import { sql, type Kysely, type Selectable } from 'kysely'
import type { InstrumentId } from '../../types/scoring'
import type { HousingType, SurveyDetail, SurveyListItem, SurveyQuestion, UnitLevel } from '../../types'
import { can, isStaffFor, type Principal, type UnitChain } from '../accounts/permissions'
import { unitChain, verifiedHouseholdsByBuilding } from '../community/units'
import type { Database } from '../db/schema'
import { notFound } from '../core/errors'
import { estimatedMinutes, surveyStatus, type StoredAnswers } from './rules'

type Q = Kysely<Database>
export type SurveyRow = Selectable<Database['surveys']>

export interface UnitInfo {
  id: number
  name: string
  level: UnitLevel
  chain: UnitChain
}

export async function unitInfo(db: Q, unitId: number): Promise<UnitInfo | null> {
  const [unit, chain] = await Promise.all([
    db.selectFrom('units').select(['id', 'name', 'level']).where('id', '=', unitId).executeTakeFirst(),
    unitChain(db, unitId),
  ])
  return unit && chain ? { id: unit.id, name: unit.name, level: unit.level, chain } : null
}

/** The 居民区 of a chain ([楼组, 小区, 居民区, 街镇] or a tail of it). */
export const neighbourhoodOf = (chain: UnitChain): number => (chain.length >= 2 ? chain[chain.length - 2] : chain[0])

export interface BuildingInfo {
  id: number
  name: string
  estateName: string
  /** "梧桐新村3号楼" */
  label: string
  households: number
  housingType: HousingType | null
}

/** The 楼组 in or under a unit (a 楼组 itself, a 小区's or a 居民区's). */
export async function buildingsUnder(db: Q, unitId: number): Promise<BuildingInfo[]> {
  const rows = await db
    .selectFrom('units as b')
    .innerJoin('units as e', 'e.id', 'b.parent_id')
    .select(['b.id', 'b.name', 'b.households', 'e.name as estate_name', 'e.housing_type', 'e.parent_id as neighbourhood_id'])
    .where('b.level', '=', 'building')
    .where((eb) => eb.or([eb('b.id', '=', unitId), eb('e.id', '=', unitId), eb('e.parent_id', '=', unitId)]))
    .orderBy('b.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    estateName: r.estate_name,
    label: `${r.estate_name}${r.name}`,
    households: r.households,
    housingType: r.housing_type as HousingType | null,
  }))
}

export interface Eligible {
  verifiedResidents: number
  verifiedHouseholds: number
  households: number
}

export async function eligibleIn(db: Q, buildings: BuildingInfo[]): Promise<Eligible> {
  const ids = buildings.map((b) => b.id)
  if (ids.length === 0) return { verifiedResidents: 0, verifiedHouseholds: 0, households: 0 }
  const [residents, households] = await Promise.all([
    db
      .selectFrom('residences')
      .select(sql<number>`count(distinct user_id)`.as('n'))
      .where('status', '=', 'approved')
      .where('building_id', 'in', ids)
      .executeTakeFirstOrThrow(),
    verifiedHouseholdsByBuilding(db),
  ])
  return {
    verifiedResidents: Number(residents.n),
    verifiedHouseholds: ids.reduce((s, id) => s + (households.get(id) ?? 0), 0),
    households: buildings.reduce((s, b) => s + b.households, 0),
  }
}

export async function getSurvey(db: Q, id: number): Promise<SurveyRow> {
  const row = await db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('问卷')
  return row
}

export const questionsOf = (row: Pick<SurveyRow, 'questions'>): SurveyQuestion[] => JSON.parse(row.questions)
export const instrumentsOf = (row: Pick<SurveyRow, 'instruments'>): InstrumentId[] => JSON.parse(row.instruments)

export interface ResponseRow {
  buildingId: number
  channel: 'app' | 'paper'
  answers: StoredAnswers
}

/** All answers of a survey, ordered by their random key. */
export async function loadResponses(db: Q, surveyId: number): Promise<ResponseRow[]> {
  const rows = await db
    .selectFrom('survey_responses')
    .select(['building_id', 'channel', 'answers'])
    .where('survey_id', '=', surveyId)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ buildingId: r.building_id, channel: r.channel, answers: JSON.parse(r.answers) }))
}

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

const responseNote = (row: SurveyRow) =>
  row.response_note && row.response_note_at ? { text: row.response_note, publishedAt: row.response_note_at } : null

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
  return {
    ...item,
    intro: row.intro,
    questions: questionsOf(row),
    publishedAt: row.published_at,
    copiedFrom: row.copied_from,
    responseNote: responseNote(row),
    canManage: can(principal, 'surveys.manage', chain),
  }
}

export { responseNote }

// Survey results: counts and rate, per-question distributions and, for questions taken from the index
// questionnaires, the scoring library's InstrumentScore weighted by households per 楼组, with breakdowns
// per 楼组 and per housing type. Every score and every subgroup suppression comes from the library.
// A closed survey's figures are computed on first read and kept (survey_results) until answers are added
// or the 楼组 and households they are weighted by change; while a survey runs only counts are shown.
import { createHash } from 'node:crypto'
import { INSTRUMENTS, scoreInstrument } from '../../../src/scoring'
import type { InstrumentResponse, InstrumentScore, ScoreOptions } from '../../../src/scoring'
import { HOUSING_TYPE_NAMES, type InstrumentResult, type LabelledSubgroup, type QuestionResult, type SurveyResults } from '../../../types'
import type { InstrumentId } from '../../../types/scoring'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Reader } from '../context'
import { resultsRefusal } from '../policy'
import { MIN_CELL_SIZE, questionResults, questionShownTo, surveyStatus, type StoredAnswers } from '../rules'
import { paperCounts, type ChannelCounts } from './paper'
import { buildingsUnder, eligibleIn, type BuildingInfo } from './units'
import { cellStrata, MIXED_HOUSING, type Stratum } from '../cells'
import { instrumentsOf, questionsOf, responseNote, surveyFor, type SurveyRow } from './surveys'

type Q = Kysely<Database>

interface ResponseRow {
  /** The 楼组, 小区 or 居民区 the answer is stored under (cells.ts). */
  unitId: number
  channel: 'app' | 'paper'
  answers: StoredAnswers
}

/** All answers of a survey, ordered by their random key. */
async function loadResponses(db: Q, surveyId: number): Promise<ResponseRow[]> {
  const rows = await db
    .selectFrom('survey_responses')
    .select(['unit_id', 'channel', 'answers'])
    .where('survey_id', '=', surveyId)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ unitId: r.unit_id, channel: r.channel, answers: JSON.parse(r.answers) }))
}

const HOUSING_BREAKDOWN = 'housingType'

/** Households weight the answers per stratum: each cell answers stand under, for the 楼组 it stands for. */
function scoringOptions(strata: Map<number, Stratum>): ScoreOptions {
  return {
    strata: Object.fromEntries([...strata].map(([cell, s]) => [String(cell), s.households])),
    minCellSize: MIN_CELL_SIZE,
    breakdowns: ['stratum', HOUSING_BREAKDOWN],
  }
}

function scoringResponses(responses: ResponseRow[], strata: Map<number, Stratum>): InstrumentResponse[] {
  return responses.map((r) => ({
    answers: r.answers as InstrumentResponse['answers'],
    stratum: String(r.unitId),
    groups: { [HOUSING_BREAKDOWN]: strata.get(r.unitId)?.housingType ?? undefined },
  }))
}

/** The library's scores of each instrument a survey carries. */
function scoreInstruments(
  instruments: InstrumentId[],
  responses: ResponseRow[],
  buildings: BuildingInfo[],
): Map<InstrumentId, InstrumentScore> {
  const strata = cellStrata(buildings, new Set(responses.map((r) => r.unitId)))
  const input = scoringResponses(responses, strata)
  const options = scoringOptions(strata)
  return new Map(instruments.map((id) => [id, scoreInstrument(INSTRUMENTS[id], input, options)]))
}

/** How a cell reads in a breakdown: a 楼组 by name, a 小区 or 居民区 cell as the 楼组 it stands for. */
function cellLabels(buildings: BuildingInfo[]): Map<string, string> {
  const labels = new Map<string, string>()
  for (const b of buildings) {
    labels.set(String(b.id), b.label)
    labels.set(String(b.estateId), `${b.estateName}其余楼组`)
    labels.set(String(b.neighbourhoodId), '其余小区和楼组')
  }
  return labels
}

/** An overall score describing fewer than minCellSize respondents: only how many it would describe is kept or shown. */
export interface WithheldScore {
  instrumentId: InstrumentId
  n: number
  withheld: true
}
export type KeptScore = InstrumentScore | WithheldScore

/** An overall score describing fewer than minCellSize respondents is withheld like a small subgroup. */
const kept = (instrumentId: InstrumentId, score: InstrumentScore): KeptScore =>
  score.n < MIN_CELL_SIZE ? { instrumentId, n: score.n, withheld: true } : score
export const scoreSuppressed = (score: KeptScore): score is WithheldScore => 'withheld' in score

export function instrumentResult(id: InstrumentId, score: KeptScore, buildings: BuildingInfo[]): InstrumentResult {
  if (scoreSuppressed(score)) return { instrumentId: id, name: INSTRUMENTS[id].name, score: null, suppressed: true, byBuilding: [], byHousingType: [] }
  const cellLabel = cellLabels(buildings)
  const label = (breakdown: string, group: string): string =>
    breakdown === 'stratum'
      ? cellLabel.get(group) ?? '其他楼组'
      : (HOUSING_TYPE_NAMES as Record<string, string>)[group] ?? (group === MIXED_HOUSING ? '多种房屋类型' : '未标明房屋类型')
  // A 小区's other 楼组 after its own 楼组, the rest of the 居民区 last.
  const order = new Map<string, number>()
  buildings.forEach((b, i) => {
    order.set(String(b.id), 2 * i)
    order.set(String(b.estateId), 2 * i + 1)
  })
  const labelled = (breakdown: string): LabelledSubgroup[] => {
    const groups = (score.subgroups[breakdown] ?? []).map((s) => ({ group: s.group, label: label(breakdown, s.group), score: s }))
    // 楼组 in the community's own order rather than by id as text.
    if (breakdown === 'stratum') groups.sort((a, b) => (order.get(a.group) ?? Infinity) - (order.get(b.group) ?? Infinity))
    return groups
  }
  return {
    instrumentId: id,
    name: INSTRUMENTS[id].name,
    score,
    suppressed: false,
    byBuilding: labelled('stratum'),
    byHousingType: labelled(HOUSING_BREAKDOWN),
  }
}

/** What the results show of a survey's answers, the open text included (the committee's view). */
export interface KeptFigures {
  /** The answers the figures are of, per channel. */
  counted: ChannelCounts
  questions: QuestionResult[]
  scores: [InstrumentId, KeptScore][]
}

async function computeFigures(db: Q, row: SurveyRow, buildings: BuildingInfo[]): Promise<KeptFigures> {
  const responses = await loadResponses(db, row.id)
  const app = responses.filter((r) => r.channel === 'app').length
  return {
    counted: { app, paper: responses.length - app },
    questions: questionResults(questionsOf(row), responses.map((r) => r.answers), { staff: true }),
    scores: [...scoreInstruments(instrumentsOf(row), responses, buildings)].map(([id, score]) => [id, kept(id, score)]),
  }
}

/** Raise when what is kept, or how it is computed, changes: every kept figure is then recomputed on its next read. */
const FIGURES_FORMAT = 1

/**
 * What figures depend on besides the survey's questions (fixed once published): its answers (through
 * results_version, read with the survey row before the answers are) and the 楼组 that weight them. Names and labels are not in it:
 * they are put on at each read.
 */
function figuresBasis(row: SurveyRow, buildings: BuildingInfo[]): string {
  const weighting = buildings.map((b) => [b.id, b.estateId, b.neighbourhoodId, b.households, b.housingType])
  return createHash('sha256').update(JSON.stringify([FIGURES_FORMAT, row.results_version, weighting])).digest('base64')
}

/**
 * The figures of a survey whose results are available, with `buildings` at the households of its close.
 * A closed survey's are kept from their first read on: answers can still be added then only by checking a
 * paper batch, which raises results_version, so a kept figure is never read after answers came in.
 */
export async function surveyFigures(db: Q, row: SurveyRow, buildings: BuildingInfo[]): Promise<KeptFigures> {
  if (row.state !== 'closed') return computeFigures(db, row, buildings)
  const basis = figuresBasis(row, buildings)
  const stored = await db.selectFrom('survey_results').select(['basis', 'figures']).where('survey_id', '=', row.id).executeTakeFirst()
  if (stored?.basis === basis) return JSON.parse(stored.figures) as KeptFigures
  const figures = await computeFigures(db, row, buildings)
  const text = JSON.stringify(figures)
  await db
    .insertInto('survey_results')
    .values({ survey_id: row.id, basis, figures: text })
    .onConflict((oc) => oc.column('survey_id').doUpdateSet({ basis, figures: text }))
    .execute()
  return figures
}

export async function computeResults(db: Q, row: SurveyRow, now: Date, opts: { staff: boolean }): Promise<SurveyResults> {
  const [unit, buildings] = await Promise.all([
    db.selectFrom('units').select(['id', 'name', 'level']).where('id', '=', row.unit_id).executeTakeFirstOrThrow(),
    // A closed survey's weights and eligible households are those of when it closed.
    buildingsUnder(db, row.unit_id, row.closed_at ?? undefined),
  ])
  const status = surveyStatus(row, now)
  // While residents can still answer, only counts: comparing figures before and after one answer
  // came in would reveal that answer.
  const available = status === 'ended' || status === 'closed'
  const figures = available ? await surveyFigures(db, row, buildings) : null
  const [eligible, { total, app, paper, standing }] = await Promise.all([eligibleIn(db, buildings), paperCounts(db, row.id, figures?.counted)])
  return {
    surveyId: row.id,
    title: row.title,
    status,
    unit: { id: unit.id, name: unit.name, level: unit.level },
    responses: { total, app, paper, paperShare: standing.paperShare },
    paper: standing,
    eligible,
    responseRate: eligible.verifiedResidents > 0 ? Math.round((app / eligible.verifiedResidents) * 10_000) / 10_000 : null,
    minCellSize: MIN_CELL_SIZE,
    available,
    ...(available ? {} : { unavailableReason: '问卷截止后才公布统计结果，以免有人通过前后对比推算出某一份回答' }),
    questions: figures ? figures.questions.map((q) => questionShownTo(q, opts.staff)) : [],
    instruments: figures ? figures.scores.map(([id, score]) => instrumentResult(id, score, buildings)) : [],
    responseNote: responseNote(row),
  }
}

/** GET /api/surveys/:id/results */
export async function surveyResults(r: Reader, id: number): Promise<SurveyResults> {
  const { row, staff } = await surveyFor(r, id, resultsRefusal)
  return computeResults(r.db, row, r.clock(), { staff })
}

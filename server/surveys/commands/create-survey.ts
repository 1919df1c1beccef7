// A new draft: from a template, from freely chosen instruments, or as the next wave of an existing
// survey (copyOf: the same questions, so the waves compare).
import type { CreateSurveyRequest, SurveyDetail } from '../../../types'
import { badInput } from '../../core/errors'
import type { Writer } from '../context'
import { createRefusal } from '../policy'
import { instrumentsOf, questionsOf, surveyDetail, surveyToManage, type SurveyRow } from '../queries/surveys'
import { neighbourhoodOf, unitInfo } from '../queries/units'
import { assembleQuestions, buildCustomQuestions, checkTimes, defaultTitle, normaliseInstruments, templateFor, toIso } from '../rules'
import { logSurvey } from './log'

export async function createSurvey(w: Writer, b: CreateSurveyRequest): Promise<SurveyDetail> {
  const { principal } = w
  const now = w.clock()
  const source: SurveyRow | null = b.copyOf !== undefined ? (await surveyToManage(w, b.copyOf)).row : null
  const unitId = b.unitId ?? source?.unit_id
  if (unitId === undefined) throw badInput('unitId', '请选择问卷面向的居民区、小区或楼组')
  const unit = await unitInfo(w.db, unitId)
  if (!unit || unit.level === 'street') throw badInput('unitId', '问卷只能面向某个居民区、小区或楼组')
  const refused = createRefusal(principal, unit.chain)
  if (refused) throw refused

  const template = templateFor(b.template ?? 'blank')
  const instruments = source ? instrumentsOf(source) : normaliseInstruments(b.instruments ?? template.instruments)
  const custom = source ? questionsOf(source).filter((q) => !q.instrumentId) : buildCustomQuestions(b.questions ?? [], [])
  const questions = assembleQuestions(instruments, custom)
  const opensAt = toIso(b.opensAt, 'opensAt') ?? null
  const closesAt = toIso(b.closesAt, 'closesAt') ?? null
  checkTimes(opensAt, closesAt, now, false)
  const title = (b.title ?? source?.title ?? (b.instruments && !b.template ? defaultTitle(instruments) : template.title)).trim()
  const intro = (b.intro ?? source?.intro ?? template.intro).trim()

  return w.write(async (trx) => {
    const ts = now.toISOString()
    const row = await trx
      .insertInto('surveys')
      .values({
        unit_id: unit.id,
        neighbourhood_id: neighbourhoodOf(unit.chain),
        title,
        intro,
        instruments: JSON.stringify(instruments),
        questions: JSON.stringify(questions),
        state: 'draft',
        opens_at: opensAt,
        closes_at: closesAt,
        copied_from: source?.id ?? null,
        created_by: principal.userId,
        created_at: ts,
        updated_at: ts,
      })
      .returning(['id', 'neighbourhood_id'])
      .executeTakeFirstOrThrow()
    await logSurvey(trx, principal.userId, row, 'survey.create', source ? `复制自问卷 #${source.id}` : null)
    return surveyDetail(w, row.id, trx)
  }, 201)
}

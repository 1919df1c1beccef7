// The committee types in a paper questionnaire: the answers and the respondent's 楼组, nothing else.
import type { PaperResponseResult } from '../../../types'
import { badInput, conflict } from '../../core/errors'
import { insertResponse, mixResponses } from '../anonymity'
import type { Writer } from '../context'
import { questionsOf, surveyToManage } from '../queries/surveys'
import { buildingsUnder } from '../queries/units'
import { validateAnswers, type UncheckedAnswers } from '../rules'
import { logSurvey } from './log'

export async function enterPaperResponse(w: Writer, id: number, b: { buildingId: number; answers: UncheckedAnswers }): Promise<PaperResponseResult> {
  const { row } = await surveyToManage(w, id)
  if (row.state === 'draft') throw conflict('survey_not_published', '问卷还没有发布')
  if (row.state === 'closed') throw conflict('survey_closed', '问卷已经结束，不能再录入')
  const buildings = await buildingsUnder(w.db, row.unit_id)
  if (!buildings.some((x) => x.id === b.buildingId)) throw badInput('buildingId', '这个楼组不在问卷的调查范围内')
  const answers = validateAnswers(questionsOf(row), b.answers)
  const result = await w.write(async (trx) => {
    const current = await trx.selectFrom('surveys').select('state').where('id', '=', row.id).executeTakeFirstOrThrow()
    if (current.state !== 'published') throw conflict('survey_closed', '问卷已经结束，不能再录入')
    await insertResponse(trx, { surveyId: row.id, buildingId: b.buildingId, channel: 'paper', answers, now: w.clock() })
    // The log names the survey only: never the answer, never the 楼组.
    await logSurvey(trx, w.principal.userId, row, 'survey.paper_response')
    const { n } = await trx
      .selectFrom('survey_responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', '=', row.id)
      .where('channel', '=', 'paper')
      .executeTakeFirstOrThrow()
    return { ok: true as const, surveyId: row.id, paperResponses: Number(n) }
  }, 201)
  if (!w.replayed()) await mixResponses(w.db, row.id).catch((err) => w.warn(err, 'survey answers not mixed yet'))
  return result
}

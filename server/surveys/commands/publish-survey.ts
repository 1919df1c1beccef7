import type { SurveyDetail } from '../../../types'
import { badInput, conflict } from '../../core/errors'
import type { Writer } from '../context'
import { questionsOf, surveyDetail, surveyToManage } from '../queries/surveys'
import { checkTimes } from '../rules'
import { logSurvey } from './log'

/** A draft with questions and a close time still ahead goes out to residents. */
export async function publishSurvey(w: Writer, id: number): Promise<SurveyDetail> {
  const { row } = await surveyToManage(w, id)
  const now = w.clock()
  if (row.state !== 'draft') throw conflict('survey_not_draft', row.state === 'closed' ? '问卷已结束' : '问卷已经发布了')
  if (questionsOf(row).length === 0) throw badInput('questions', '问卷还没有题目，不能发布')
  checkTimes(row.opens_at, row.closes_at, now, true)
  return w.write(async (trx) => {
    const changed = await trx
      .updateTable('surveys')
      .set({ state: 'published', published_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('state', '=', 'draft')
      .executeTakeFirst()
    if (Number(changed.numUpdatedRows) !== 1) throw conflict('survey_not_draft', '问卷已经发布了')
    await logSurvey(trx, w.principal.userId, row, 'survey.publish')
    return surveyDetail(w, row.id, trx)
  })
}

import type { SurveyDetail } from '../../../types'
import { badInput, conflict } from '../../core/errors'
import type { Writer } from '../context'
import { surveyDetail, surveyToManage } from '../queries/surveys'
import { logSurvey } from './log'

/** The committee's response to a closed survey's results (整改反馈), published with them. */
export async function publishResponseNote(w: Writer, id: number, input: { text: string }): Promise<SurveyDetail> {
  const { row } = await surveyToManage(w, id)
  if (row.state !== 'closed') throw conflict('survey_not_closed', '问卷结束后才能发布整改反馈')
  const text = input.text.trim()
  if (!text) throw badInput('text', '请填写居委会的回应')
  return w.write(async (trx) => {
    const ts = w.clock().toISOString()
    await trx
      .updateTable('surveys')
      .set({ response_note: text, response_note_at: ts, response_note_by: w.principal.userId, updated_at: ts })
      .where('id', '=', row.id)
      .execute()
    await logSurvey(trx, w.principal.userId, row, 'survey.response_note')
    return surveyDetail(w, row.id, trx)
  })
}

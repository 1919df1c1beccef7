// Changing a survey: a draft's title, intro, times and questions; once published only the title,
// intro and close time (the questions and the start must mean the same to everyone who answers).
import type { SurveyDetail, UpdateSurveyRequest } from '../../../types'
import { conflict } from '../../core/errors'
import type { Writer } from '../context'
import { instrumentsOf, questionsOf, surveyDetail, surveyToManage } from '../queries/surveys'
import { assembleQuestions, buildCustomQuestions, checkTimes, normaliseInstruments, toIso } from '../rules'
import { logSurvey } from './log'

export async function editSurvey(w: Writer, id: number, b: UpdateSurveyRequest): Promise<SurveyDetail> {
  const { row } = await surveyToManage(w, id)
  const now = w.clock()
  if (row.state === 'closed') throw conflict('survey_closed', '问卷已结束，不能再修改；如需再次调查，请复制为新一轮问卷')
  if (row.state === 'published' && (b.questions !== undefined || b.instruments !== undefined || b.opensAt !== undefined)) {
    throw conflict('survey_published', '问卷已发布，题目和开始时间不能再改（否则前后回答的含义不同）；如需修改，请复制为新一轮问卷')
  }
  const existing = questionsOf(row)
  const instruments = b.instruments !== undefined ? normaliseInstruments(b.instruments) : instrumentsOf(row)
  const custom = b.questions !== undefined ? buildCustomQuestions(b.questions, existing) : existing.filter((q) => !q.instrumentId)
  const questions = assembleQuestions(instruments, custom)
  const opensAt = b.opensAt !== undefined ? toIso(b.opensAt, 'opensAt')! : row.opens_at
  const closesAt = b.closesAt !== undefined ? toIso(b.closesAt, 'closesAt')! : row.closes_at
  checkTimes(opensAt ?? null, closesAt ?? null, now, row.state === 'published' && b.closesAt !== undefined)
  return w.write(async (trx) => {
    const changed = await trx
      .updateTable('surveys')
      .set({
        ...(b.title !== undefined ? { title: b.title.trim() } : {}),
        ...(b.intro !== undefined ? { intro: b.intro.trim() } : {}),
        instruments: JSON.stringify(instruments),
        questions: JSON.stringify(questions),
        opens_at: opensAt ?? null,
        closes_at: closesAt ?? null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', row.id)
      .where('state', '=', row.state)
      .executeTakeFirst()
    if (Number(changed.numUpdatedRows) !== 1) throw conflict('survey_changed', '问卷刚刚被其他人改过，请刷新后再试')
    await logSurvey(trx, w.principal.userId, row, 'survey.update', Object.keys(b).join(','))
    return surveyDetail(w, row.id, trx)
  })
}

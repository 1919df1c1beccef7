import type { SurveyDetail } from '../../../types'
import { badInput, conflict } from '../../core/errors'
import { eraseUnmixed, mixAllResponses } from '../anonymity'
import type { Writer } from '../context'
import { surveyDetail, surveyToManage } from '../queries/surveys'
import { logSurvey } from './log'

/**
 * Ends a published survey, optionally with the committee's response. The body is optional
 * ({responseNote?}), so it is checked here rather than by a schema.
 */
export async function closeSurvey(w: Writer, id: number, rawBody: unknown): Promise<SurveyDetail> {
  const { row } = await surveyToManage(w, id)
  const now = w.clock()
  const body = (rawBody ?? {}) as Record<string, unknown>
  if (typeof body !== 'object' || Array.isArray(body)) throw badInput('body', '提交的内容格式不正确')
  const extra = Object.keys(body).find((k) => k !== 'responseNote')
  if (extra) throw badInput(extra, `不认识的字段：${extra}`)
  if (body.responseNote !== undefined && (typeof body.responseNote !== 'string' || body.responseNote.length > 2000)) {
    throw badInput('responseNote', '整改反馈应为不超过 2000 字的文字')
  }
  if (row.state === 'draft') throw conflict('survey_not_published', '问卷还没有发布，不能结束')
  if (row.state === 'closed') throw conflict('survey_closed', '问卷已经结束了')
  const note = (body.responseNote as string | undefined)?.trim()
  const detail = await w.write(async (trx) => {
    const ts = now.toISOString()
    const changed = await trx
      .updateTable('surveys')
      .set({
        state: 'closed',
        closed_at: ts,
        updated_at: ts,
        ...(note ? { response_note: note, response_note_at: ts, response_note_by: w.principal.userId } : {}),
      })
      .where('id', '=', row.id)
      .where('state', '=', 'published')
      .executeTakeFirst()
    if (Number(changed.numUpdatedRows) !== 1) throw conflict('survey_closed', '问卷已经结束了')
    // Every answer rewritten in key order: nothing in the table follows arrival any more.
    await mixAllResponses(trx, row.id)
    await logSurvey(trx, w.principal.userId, row, 'survey.close')
    return surveyDetail(w, row.id, trx)
  })
  if (!w.replayed()) await eraseUnmixed(w.db, { ordered: true }).catch((err) => w.warn(err, 'survey answers not erased yet'))
  return detail
}

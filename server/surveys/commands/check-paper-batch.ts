// A second staff member checks a batch of paper questionnaires against the paper: only then do its
// answers join the survey's, as answers with no batch, no author and no time finer than the day, mixed
// like any others (anonymity.ts).
import type { PaperBatch } from '../../../types'
import { conflict, notFound } from '../../core/errors'
import { eraseUnmixed, insertResponse, mixAllResponses, mixResponses } from '../anonymity'
import type { Writer } from '../context'
import { checkRefusal } from '../policy'
import { presentBatch } from '../queries/paper'
import { surveyToManage } from '../queries/surveys'
import type { PaperEntry } from './enter-paper-batch'
import { logSurvey } from './log'

/** POST /api/surveys/:id/paper-batches/:batchId/check */
export async function checkPaperBatch(w: Writer, id: number, batchId: number): Promise<PaperBatch> {
  const { row } = await surveyToManage(w, id)
  let closed = false
  const result = await w.write(async (trx) => {
    const batch = await trx.selectFrom('survey_paper_batches').selectAll().where('id', '=', batchId).where('survey_id', '=', row.id).executeTakeFirst()
    if (!batch) throw notFound('这一批纸质问卷')
    const refused = checkRefusal(w.principal, batch)
    if (refused) throw refused
    const now = w.clock()
    const checked = await trx
      .updateTable('survey_paper_batches')
      .set({ checked_by: w.principal.userId, checked_at: now.toISOString(), entries: null })
      .where('id', '=', batch.id)
      .where('checked_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
    if (!checked) throw conflict('batch_checked', '这一批纸质问卷已经复核过了')
    for (const e of JSON.parse(batch.entries!) as PaperEntry[]) {
      await insertResponse(trx, { surveyId: row.id, buildingId: e.buildingId, channel: 'paper', answers: e.answers, now })
    }
    // New answers: figures kept of the survey are stale (queries/results.ts).
    const { state } = await trx
      .updateTable('surveys')
      .set((eb) => ({ results_version: eb('results_version', '+', 1) }))
      .where('id', '=', row.id)
      .returning('state')
      .executeTakeFirstOrThrow()
    // A closed survey's answers are all mixed already: mix again with these among them.
    closed = state === 'closed'
    if (closed) await mixAllResponses(trx, row.id)
    await logSurvey(trx, w.principal.userId, row, 'survey.paper_batch_check', `纸质问卷第 ${batch.id} 批，${batch.count} 份，已复核`)
    return presentBatch(checked)
  })
  if (!w.replayed()) {
    // Rewritten whole, as closing does: erased as after closing (a batch mix would find nothing unmixed).
    const erase = closed ? eraseUnmixed(w.db, { ordered: true }) : mixResponses(w.db, row.id)
    await erase.catch((err) => w.warn(err, 'survey answers not mixed yet'))
  }
  return result
}

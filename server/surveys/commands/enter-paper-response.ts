// The committee types in one paper questionnaire: an unchecked batch of one (enter-paper-batch.ts),
// counted once a colleague checks it.
import type { PaperResponseResult } from '../../../types'
import type { Writer } from '../context'
import { surveyToManage } from '../queries/surveys'
import { paperEntries, recordPaperBatch } from './enter-paper-batch'
import type { UncheckedAnswers } from '../rules'

export async function enterPaperResponse(w: Writer, id: number, b: { buildingId: number; answers: UncheckedAnswers }): Promise<PaperResponseResult> {
  const loaded = await surveyToManage(w, id)
  const entries = await paperEntries(w, loaded.row, [b], false)
  return w.write(async (trx) => {
    await recordPaperBatch(w, loaded, entries, 'survey.paper_response', trx)
    // Entered so far, checked (in survey_responses) or waiting in a batch.
    const [checked, waiting] = await Promise.all([
      trx.selectFrom('survey_responses').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', loaded.row.id).where('channel', '=', 'paper').executeTakeFirstOrThrow(),
      trx.selectFrom('survey_paper_batches').select((eb) => eb.fn.sum<number>('count').as('n')).where('survey_id', '=', loaded.row.id).where('checked_at', 'is', null).executeTakeFirstOrThrow(),
    ])
    return { ok: true as const, surveyId: loaded.row.id, paperResponses: Number(checked.n) + Number(waiting.n ?? 0) }
  }, 201)
}

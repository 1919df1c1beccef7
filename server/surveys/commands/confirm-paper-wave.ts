// The 街镇 confirms that a wave answered mostly on paper typed in by the 居委会 may count for the
// index (it has seen the paper): until then the index leaves the wave's items missing.
import type { PaperStanding } from '../../../types'
import type { Writer } from '../context'
import { confirmRefusal } from '../policy'
import { paperCounts } from '../queries/paper'
import { surveyFor } from '../queries/surveys'
import { logSurvey } from './log'

/** POST /api/surveys/:id/paper-confirmation */
export async function confirmPaperWave(w: Writer, id: number): Promise<PaperStanding> {
  const { row } = await surveyFor(w, id, confirmRefusal)
  // The standing is read inside the write, so a retried request replays the same answer.
  return w.write(async (trx) => {
    // Confirming twice keeps the first confirmation (and logs once).
    const inserted = await trx
      .insertInto('survey_paper_confirmations')
      .values({ survey_id: row.id, confirmed_by: w.principal.userId, confirmed_at: w.clock().toISOString() })
      .onConflict((oc) => oc.column('survey_id').doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) await logSurvey(trx, w.principal.userId, row, 'survey.paper_confirm')
    return (await paperCounts(trx, row.id)).standing
  })
}

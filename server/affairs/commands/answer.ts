// The committee answers a question or a flag: the answer is public on the entry, and a flag is closed by it.
import type { AffairDetail } from '../../../types'
import { logModeration } from '../../core/audit'
import { conflict, notFound } from '../../core/errors'
import type { Writer } from '../context'
import { entryDetail, managedNeighbourhood } from '../queries/ledger'

export async function answer(w: Writer, id: number, text: string): Promise<AffairDetail> {
  const q = await w.db.selectFrom('affairs_questions').select(['id', 'neighbourhood_id', 'entry_key', 'kind', 'answered_at']).where('id', '=', id).executeTakeFirst()
  if (!q) throw notFound('这个提问')
  await managedNeighbourhood(w, q.neighbourhood_id)
  await w.write(async (trx) => {
    // Only an unanswered one: a second answer would silently replace what residents have read.
    const done = await trx
      .updateTable('affairs_questions')
      .set({ answer: text.trim(), answered_by: w.principal.userId, answered_at: w.now.toISOString() })
      .where('id', '=', id)
      .where('answered_at', 'is', null)
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) === 0) throw conflict('already_answered', '这个提问已经答复过了')
    await logModeration(trx, { actorId: w.principal.userId, action: `affairs.${q.kind}.answer`, targetType: 'affairs_question', targetId: id, unitId: q.neighbourhood_id, reason: null })
    return { ok: true }
  })
  return entryDetail(w, q.entry_key)
}

// A resident asks a question on an entry, or a 居务监督委员会 member flags it as incomplete: either goes
// to the committee's queue. The committee is not audited here: it is the residents who write.
import type { AffairDetail } from '../../../types'
import type { Writer } from '../context'
import { askRefusal, deny, flagRefusal } from '../policy'
import { entryDetail, isSupervisor, readableEntry } from '../queries/ledger'

export async function raise(w: Writer, key: string, kind: 'question' | 'flag', body: string): Promise<AffairDetail> {
  const { entry, unit } = await readableEntry(w, key)
  deny(askRefusal(w.principal, unit.chain))
  if (kind === 'flag') deny(flagRefusal(await isSupervisor(w.db, unit.id, w.principal.userId)))
  const text = body.trim()
  await w.checkText([text])
  await w.write(async (trx) => {
    await trx
      .insertInto('affairs_questions')
      .values({
        neighbourhood_id: unit.id,
        entry_key: entry.key,
        kind,
        user_id: w.principal.userId,
        author_label: w.label,
        body: text,
        answer: null,
        answered_by: null,
        answered_at: null,
        created_at: w.now.toISOString(),
      })
      .execute()
    return { ok: true }
  })
  return entryDetail(w, key)
}

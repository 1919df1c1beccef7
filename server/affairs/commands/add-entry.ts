// The committee adds to the ledger: a 自治金 payment with its receipt photos, or a correction of an entry.
// Nothing is ever edited in place: a correction is a new entry pointing at the old one, and both are shown.
import { shanghaiDay, type AffairDetail } from '../../../types'
import { logModeration } from '../../core/audit'
import { badInput } from '../../core/errors'
import { attachPhotos } from '../../media'
import type { Writer } from '../context'
import { entryDetail, loadEntry, managedNeighbourhood } from '../queries/ledger'
import { entryKey, toFen } from '../rules'

export interface FundInput {
  unitId?: number
  title: string
  body: string
  amount: number
  spentOn: string
  proposalId?: number
  photos?: number[]
}

export interface CorrectionInput {
  body: string
  amount?: number
  photos?: number[]
}

interface NewEntry {
  neighbourhoodId: number
  kind: 'fund' | 'correction'
  title: string
  body: string
  amount: number | undefined
  spentOn: string
  proposalId: number | null
  corrects: string | null
  photos: number[] | undefined
}

async function addEntry(w: Writer, e: NewEntry): Promise<AffairDetail> {
  const fen = e.amount === undefined ? null : toFen(e.amount)
  if (fen === null && e.amount !== undefined) throw badInput('amount', '金额最多精确到分（两位小数）')
  const id = await w.write(async (trx) => {
    const row = await trx
      .insertInto('affairs_entries')
      .values({
        neighbourhood_id: e.neighbourhoodId,
        kind: e.kind,
        title: e.title.trim(),
        body: e.body.trim(),
        amount_fen: fen,
        spent_on: e.spentOn,
        proposal_id: e.proposalId,
        corrects: e.corrects,
        photos: '[]',
        created_by: w.principal.userId,
        created_at: w.now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const photos = await attachPhotos(trx, { ids: e.photos ?? [], userId: w.principal.userId, owner: { kind: 'fund', id: row.id }, now: w.now })
    if (photos.length > 0) await trx.updateTable('affairs_entries').set({ photos: JSON.stringify(photos) }).where('id', '=', row.id).execute()
    await logModeration(trx, {
      actorId: w.principal.userId,
      action: `affairs.${e.kind}`,
      targetType: 'affairs_entry',
      targetId: row.id,
      unitId: e.neighbourhoodId,
      reason: e.corrects,
    })
    return row.id
  })
  return entryDetail(w, entryKey(e.kind, id))
}

export async function addFund(w: Writer, b: FundInput): Promise<AffairDetail> {
  const unit = await managedNeighbourhood(w, b.unitId)
  if (b.proposalId !== undefined) {
    const p = await w.db.selectFrom('proposals').select('neighbourhood_id').where('id', '=', b.proposalId).executeTakeFirst()
    if (p?.neighbourhood_id !== unit.id) throw badInput('proposalId', '关联的提案不属于本居民区')
  }
  if (b.spentOn > shanghaiDay(w.now)) throw badInput('spentOn', '支出日期不能晚于今天')
  return addEntry(w, {
    neighbourhoodId: unit.id,
    kind: 'fund',
    title: b.title,
    body: b.body,
    amount: b.amount,
    spentOn: b.spentOn,
    proposalId: b.proposalId ?? null,
    corrects: null,
    photos: b.photos,
  })
}

export async function correctEntry(w: Writer, key: string, b: CorrectionInput): Promise<AffairDetail> {
  const old = await loadEntry(w.db, key)
  await managedNeighbourhood(w, old.neighbourhoodId)
  return addEntry(w, {
    neighbourhoodId: old.neighbourhoodId,
    kind: 'correction',
    title: `更正：${old.title}`,
    body: b.body,
    amount: b.amount,
    spentOn: shanghaiDay(w.now),
    proposalId: old.link?.kind === 'proposal' ? old.link.id : null,
    corrects: old.key,
    photos: b.photos,
  })
}

import type { ProgressUpdate } from '../../../types'
import { maskPersonalInfo } from '../../content'
import { notifyAudience } from '../audience'
import type { CommandContext } from '../context'
import { deny, manageRefusal, progressFiguresRefusal, progressRefusal } from '../policy'
import { readableProposal } from '../queries/detail'
import { loadRow, logStaffAct } from '../rows'
import { toFen, toYuan } from '../rules'
import type { ProgressInput } from '../schemas'
import { storePhotos } from '../photos'
import { photosFor } from '../../media'

/**
 * The committee reports implementation progress (过程监督), with the money spent so far (居务公开). Percent
 * and spending only grow unless the update is marked as a correction, its text saying why.
 */
export async function postProgress(
  ctx: CommandContext,
  id: number,
  b: ProgressInput,
): Promise<ProgressUpdate> {
  const v = ctx.viewer
  const row = await readableProposal(ctx.db, v, id)
  deny(manageRefusal(v, row))
  deny(progressRefusal(row))
  const correction = b.correction === true
  return ctx.write(async (tx) => {
    const { trx, now } = tx
    const iso = now.toISOString()
    const spent = b.budgetSpent === undefined ? null : toFen(b.budgetSpent)
    // Compared with the figures as this transaction reads them, so that two reports cannot pass each other.
    const current = (await loadRow(trx, row.id))!
    deny(progressRefusal(current))
    deny(progressFiguresRefusal({ percent: current.progress_percent, spentFen: current.budget_spent_fen }, { percent: b.percent, spentFen: spent }, correction))
    const text = b.text.trim()
    const pu = await trx
      .insertInto('proposal_progress')
      .values({ proposal_id: row.id, percent: b.percent, text, photos: '[]', budget_spent_fen: spent, created_by: v.userId, created_at: iso })
      .returningAll()
      .executeTakeFirstOrThrow()
    const photos = await storePhotos(trx, b.photos, v.userId, { kind: 'progress', id: pu.id }, now)
    await trx
      .updateTable('proposals')
      .set({ progress_percent: b.percent, updated_at: iso, ...(spent === null ? {} : { budget_spent_fen: spent }) })
      .where('id', '=', row.id)
      .execute()
    const p = (await loadRow(trx, row.id))!
    const headline = correction ? `实施进展更正为 ${b.percent}%` : `实施进展 ${b.percent}%`
    await notifyAudience(tx, p, 'proposal.progress', `${headline}：${maskPersonalInfo(text)}`, {
      except: v.userId,
      status: correction ? '进展更正' : '进展更新',
    })
    await logStaffAct(trx, v.userId, correction ? 'proposal.progress_correction' : 'proposal.progress', row, correction ? text : null)
    return { id: pu.id, percent: pu.percent, text: pu.text, photos: await photosFor(trx, { userId: v.userId, committee: true }, photos), budgetSpent: toYuan(pu.budget_spent_fen), correction, createdAt: pu.created_at, comments: [] }
  })
}

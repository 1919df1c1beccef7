import type { ProgressUpdate } from '../../../types'
import { maskPersonalInfo } from '../../content'
import { notifyAudience } from '../audience'
import type { CommandContext } from '../context'
import { deny, manageRefusal, progressRefusal } from '../policy'
import { readableProposal } from '../queries/detail'
import { loadRow, logStaffAct } from '../rows'
import { toFen, toYuan } from '../rules'
import type { ProgressInput } from '../schemas'
import { checkPhotos } from './submit-proposal'

/** The committee reports implementation progress (过程监督), with the money spent so far (居务公开). */
export async function postProgress(
  ctx: CommandContext,
  id: number,
  b: ProgressInput,
): Promise<ProgressUpdate> {
  const v = ctx.viewer
  const row = await readableProposal(ctx.db, v, id)
  deny(manageRefusal(v, row))
  deny(progressRefusal(row))
  const photos = checkPhotos(b.photos)
  return ctx.write(async (tx) => {
    const { trx, now } = tx
    const iso = now.toISOString()
    const spent = b.budgetSpent === undefined ? null : toFen(b.budgetSpent)
    const pu = await trx
      .insertInto('proposal_progress')
      .values({ proposal_id: row.id, percent: b.percent, text: b.text.trim(), photos: JSON.stringify(photos), budget_spent_fen: spent, created_by: v.userId, created_at: iso })
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('proposals')
      .set({ progress_percent: b.percent, updated_at: iso, ...(spent === null ? {} : { budget_spent_fen: spent }) })
      .where('id', '=', row.id)
      .execute()
    const p = (await loadRow(trx, row.id))!
    await notifyAudience(tx, p, 'proposal.progress', `实施进展 ${b.percent}%：${maskPersonalInfo(b.text.trim())}`, {
      except: v.userId,
      status: '进展更新',
    })
    await logStaffAct(trx, v.userId, 'proposal.progress', row)
    return { id: pu.id, percent: pu.percent, text: pu.text, photos, budgetSpent: toYuan(pu.budget_spent_fen), createdAt: pu.created_at, comments: [] }
  })
}

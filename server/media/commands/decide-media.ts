import type { MediaUpload } from '../../../types'
import { logModeration } from '../../core/audit'
import type { MediaContext } from '../context'
import { decideRefusal, deny, unseen, type Decision } from '../policy'
import { loadMedia, toUpload } from '../queries/read'

/** A committee member releases a pending upload (or one rejected by mistake) or rejects it; audited. */
export async function decideMedia(ctx: MediaContext, id: number, decision: Decision, reason: string | null): Promise<MediaUpload> {
  return ctx.write(async (trx) => {
    const row = await loadMedia(trx, id)
    if (!row) throw unseen()
    deny(decideRefusal(ctx.principal, row, decision))
    const status = decision === 'release' ? 'visible' : 'rejected'
    const updated = await trx
      .updateTable('media')
      .set({ status, decided_by: ctx.principal.userId, decided_at: ctx.now.toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await logModeration(trx, {
      actorId: ctx.principal.userId,
      action: `media.${decision}`,
      targetType: 'media',
      targetId: id,
      // decideRefusal let only the committee of one of these through, so one is set.
      unitId: (row.neighbourhood_id ?? row.street_id)!,
      reason,
    })
    return toUpload(updated)
  })
}

import type { Mute } from '../../../types'
import { unitChain } from '../../community'
import { logModeration } from '../../core/audit'
import { conflict, notFound } from '../../core/errors'
import { enforce, type Context } from '../../discussions'
import { unmuteCheck } from '../policy'
import { toMute } from './mute-user'

/** The committee lifts a mute in its 居民区 before it ends. */
export async function unmuteUser(ctx: Context, muteId: number): Promise<Mute> {
  const { db, principal, now } = ctx
  const mute = await db.selectFrom('user_mutes').selectAll().where('id', '=', muteId).executeTakeFirst()
  if (!mute) throw notFound('禁言记录')
  enforce(unmuteCheck(principal, await unitChain(db, mute.neighbourhood_id)))
  if (mute.lifted_at) throw conflict('already_lifted', '这条禁言已经解除了')
  const at = now.toISOString()
  return ctx.write(async (trx) => {
    const res = await trx
      .updateTable('user_mutes')
      .set({ lifted_at: at, lifted_by: principal.userId })
      .where('id', '=', mute.id)
      .where('lifted_at', 'is', null)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw conflict('already_lifted', '这条禁言已经解除了')
    await logModeration(trx, { actorId: principal.userId, action: 'user.unmute', targetType: 'user', targetId: mute.user_id, unitId: mute.neighbourhood_id, reason: null })
    return toMute({ ...mute, lifted_at: at })
  })
}

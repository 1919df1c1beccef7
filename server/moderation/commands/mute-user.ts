import type { Selectable } from 'kysely'
import type { Mute } from '../../../types'
import { loadAccount } from '../../accounts'
import { unitChain } from '../../community'
import { logModeration } from '../../core/audit'
import { badInput, notFound } from '../../core/errors'
import type { Database } from '../../db/schema'
import { enforce, type Context } from '../../discussions'
import { notify, pushAfterCommit } from '../../notifications'
import { shanghaiDateTimeText } from '../../../types/time'
import { mayMuteCheck, muteCheck } from '../policy'
import { muteEndsAt } from '../rules'

export function toMute(r: Selectable<Database['user_mutes']>): Mute {
  return {
    id: r.id,
    userId: r.user_id,
    neighbourhoodId: r.neighbourhood_id,
    reason: r.reason,
    endsAt: r.ends_at,
    createdAt: r.created_at,
    liftedAt: r.lifted_at,
  }
}

/**
 * The committee mutes a resident in a 居民区's 议事厅 for whole days (the resident's own 居民区 unless
 * another is named); the resident is told until when and why.
 */
export async function muteUser(ctx: Context, userId: number, input: { days: number; reason: string; unitId?: number }): Promise<Mute> {
  const { db, principal, now } = ctx
  enforce(mayMuteCheck(principal))
  const target = await loadAccount(db, userId)
  if (!target) throw notFound('用户')
  let chain: number[] | null
  if (input.unitId !== undefined) {
    const unit = await db.selectFrom('units').select('level').where('id', '=', input.unitId).executeTakeFirst()
    if (!unit || unit.level !== 'neighbourhood') throw badInput('unitId', '请选择禁言适用的居民区')
    chain = await unitChain(db, input.unitId)
  } else {
    const home = target.principal.residence?.chain
    chain = home && home.length >= 2 ? home.slice(-2) : null
    if (!chain) throw badInput('unitId', '这位用户没有认证住址，请选择禁言适用的居民区')
  }
  enforce(muteCheck(principal, chain, target.principal))
  const neighbourhoodId = chain![0]
  const reason = input.reason.trim()
  return ctx.write(async (trx, after) => {
    const row = await trx
      .insertInto('user_mutes')
      .values({
        user_id: target.principal.userId,
        neighbourhood_id: neighbourhoodId,
        reason,
        ends_at: muteEndsAt(now, input.days).toISOString(),
        created_by: principal.userId,
        created_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await logModeration(trx, {
      actorId: principal.userId,
      action: 'user.mute',
      targetType: 'user',
      targetId: target.principal.userId,
      unitId: neighbourhoodId,
      reason: `禁言 ${input.days} 天：${reason}`,
    })
    const nb = await trx.selectFrom('units').select('name').where('id', '=', neighbourhoodId).executeTakeFirstOrThrow()
    const told = {
      kind: 'user.muted',
      title: `${nb.name}议事厅`,
      body: `您被禁言至 ${shanghaiDateTimeText(row.ends_at)}，原因：${row.reason}`,
      status: '已禁言',
      targetType: 'user',
      targetId: target.principal.userId,
    }
    pushAfterCommit(after, await notify(trx, [target.principal.userId], told, now))
    return toMute(row)
  }, 201)
}

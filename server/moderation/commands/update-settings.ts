import type { DiscussionSettings } from '../../../types'
import { unitChain } from '../../community'
import { logModeration } from '../../core/audit'
import { notFound } from '../../core/errors'
import { enforce, type Context } from '../../discussions'
import { settingsCheck } from '../policy'

/** The committee sets how many residents' reports hide a post in its 居民区. */
export async function updateSettings(ctx: Context, neighbourhoodId: number, input: { reportThreshold: number }): Promise<DiscussionSettings> {
  const { db, principal, now } = ctx
  const unit = await db.selectFrom('units').select('level').where('id', '=', neighbourhoodId).executeTakeFirst()
  if (!unit || unit.level !== 'neighbourhood') throw notFound('居民区')
  enforce(settingsCheck(principal, (await unitChain(db, neighbourhoodId))!))
  const threshold = input.reportThreshold
  const at = now.toISOString()
  return ctx.write(async (trx) => {
    await trx
      .insertInto('discussion_settings')
      .values({ neighbourhood_id: neighbourhoodId, report_threshold: threshold, updated_by: principal.userId, updated_at: at })
      .onConflict((oc) => oc.column('neighbourhood_id').doUpdateSet({ report_threshold: threshold, updated_by: principal.userId, updated_at: at }))
      .execute()
    await logModeration(trx, {
      actorId: principal.userId,
      action: 'settings.update',
      targetType: 'neighbourhood',
      targetId: neighbourhoodId,
      unitId: neighbourhoodId,
      reason: `自动隐藏所需举报人数改为 ${threshold}`,
    })
    return { neighbourhoodId, reportThreshold: threshold }
  })
}

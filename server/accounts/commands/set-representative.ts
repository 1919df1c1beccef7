import type { Residence } from '../../../types'
import type { Trx } from '../../core/db'
import { forbidden, conflict, notFound } from '../../core/errors'
import { logModeration } from '../../core/audit'
import { can, type Principal } from '../policy'
import type { AfterCommit } from '../../core/write'
import { forgetAccount } from '../account-cache'
import { residenceChain, residencesWithUnits, toResidence } from '../queries'

/** The 居委会 of the resident's 居民区 (or the 街镇's admins) names or unnames a verified resident 居民代表. */
export async function setRepresentative(trx: Trx, principal: Principal, id: number, isRepresentative: boolean, after: AfterCommit): Promise<Residence> {
  const residence = await residencesWithUnits(trx).where('r.id', '=', id).executeTakeFirst()
  if (!residence) throw notFound('居民认证')
  if (!can(principal, 'representatives.set', residenceChain(residence))) throw forbidden('只有本居民区的居委会或街镇工作人员可以设置居民代表')
  if (residence.status !== 'approved') throw conflict('not_verified', '只有已认证的居民可以设为居民代表')
  if ((residence.is_representative === 1) !== isRepresentative) {
    await trx.updateTable('residences').set({ is_representative: isRepresentative ? 1 : 0 }).where('id', '=', id).execute()
    await logModeration(trx, {
      actorId: principal.userId,
      action: isRepresentative ? 'residence.representative' : 'residence.unrepresentative',
      targetType: 'residence',
      targetId: id,
      unitId: residence.neighbourhood_id,
      reason: null,
    })
    after((app) => forgetAccount(app, residence.user_id))
  }
  return toResidence((await residencesWithUnits(trx).where('r.id', '=', id).executeTakeFirstOrThrow()))
}

import type { VerificationRequest } from '../../../types'
import type { Trx } from '../../core/db'
import type { AfterCommit } from '../../core/write'
import { conflict, forbidden, notFound } from '../../core/errors'
import { logModeration } from '../../core/audit'
import { can, type Principal } from '../policy'
import { forgetAccount } from '../account-cache'
import type { AccountPorts } from '../ports'
import { residenceChain, residencesWithUnits, toRequest } from '../queries'

export type ReviewInput = { decision: 'approved'; isRepresentative?: boolean } | { decision: 'rejected'; reason: string }

/**
 * A committee member approves or rejects a pending residence request, and the audit log records it.
 * An approval supersedes the resident's earlier residence (they moved). The resident is told (ports).
 */
export async function reviewResidence(
  trx: Trx,
  after: AfterCommit,
  ports: AccountPorts,
  principal: Principal,
  id: number,
  input: ReviewInput,
  now: Date,
): Promise<VerificationRequest> {
  const residence = await residencesWithUnits(trx).where('r.id', '=', id).executeTakeFirst()
  if (!residence) throw notFound('认证申请')
  const chain = residenceChain(residence)
  if (!can(principal, 'verifications.review', chain)) throw forbidden('您只能审核本居民区居民的认证')
  const reason = input.decision === 'rejected' ? input.reason : null
  const updated = await trx
    .updateTable('residences')
    .set({
      status: input.decision,
      reason,
      is_representative: input.decision === 'approved' && input.isRepresentative ? 1 : 0,
      reviewed_by: principal.userId,
      reviewed_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) throw conflict('already_reviewed', '这条认证申请已经处理过了')
  if (input.decision === 'approved') {
    await trx
      .updateTable('residences')
      .set({ status: 'superseded' })
      .where('user_id', '=', residence.user_id)
      .where('status', '=', 'approved')
      .where('id', '!=', id)
      .execute()
  }
  await logModeration(trx, {
    actorId: principal.userId,
    action: input.decision === 'approved' ? 'verification.approve' : 'verification.reject',
    targetType: 'residence',
    targetId: id,
    // The log is kept per 居民区.
    unitId: residence.neighbourhood_id,
    reason,
  })
  after((app) => forgetAccount(app, residence.user_id))
  const place = `${residence.estate_name}${residence.building_name}`
  await ports.residenceReviewed(trx, after, { userId: residence.user_id, residenceId: id, decision: input.decision, reason, place, now })
  return toRequest(await residencesWithUnits(trx).where('r.id', '=', id).executeTakeFirstOrThrow())
}

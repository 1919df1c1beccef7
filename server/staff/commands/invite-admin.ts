import type { CreatedInvitation } from '../../../types'
import type { Trx } from '../../core/db'
import { unitWithChain } from '../../community'
import { AppError, conflict } from '../../core/errors'
import { invitationStatus } from '../rules'
import { issueInvitation } from './create-invitation'

/**
 * The admin command invites a 街镇's admin: the only way to the first admin outside dev mode. One
 * open admin invitation per 街镇 at a time, unless forced, so a forgotten code is revoked, not piled on.
 */
export async function inviteAdmin(trx: Trx, streetId: number, opts: { days: number; force: boolean }, now: Date): Promise<CreatedInvitation> {
  const street = await unitWithChain(trx, streetId)
  if (street?.level !== 'street') throw new AppError(404, 'not_found', `没有编号为 ${streetId} 的街镇 / No street with id ${streetId}`)
  if (!opts.force) {
    const open = await trx
      .selectFrom('invitations')
      .select(['id', 'expires_at', 'used_at', 'revoked_at'])
      .where('unit_id', '=', streetId)
      .where('role', '=', 'admin')
      .execute()
    const pending = open.filter((i) => invitationStatus(i, now) === 'pending')
    if (pending.length > 0) {
      throw conflict(
        'invitation_pending',
        `这个街镇已有未使用的管理员邀请码（编号 ${pending.map((i) => i.id).join(', ')}）：用 revoke-invite --code <邀请码> 撤销后再发，或加 --force 另发一个。` +
          ` / This street already has an unused admin invitation: revoke it with revoke-invite --code <code>, or pass --force.`,
      )
    }
  }
  return issueInvitation(trx, null, { role: 'admin', unit: street, label: null, days: opts.days }, now)
}

import type { Me } from '../../../types'
import { forgetAccount, meOf, type Principal } from '../../accounts'
import type { Trx } from '../../core/db'
import { AppError, conflict } from '../../core/errors'
import { logModeration } from '../../core/audit'
import type { AfterCommit } from '../../core/write'
import { acceptRefusal, deny, roleMixRefusal } from '../policy'
import { hashCode } from '../rules'

/**
 * The signed-in person takes the role the code grants. Retrying with a code this same person already
 * used answers as the first time did, so a lost answer does not strand them.
 */
export async function acceptInvitation(trx: Trx, principal: Principal, code: string, now: Date, after: AfterCommit): Promise<Me> {
  const inv = await trx.selectFrom('invitations').selectAll().where('code_hash', '=', hashCode(code)).executeTakeFirst()
  if (!inv) throw new AppError(404, 'invitation_unknown', '邀请码不正确：请核对后重新输入（不区分大小写）')
  if (inv.used_by === principal.userId) return meOf(trx, principal.userId)
  deny(acceptRefusal(inv, now))
  const held = await trx.selectFrom('role_grants').select(['role', 'unit_id']).where('user_id', '=', principal.userId).execute()
  deny(roleMixRefusal(inv.role, held.map((g) => g.role)))
  const iso = now.toISOString()
  const taken = await trx
    .updateTable('invitations')
    .set({ used_by: principal.userId, used_at: iso })
    .where('id', '=', inv.id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (Number(taken.numUpdatedRows) === 0) throw conflict('invitation_used', '这个邀请码刚刚被使用了：请向邀请您的工作人员索取新的邀请码')
  // Holding the role already (invited twice): the code is spent, the grant stays as it was.
  if (!held.some((g) => g.role === inv.role && g.unit_id === inv.unit_id)) {
    await trx.insertInto('role_grants').values({ user_id: principal.userId, role: inv.role, unit_id: inv.unit_id, label: inv.label, created_at: iso }).execute()
  }
  after((app) => forgetAccount(app, principal.userId))
  await logModeration(trx, { actorId: principal.userId, action: 'invitation.accept', targetType: 'invitation', targetId: inv.id, unitId: inv.unit_id, reason: null })
  return meOf(trx, principal.userId)
}

import type { Invitation } from '../../../types'
import type { Principal } from '../../accounts'
import type { Trx } from '../../core/db'
import { notFound } from '../../core/errors'
import { logModeration } from '../../core/audit'
import { deny, inviteRefusal, revokeRefusal } from '../policy'
import { loadInvitation, targetUnit, toInvitation } from '../queries'
import { hashCode } from '../rules'

type Row = NonNullable<Awaited<ReturnType<typeof loadInvitation>>>

/** Withdraws a code not yet used (again: a no-op); `actorId` null for the admin command. */
export async function revokeRow(trx: Trx, actorId: number | null, row: Row, now: Date): Promise<Invitation> {
  deny(revokeRefusal(row, now))
  if (!row.revoked_at) {
    await trx.updateTable('invitations').set({ revoked_at: now.toISOString() }).where('id', '=', row.id).where('used_at', 'is', null).execute()
    await logModeration(trx, { actorId, action: 'invitation.revoke', targetType: 'invitation', targetId: row.id, unitId: row.unit_id, reason: null })
  }
  return toInvitation((await loadInvitation(trx, row.id))!, now)
}

/** Whoever may make such an invitation may withdraw it. */
export async function revokeInvitation(trx: Trx, principal: Principal, id: number, now: Date): Promise<Invitation> {
  const row = await loadInvitation(trx, id)
  if (!row) throw notFound('邀请')
  deny(inviteRefusal(principal, row.role, await targetUnit(trx, row.unit_id), row.label))
  return revokeRow(trx, principal.userId, row, now)
}

/** The admin command withdraws a code it printed. */
export async function revokeInvitationByCode(trx: Trx, code: string, now: Date): Promise<Invitation> {
  const found = await trx.selectFrom('invitations').select('id').where('code_hash', '=', hashCode(code)).executeTakeFirst()
  const row = found && (await loadInvitation(trx, found.id))
  if (!row) throw notFound('邀请码 / Invitation code ')
  return revokeRow(trx, null, row, now)
}

import { ROLE_NAMES, type CreatedInvitation, type CreateInvitationInput, type RoleName } from '../../../types'
import type { Principal } from '../../accounts'
import type { Trx } from '../../core/db'
import { logModeration } from '../../core/audit'
import { deny, inviteRefusal, type TargetUnit } from '../policy'
import { targetUnit } from '../queries'
import { DEFAULT_INVITATION_DAYS, expiryAfter, hashCode, newInvitationCode } from '../rules'

export interface InvitationSpec {
  role: RoleName
  unit: TargetUnit & { name: string }
  label: string | null
  days: number
}

/** Stores a new invitation (its code's hash) and logs it; the caller has checked who may make it. */
export async function issueInvitation(trx: Trx, createdBy: number | null, spec: InvitationSpec, now: Date): Promise<CreatedInvitation> {
  const code = newInvitationCode()
  const expiresAt = expiryAfter(now, spec.days).toISOString()
  const { id } = await trx
    .insertInto('invitations')
    .values({ code_hash: hashCode(code), role: spec.role, unit_id: spec.unit.id, label: spec.label, created_by: createdBy, created_at: now.toISOString(), expires_at: expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  await logModeration(trx, {
    actorId: createdBy,
    action: 'invitation.create',
    targetType: 'invitation',
    targetId: id,
    unitId: spec.unit.id,
    reason: [ROLE_NAMES[spec.role], spec.label].filter(Boolean).join(' · '),
  })
  return { id, code, role: spec.role, unitId: spec.unit.id, unitName: spec.unit.name, label: spec.label, expiresAt }
}

/** A 街镇 admin or a 居委会 member invites someone to a role in their unit (policy.ts inviteRefusal). */
export async function createInvitation(trx: Trx, principal: Principal, input: CreateInvitationInput, now: Date): Promise<CreatedInvitation> {
  const unit = await targetUnit(trx, input.unitId)
  const label = input.label?.trim() || null
  deny(inviteRefusal(principal, input.role, unit, label))
  return issueInvitation(trx, principal.userId, { role: input.role, unit, label, days: input.validDays ?? DEFAULT_INVITATION_DAYS }, now)
}

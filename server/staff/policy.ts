// Who may invite whom where, and who may take a role away. Pure: callers load the caller, the unit and
// the grant, ask here, and throw the refusal they get back (`deny`).
import { ROLE_NAMES, isStaffRole, type RoleName, type UnitLevel } from '../../types'
import { isStaffFor, type Principal, type UnitChain } from '../accounts'
import { AppError, badInput, conflict, forbidden } from '../core/errors'
import { invitationStatus } from './rules'

export type Refusal = AppError | null

/** Throws the refusal, if there is one. */
export function deny(refusal: Refusal): void {
  if (refusal) throw refusal
}

export interface TargetUnit {
  id: number
  level: UnitLevel
  /** The unit and its ancestors, nearest first. */
  chain: UnitChain
}

/** Roles a 居委会 member hands out in their own 居民区; the 街镇's admins hand out every role. */
export const MODERATOR_INVITES: readonly RoleName[] = ['moderator', 'property', 'owners_committee']

/** Admins and departments belong to a 街镇; the committee, 物业 and 业委会 to a 居民区. */
export const ROLE_LEVEL: Record<RoleName, UnitLevel> = {
  admin: 'street',
  department: 'street',
  moderator: 'neighbourhood',
  property: 'neighbourhood',
  owners_committee: 'neighbourhood',
}

const isAdminOf = (p: Principal, chain: UnitChain) => p.grants.some((g) => g.role === 'admin' && chain.includes(g.unitId))
const isModeratorOf = (p: Principal, unitId: number) => p.grants.some((g) => g.role === 'moderator' && g.unitId === unitId)

/** Whether the role can be held on the unit, and with that label: the same rule for the app and the admin command. */
export function roleUnitRefusal(role: RoleName, unit: TargetUnit, label: string | null): Refusal {
  if (unit.level !== ROLE_LEVEL[role]) {
    return badInput('unitId', ROLE_LEVEL[role] === 'street' ? `${ROLE_NAMES[role]}只能设在街镇` : `${ROLE_NAMES[role]}只能设在居民区`)
  }
  if (role === 'department' && !label) return badInput('label', '请填写部门名称，例如 城建办')
  if (isStaffRole(role) && label) return badInput('label', '居委会和街镇工作人员不需要填写单位名称')
  return null
}

export function inviteRefusal(p: Principal, role: RoleName, unit: TargetUnit, label: string | null): Refusal {
  if (isAdminOf(p, unit.chain)) return roleUnitRefusal(role, unit, label)
  if (isModeratorOf(p, unit.id) && MODERATOR_INVITES.includes(role)) return roleUnitRefusal(role, unit, label)
  if (isStaffFor(p, unit.chain)) return forbidden(`居委会可以邀请居委会成员、物业和业委会，${ROLE_NAMES[role]}请由街镇工作人员邀请`)
  return forbidden('您只能邀请本居民区（或本街镇）的人员')
}

/** Reading a unit's invitations and staff: its committee, or its 街镇's admins. */
export function manageRefusal(p: Principal, unit: TargetUnit): Refusal {
  if (isAdminOf(p, unit.chain) || (unit.level === 'neighbourhood' && isModeratorOf(p, unit.id))) return null
  return forbidden('您只能查看本居民区（或本街镇）的人员')
}

export interface GrantFacts {
  role: RoleName
  unit: TargetUnit
  /** Admin grants the grant's 街镇 has, this one included. */
  streetAdmins: number
}

export function removeRefusal(p: Principal, g: GrantFacts): Refusal {
  const allowed = isAdminOf(p, g.unit.chain) || (isModeratorOf(p, g.unit.id) && MODERATOR_INVITES.includes(g.role))
  if (!allowed) return forbidden(isStaffFor(p, g.unit.chain) ? `${ROLE_NAMES[g.role]}的角色请由街镇工作人员撤销` : '您只能管理本居民区（或本街镇）的人员')
  if (g.role === 'admin' && g.streetAdmins <= 1) {
    return conflict('last_admin', '街镇至少要保留一位街镇工作人员：请先邀请另一位，再撤销这个角色')
  }
  return null
}

/** The committee's roles and the referees' are never held together: a 物业 account is not staff. */
export function roleMixRefusal(role: RoleName, held: readonly RoleName[]): Refusal {
  const clash = held.some((h) => isStaffRole(h) !== isStaffRole(role))
  return clash ? conflict('role_conflict', '同一个账号不能既是居委会或街镇工作人员，又是物业、业委会或街镇部门：请用另一个微信账号接受邀请') : null
}

export interface InvitationFacts {
  expires_at: string
  used_at: string | null
  used_by: number | null
  revoked_at: string | null
}

/** Why a code cannot be used now (each its own code, so the app can say what to do next). */
export function acceptRefusal(inv: InvitationFacts, now: Date): Refusal {
  switch (invitationStatus(inv, now)) {
    case 'used':
      return new AppError(409, 'invitation_used', '这个邀请码已经被使用过了，每个邀请码只能用一次：请向邀请您的工作人员索取新的邀请码')
    case 'revoked':
      return new AppError(410, 'invitation_revoked', '这个邀请码已被撤销：请向邀请您的工作人员确认')
    case 'expired':
      return new AppError(410, 'invitation_expired', '这个邀请码已过期：请向邀请您的工作人员索取新的邀请码')
    case 'pending':
      return null
  }
}

/** Only a code not yet used, revoked or expired can be revoked. */
export function revokeRefusal(inv: InvitationFacts, now: Date): Refusal {
  const status = invitationStatus(inv, now)
  if (status === 'used') return conflict('invitation_used', '这个邀请码已经被使用：如需撤销角色，请在人员列表中操作')
  if (status === 'expired') return conflict('invitation_expired', '这个邀请码已过期，无需撤销')
  return null
}

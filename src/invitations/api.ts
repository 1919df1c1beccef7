import type { CreatedInvitation, CreateInvitationInput, Invitation, Me, RoleName, StaffMember } from '@yishi/types'
import { isStaffRole } from '@yishi/types'
import { api } from '@/shared/request'

// Invitations that hand out a role once, and the people who hold roles in a 街镇 or 居民区.

export const INVITE_PAGE = '/more/invite/index'

export const invitationsApi = {
  create: (input: CreateInvitationInput) => api.post<CreatedInvitation>('/api/invitations', input),
  list: (unitId?: number) => api.get<{ items: Invitation[] }>('/api/invitations', { query: { unitId } }),
  revoke: (id: number) => api.delete<Invitation>(`/api/invitations/${id}`),
  accept: (code: string) => api.post<Me>('/api/invitations/accept', { code }, { silent: true }),
  staff: (unitId?: number) => api.get<{ items: StaffMember[] }>('/api/staff', { query: { unitId } }),
  removeStaff: (grantId: number) => api.delete<{ ok: boolean }>(`/api/staff/${grantId}`),
}

/** What a person typed, as the server reads it: upper case, no spaces or dashes (K7QM-3XPA). */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s\-－—_]/g, '')
}

/** The code as it is read out: two groups of four. */
export function groupCode(code: string): string {
  const plain = normaliseCode(code)
  return plain.length > 4 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain
}

/** Why a code was refused, in words that say what to do next (the server's own words otherwise). */
export const ACCEPT_ERRORS: Record<string, string> = {
  invitation_unknown: '邀请码不正确，请核对后重新输入',
  invitation_expired: '邀请码已过期，请联系发出邀请的工作人员重新生成',
  invitation_used: '这个邀请码已经用过了，每个邀请码只能用一次，请联系发出邀请的工作人员重新生成',
  invitation_revoked: '这个邀请码已被撤销，请联系发出邀请的工作人员确认',
}

/** Roles a 居委会 member may hand out in their own 居民区; the 街镇's admins hand out every role. */
export const MODERATOR_INVITES: readonly RoleName[] = ['moderator', 'property', 'owners_committee']

/** Admins and departments belong to the 街镇; the others to a 居民区. */
export const onStreet = (role: RoleName) => role === 'admin' || role === 'department'

/** 物业 and departments carry a name (城建办, 某某物业); staff roles do not. */
export const needsLabel = (role: RoleName) => role === 'department' || role === 'property'
export const labelRequired = (role: RoleName) => role === 'department'
export { isStaffRole }

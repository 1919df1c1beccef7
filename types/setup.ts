import type { RoleName } from './accounts'
import type { UnitLevel } from './community'

// Setting up a 街镇: invitations that grant a role once, and the people who hold roles there.

/** pending: can still be accepted; the other three are final. */
export type InvitationStatus = 'pending' | 'used' | 'expired' | 'revoked'

export const INVITATION_STATUS_NAMES: Record<InvitationStatus, string> = {
  pending: '待使用',
  used: '已使用',
  expired: '已过期',
  revoked: '已撤销',
}

/** An invitation as its unit's staff list it: the code itself is shown only once, when it is made. */
export interface Invitation {
  id: number
  role: RoleName
  unitId: number
  unitName: string
  /** A department's name (城建办) or a 物业 company's name. */
  label: string | null
  status: InvitationStatus
  createdAt: string
  expiresAt: string
  usedAt: string | null
  revokedAt: string | null
}

export interface CreateInvitationInput {
  role: RoleName
  unitId: number
  label?: string
  /** Days until it expires (default 7, at most 30). */
  validDays?: number
}

/** The answer to creating an invitation: the only time the code is shown. */
export interface CreatedInvitation {
  id: number
  /** e.g. K7QM-3XPA; typed in the app or carried by the link's QR code. */
  code: string
  role: RoleName
  unitId: number
  unitName: string
  label: string | null
  expiresAt: string
}

/** Someone holding a role in a 街镇 or 居民区, as that unit's staff see them. */
export interface StaffMember {
  /** The grant's id: DELETE /api/staff/:grantId removes it. */
  grantId: number
  userId: number
  role: RoleName
  unitId: number
  unitName: string
  unitLevel: UnitLevel
  label: string | null
  /** When the role was granted. */
  since: string
  /** Only when stored; shown to staff, never to residents. */
  realName: string | null
  phone: string | null
}

export interface RepresentativeInput {
  isRepresentative: boolean
}

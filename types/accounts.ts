import type { UnitLevel } from './community'

/** The committee's own roles: a 居委会 member of a 居民区, an admin of a 街镇. */
export type StaffRole = 'moderator' | 'admin'

/**
 * Whom a proposal can be referred to (转办): a 居民区's 物业 and 业委会 representatives, a 街镇's departments.
 * They answer what is referred to them and see nothing else of the committee's.
 */
export type RefereeRole = 'property' | 'owners_committee' | 'department'

export type RoleName = StaffRole | RefereeRole

export const STAFF_ROLES: readonly StaffRole[] = ['moderator', 'admin']

export const isStaffRole = (role: RoleName): role is StaffRole => (STAFF_ROLES as readonly RoleName[]).includes(role)

export const ROLE_NAMES: Record<RoleName, string> = {
  moderator: '居委会',
  admin: '街镇工作人员',
  property: '物业',
  owners_committee: '业委会',
  department: '街镇部门',
}

export interface RoleGrant {
  role: RoleName
  unitId: number
  unitName: string
  unitLevel: UnitLevel
}

export type VerificationStatus = 'pending' | 'approved' | 'rejected'

export const VERIFICATION_STATUS_NAMES: Record<VerificationStatus, string> = {
  pending: '待审核',
  approved: '已认证',
  rejected: '未通过',
}

export interface Residence {
  id: number
  buildingId: number
  buildingName: string
  estateName: string
  neighbourhoodId: number
  neighbourhoodName: string
  room: string
  status: VerificationStatus
  /** Why a request was rejected, for the resident to read. */
  reason: string | null
  isRepresentative: boolean
  requestedAt: string
  reviewedAt: string | null
}

export interface Me {
  id: number
  /** How others see this person, e.g. "3号楼居民"; never a name or phone. */
  label: string
  roles: RoleGrant[]
  residence: Residence | null
  verified: boolean
  privacyAcceptedAt: string | null
}

/** What a resident waiting for verification can expect of their 居委会 (GET /api/me/residence/wait). */
export interface ResidenceWait {
  neighbourhoodName: string
  /** How residents reach the 居委会, as it wrote it; null when it has not. */
  contact: string | null
  /** The median hours the 居委会 took over its recent reviews; null before its first. */
  typicalHours: number | null
  /** How many reviews that median is of. */
  reviewedCount: number
}

export interface Session {
  token: string
  expiresAt: string
  user: Me
}

export interface DevUser {
  id: number
  label: string
  description: string
}

/** A residence request as a moderator sees it when reviewing: the room is shown to them only. */
export interface VerificationRequest {
  id: number
  userId: number
  buildingId: number
  buildingName: string
  estateName: string
  room: string
  status: VerificationStatus
  reason: string | null
  /** 居民代表, set by the 居委会 (at approval or later). */
  isRepresentative: boolean
  requestedAt: string
  reviewedAt: string | null
}

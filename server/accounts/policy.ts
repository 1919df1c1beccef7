import type { RefereeRole, StaffRole } from '../../types'
import { AppError } from '../core/errors'

// Who may do what, where: the predicates every capability asks. Pure: callers load the principal and
// the target's unit chain, then ask.

/** A committee role: the only kind of grant that makes someone staff. */
export interface Grant {
  role: StaffRole
  unitId: number
}

/** A 物业, 业委会 (of a 居民区) or 街镇 department (of a 街镇) account: it answers referrals, nothing more. */
export interface RefereeGrant {
  role: RefereeRole
  unitId: number
}

export interface Principal {
  userId: number
  grants: Grant[]
  referees: RefereeGrant[]
  /**
   * The approved residence: its 楼组 (and its name, which the resident signs with) and room (the household
   * that votes), and the ids of its 楼组 and every unit above it.
   */
  residence: { buildingId: number; buildingName: string; room: string; chain: number[] } | null
}

/** A unit and its ancestors, nearest first: [楼组, 小区, 居民区, 街镇] or a shorter tail of it. */
export type UnitChain = number[]

export type Action =
  | 'units.read'
  | 'me.read'
  | 'residence.request'
  | 'verifications.list'
  | 'verifications.review'
  | 'representatives.set'
  | 'moderationLog.read'
  | 'contentWords.manage'
  | 'proposals.read'
  | 'proposals.participate'
  | 'proposals.manage'
  | 'topics.read'
  | 'topics.open'
  | 'posts.create'
  | 'discussions.moderate'
  | 'appeals.decide'
  | 'surveys.read'
  | 'surveys.answer'
  | 'surveys.manage'
  | 'indicators.read'
  | 'indicators.input'
  | 'indicators.summary'
  | 'affairs.read'
  | 'affairs.ask'
  | 'affairs.manage'

/** Moderators act in their 居民区, admins in every 居民区 of their 街镇. */
export function isStaffFor(p: Principal, chain: UnitChain): boolean {
  return p.grants.some((g) => chain.includes(g.unitId))
}

export function isStaff(p: Principal): boolean {
  return p.grants.length > 0
}

/** A verified resident living in (or under) the unit. */
export function livesIn(p: Principal, chain: UnitChain): boolean {
  return p.residence !== null && p.residence.chain.includes(chain[0])
}

export function can(p: Principal | null, action: Action, chain: UnitChain = []): boolean {
  if (!p) return false
  switch (action) {
    case 'units.read':
    case 'me.read':
    case 'residence.request':
      return true
    case 'verifications.list':
    case 'moderationLog.read':
      return isStaff(p)
    // 居民代表 are named by the committee of their 居民区 or the 街镇, who verified them.
    case 'verifications.review':
    case 'representatives.set':
      return isStaffFor(p, chain)
    case 'contentWords.manage':
      return p.grants.some((g) => g.role === 'admin')
    // 社区提案 (chain: the proposal's unit): its verified residents submit, co-sign, vote and evaluate; its committee manages.
    case 'proposals.read':
      return isStaffFor(p, chain) || (chain.length >= 2 && livesIn(p, chain.slice(-2)))
    case 'proposals.participate':
      return livesIn(p, chain)
    case 'proposals.manage':
      return isStaffFor(p, chain)
    // 议事厅 (chain: the topic's unit): anyone of the 居民区 reads; residents of the unit post.
    case 'topics.read':
      return isStaffFor(p, chain) || (chain.length >= 2 && livesIn(p, chain.slice(-2)))
    case 'posts.create':
      return isStaffFor(p, chain) || livesIn(p, chain)
    case 'topics.open':
    case 'discussions.moderate':
      return isStaffFor(p, chain)
    case 'appeals.decide':
      return p.grants.some((g) => g.role === 'admin' && chain.includes(g.unitId))
    // 问卷 (chain: the survey's target unit): residents of the 居民区 read it, verified residents of the
    // target unit answer it, its committee (or the 街镇) manages it and enters paper questionnaires.
    case 'surveys.read':
      return isStaffFor(p, chain) || (chain.length >= 2 && livesIn(p, chain.slice(-2)))
    case 'surveys.answer':
      return livesIn(p, chain)
    case 'surveys.manage':
      return isStaffFor(p, chain)
    // 评估指标 (chain: the 居民区): the committee and the 街镇 read the index; only the 街镇's admins
    // enter the manual inputs (an evaluation is not self-assessed); residents read the public summary.
    case 'indicators.read':
      return isStaffFor(p, chain)
    case 'indicators.input':
      return p.grants.some((g) => g.role === 'admin' && chain.includes(g.unitId))
    case 'indicators.summary':
      return isStaffFor(p, chain) || livesIn(p, chain)
    // 居务公开 (chain: the 居民区): its verified residents and its committee (and the 街镇) read the ledger;
    // its residents ask; its committee answers, adds 自治金 entries and corrections, appoints supervisors.
    case 'affairs.read':
      return isStaffFor(p, chain) || livesIn(p, chain)
    case 'affairs.ask':
      return livesIn(p, chain)
    case 'affairs.manage':
      return isStaffFor(p, chain)
  }
}

/** Demo accounts sign in only on a server started in dev mode. */
export function refuseUnlessDevMode(authMode: string): void {
  if (authMode !== 'dev') throw new AppError(403, 'dev_login_disabled', '演示登录只在开发模式下可用')
}

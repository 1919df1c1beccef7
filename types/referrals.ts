// 转办 handled by the referee itself (问题处置闭环) and overdue items escalated to the 街镇. Shared by the
// server and the app.
import type { ProposalCategory, ProposalState, ReferralStatus, ReferralTarget } from './proposals'

/**
 * How far an overdue item has been escalated: 0 not overdue (or not yet swept), 1 past its time limit
 * (the 居委会, the author and followers, and a referee are told), 2 past twice its time limit (the 街镇
 * admins are told too).
 */
export type EscalationLevel = 0 | 1 | 2

export const ESCALATION_LEVEL_NAMES: Record<EscalationLevel, string> = { 0: '未超期', 1: '已超期', 2: '已上报街镇' }

/** One proposal in a referee's inbox (GET /api/referrals). Residents appear only as "3号楼居民". */
export interface ReferralInboxItem {
  id: number
  title: string
  body: string
  category: ProposalCategory
  referredTo: ReferralTarget
  neighbourhoodId: number
  neighbourhoodName: string
  /** The 小区 of a 楼组 or 小区 proposal; null for a 居民区 one. */
  estateName: string | null
  unitName: string
  authorLabel: string
  /** The committee's reason for referring it. */
  reason: string | null
  referredAt: string
  /** Answer by: the referral's time limit (null once answered). */
  deadlineAt: string | null
  overdue: boolean
  status: ReferralStatus
  acceptedAt: string | null
  answer: string | null
  answeredAt: string | null
}

export interface ReferralInbox {
  items: ReferralInboxItem[]
}

/** GET /api/referrals?status=: open (not yet answered, accepted or not) or answered. */
export type ReferralInboxFilter = 'open' | 'answered'

export interface ReferralAcceptRequest {
  note?: string
}

export interface ReferralRefuseRequest {
  reason: string
}

/** What a refusal answers: the proposal is back with the committee and no longer the referee's to read. */
export interface ReferralRefuseResult {
  id: number
  state: ProposalState
}

export interface ReferralAnswerRequest {
  answer: string
}

/** One overdue item of a 街镇 (GET /api/street/overdue), most overdue first. */
export interface StreetOverdueItem {
  id: number
  title: string
  state: ProposalState
  neighbourhoodId: number
  neighbourhoodName: string
  /** Set when the item waits on a referee. */
  referredTo: ReferralTarget | null
  deadlineAt: string
  /** Whole days past the time limit. */
  daysOverdue: number
  /** Who has been told so far (the sweep's record). */
  escalationLevel: EscalationLevel
}

export interface StreetOverdue {
  items: StreetOverdueItem[]
}

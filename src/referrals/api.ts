import type { Me, ProposalDetail, ReferralInbox, ReferralInboxFilter, ReferralRefuseResult, StreetOverdue } from '@yishi/types'
import { isStaffRole } from '@yishi/types'
import { api } from '@/shared/request'

// 转办 as the referee (物业, 业委会, 街镇 department) handles it, and the 街镇's overdue list.

export const REFERRALS_PAGE = '/more/referrals/index'

const path = (id: number, step: string) => `/api/proposals/${id}/referral/${step}`

export const referralsApi = {
  inbox: (status: ReferralInboxFilter, silent = false) => api.get<ReferralInbox>('/api/referrals', { query: { status }, silent }),
  accept: (id: number, note?: string) => api.post<ProposalDetail>(path(id, 'accept'), note ? { note } : {}),
  refuse: (id: number, reason: string) => api.post<ReferralRefuseResult>(path(id, 'refuse'), { reason }),
  answer: (id: number, body: { answer: string; photos?: number[] }) => api.post<ProposalDetail>(path(id, 'answer'), body),
  overdue: (streetId: number) => api.get<StreetOverdue>('/api/street/overdue', { query: { streetId } }),
}

/** Whether the user answers referrals (物业, 业委会, 街镇 department); such a person is never staff. */
export function isReferee(me: Me | null): boolean {
  return !!me && me.roles.some((r) => !isStaffRole(r.role))
}

/** Reasons a referee gives most often for sending a proposal back. */
export const COMMON_REFUSE_REASONS = ['不属于我们的职责范围', '需要居委会先协调', '信息不全，请补充具体位置']

export const REFERRAL_TEXT_MAX = 2000

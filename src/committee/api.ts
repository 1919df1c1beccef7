import type { Residence, VerificationRequest, VerificationStatus } from '@yishi/types'
import { api } from '@/shared/request'

// The committee (居委会) part of the API: reviewing residence requests and naming 居民代表.

export const VERIFICATIONS_PAGE = '/committee/verifications/index'

export const committeeApi = {
  list: (status: VerificationStatus, silent = false) =>
    api.get<{ items: VerificationRequest[] }>('/api/verifications', { query: { status }, silent }),
  approve: (id: number, isRepresentative: boolean) =>
    api.post<VerificationRequest>(`/api/verifications/${id}/approve`, { isRepresentative }),
  reject: (id: number, reason: string) => api.post<VerificationRequest>(`/api/verifications/${id}/reject`, { reason }),
  setRepresentative: (id: number, isRepresentative: boolean) => api.put<Residence>(`/api/residences/${id}/representative`, { isRepresentative }),
}

/** Reasons a moderator picks most often; they may also type their own. */
export const COMMON_REJECT_REASONS = [
  '房号与楼组对不上',
  '本楼组没有这个房号',
  '无法核实您住在这里，请到居委会说明',
  '已有同一房屋的认证，请联系居委会',
]

export const REASON_MAX_LENGTH = 100

/** null when the reason can be sent, otherwise what to fix. */
export function checkReason(raw: string): string | null {
  const reason = raw.trim()
  if (!reason) return '请选择或填写不通过的原因'
  if (reason.length > REASON_MAX_LENGTH) return `原因最多 ${REASON_MAX_LENGTH} 个字`
  return null
}

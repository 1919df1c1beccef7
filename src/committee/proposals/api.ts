import type {
  CosignResult,
  MeetingKind,
  ProgressRequest,
  ProgressUpdate,
  ProposalDetail,
  ProposalMeeting,
  ProposalSettings,
  ProxyCosign,
  TransitionRequest,
} from '@yishi/types'
import { api, request } from '@/shared/request'
import type { SubmitBody } from '@/proposals/api'

// The committee's proposal calls (moderators of the proposal's 居民区). Subpackage only.

export const PROXY_PAGE = '/committee/proposals/proxy'

export interface MeetingBody {
  kind: MeetingKind
  heldOn: string
  place: string
  attendance: number
  minutes: string
  decisions?: string
  /** Ids of the committee member's uploads: the minutes as a PDF or photos. */
  files?: number[]
}

const path = (id: number, rest = '') => `/api/proposals/${id}${rest}`

export const committeeProposalsApi = {
  settings: (neighbourhoodId: number) => api.get<ProposalSettings>('/api/proposals/settings', { query: { unitId: neighbourhoodId }, silent: true }),
  transition: (id: number, body: TransitionRequest) => api.post<ProposalDetail>(path(id, '/transitions'), body),
  meeting: (id: number, body: MeetingBody) => api.post<ProposalMeeting>(path(id, '/meetings'), body),
  progress: (id: number, body: ProgressRequest) => api.post<ProgressUpdate>(path(id, '/progress'), body),
  answerReferral: (id: number, answer: string) => api.post<ProposalDetail>(path(id, '/referral'), { answer }),
  review: (id: number, decision: 'publish' | 'hide', reason?: string) =>
    api.post<ProposalDetail>(path(id, '/review'), reason ? { decision, reason } : { decision }),
  /** 代录: a proposal for a resident who came in person. */
  proxySubmit: (body: SubmitBody, onBehalfOf: { buildingId: number; note?: string }, idempotencyKey: string) =>
    api.post<ProposalDetail>('/api/proposals', { ...body, onBehalfOf }, { idempotencyKey }),
  /** 代录: a co-signature for a resident who came in person. */
  proxyCosign: (id: number, onBehalfOf: { buildingId: number; room: string; name?: string }) =>
    api.post<CosignResult>(path(id, '/cosign'), { onBehalfOf }),
  proxyCosigns: (id: number) => api.get<{ items: ProxyCosign[] }>(path(id, '/proxy-cosigns')),
  /** Takes back a 代录 co-signature entered by mistake. */
  removeProxyCosign: (id: number, cosignId: number) => request<CosignResult>(path(id, `/proxy-cosigns/${cosignId}`), { method: 'DELETE' }),
}

/** Reasons moderators give most often when they do not accept a proposal; they may also type their own. */
export const COMMON_REJECT_REASONS = [
  '不属于居民区议事范围',
  '涉及个人纠纷，建议通过调解解决',
  '内容不具体，请补充后重新提交',
  '已有相同的事项正在办理',
]

export function required(value: string, what: string, min = 2): string | null {
  const v = value.trim()
  if (!v) return `请填写${what}`
  if ([...v].length < min) return `${what}至少 ${min} 个字`
  return null
}

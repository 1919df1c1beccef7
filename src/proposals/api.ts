import type {
  CosignResult,
  EvaluationSummary,
  FollowResult,
  ProgressComment,
  ProposalCategory,
  ProposalDetail,
  ProposalHome,
  ProposalLevel,
  ProposalPage,
  ProposalQueue,
  ProposalState,
  ProposalVote,
  SimilarProposal,
  VoteChoice,
} from '@yishi/types'
import { api, request } from '@/shared/request'

// The residents' part of the proposals API (server/proposals/routes.ts). Committee calls live in the
// committee subpackage (src/committee/proposals/api.ts) so they stay out of the main package.

export const PROPOSALS_PAGE = '/pages/proposals/index'
export const PROPOSAL_DETAIL_PAGE = '/more/proposals/detail'
export const PROPOSAL_SUBMIT_PAGE = '/more/proposals/submit'
export const MY_PROPOSALS_PAGE = '/more/proposals/mine'
export const NOTIFICATIONS_PAGE = '/more/proposals/notifications'
export const COMMITTEE_QUEUE_PAGE = '/committee/proposals/index'
export const COMMITTEE_MANAGE_PAGE = '/committee/proposals/manage'

export const detailUrl = (id: number) => `${PROPOSAL_DETAIL_PAGE}?id=${id}`

export interface ListQuery {
  states?: ProposalState[]
  category?: ProposalCategory
  unitId?: number
  sort?: 'newest' | 'cosigns'
  mine?: boolean
  overdue?: boolean
  /** Words to search for; the list then comes best match first. */
  q?: string
  cursor?: string | null
  limit?: number
}

export interface SubmitBody {
  title: string
  body: string
  category: ProposalCategory
  level?: ProposalLevel
  unitId?: number
  /** Ids of the resident's uploads (POST /api/media). */
  photos?: number[]
  hideBuilding?: boolean
}

const path = (id: number, rest = '') => `/api/proposals/${id}${rest}`

export const proposalsApi = {
  list: (q: ListQuery, silent = false) =>
    api.get<ProposalPage>('/api/proposals', {
      silent,
      query: {
        state: q.states && q.states.length ? q.states.join(',') : undefined,
        category: q.category,
        unitId: q.unitId,
        sort: q.sort,
        mine: q.mine ? '1' : undefined,
        overdue: q.overdue ? '1' : undefined,
        q: q.q || undefined,
        cursor: q.cursor ?? undefined,
        limit: q.limit,
      },
    }),
  home: () => api.get<ProposalHome>('/api/proposals/home', { silent: true }),
  /** The committee's queue (screening, overdue, votes to close, content held for review). */
  queue: (silent = true) => api.get<ProposalQueue>('/api/proposals/queue', { silent }),
  detail: (id: number, silent = false) => api.get<ProposalDetail>(path(id), { silent }),
  similar: (title: string, unitId?: number) =>
    api.get<{ items: SimilarProposal[] }>('/api/proposals/similar', { query: { title, unitId }, silent: true }),
  /** The key ties every retry (and every repeated tap on an unchanged draft) to one proposal. */
  submit: (body: SubmitBody, idempotencyKey: string) => api.post<ProposalDetail>('/api/proposals', body, { idempotencyKey }),
  cosign: (id: number) => api.post<CosignResult>(path(id, '/cosign'), {}),
  withdrawCosign: (id: number) => request<CosignResult>(path(id, '/cosign'), { method: 'DELETE' }),
  follow: (id: number) => api.post<FollowResult>(path(id, '/follow'), {}),
  unfollow: (id: number) => request<FollowResult>(path(id, '/follow'), { method: 'DELETE' }),
  vote: (id: number, choice: VoteChoice) => api.post<ProposalVote>(path(id, '/vote'), { choice }),
  evaluate: (id: number, rating: number, comment?: string) =>
    api.post<EvaluationSummary>(path(id, '/evaluations'), comment ? { rating, comment } : { rating }),
  comment: (id: number, progressId: number, body: string) =>
    api.post<ProgressComment>(path(id, `/progress/${progressId}/comments`), { body }),
  /** The author withdraws their own proposal (before it is accepted). */
  withdraw: (id: number) => api.post<ProposalDetail>(path(id, '/transitions'), { to: 'withdrawn' }),
}

// Lists refresh when the user comes back to them only if something changed meanwhile.
let version = 0
export function markProposalsChanged(): void {
  version++
}
export function proposalsVersion(): number {
  return version
}

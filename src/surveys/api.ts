import type {
  IndicatorSummary,
  SubmitResponseResult,
  SurveyAnswer,
  SurveyDetail,
  SurveyListItem,
  SurveyState,
} from '@yishi/types'
import { api } from '@/shared/request'

// The residents' part of the survey API (server/surveys/routes.ts) and the public summary
// (server/indicators/routes.ts). The committee's calls live in src/committee/surveys/api.ts.

export interface SurveyListQuery {
  /** Only surveys open now. */
  open?: boolean
  state?: SurveyState
  unitId?: number
  cursor?: string | null
  limit?: number
}

export interface SurveyPage {
  items: SurveyListItem[]
  nextCursor: string | null
}

export const surveysApi = {
  list: (q: SurveyListQuery = {}, silent = false) =>
    api.get<SurveyPage>('/api/surveys', {
      silent,
      query: { open: q.open ? '1' : undefined, state: q.state, unitId: q.unitId, cursor: q.cursor ?? undefined, limit: q.limit },
    }),
  get: (id: number, silent = false) => api.get<SurveyDetail>(`/api/surveys/${id}`, { silent }),
  /**
   * One response. The key is the draft's: the request client reuses it on its own retries, and the draft
   * keeps it across a restart, so a retried submit is replayed by the server and never counts twice.
   * Silent: the answer page shows refusals itself, in a card, not a toast.
   */
  submit: (id: number, answers: SurveyAnswer[], idempotencyKey: string) =>
    api.post<SubmitResponseResult>(`/api/surveys/${id}/responses`, { answers }, { idempotencyKey, silent: true }),
  /** The last closed questionnaire wave of my 居民区 and what the committee did (公开机制). */
  summary: (silent = false) => api.get<IndicatorSummary>('/api/indicators/summary', { silent }),
}

import type {
  CreateSurveyRequest,
  PaperBatch,
  PaperBatchList,
  PaperResponseResult,
  PaperStanding,
  SurveyAnswer,
  SurveyDetail,
  SurveyResults,
  SurveyTemplate,
  UnitNode,
  UpdateSurveyRequest,
} from '@yishi/types'
import { api, request } from '@/shared/request'

// The committee's part of the survey API (server/surveys/routes.ts). In the subpackage: residents never load it.

const path = (id: number, rest = '') => `/api/surveys/${id}${rest}`

export const committeeSurveysApi = {
  templates: () => api.get<{ templates: SurveyTemplate[] }>('/api/surveys/templates'),
  create: (body: CreateSurveyRequest, idempotencyKey?: string) => api.post<SurveyDetail>('/api/surveys', body, { idempotencyKey }),
  update: (id: number, body: UpdateSurveyRequest) => request<SurveyDetail>(path(id), { method: 'PATCH', data: body }),
  publish: (id: number) => api.post<SurveyDetail>(path(id, '/publish')),
  /** Ends the survey; the note (what the committee will do) is published with it, if given. */
  close: (id: number, responseNote?: string) => api.post<SurveyDetail>(path(id, '/close'), responseNote ? { responseNote } : {}),
  responseNote: (id: number, text: string) => api.post<SurveyDetail>(path(id, '/response-note'), { text }),
  /** A paper questionnaire: the respondent's 楼组 only, never who they are. */
  paper: (id: number, buildingId: number, answers: SurveyAnswer[], idempotencyKey: string) =>
    api.post<PaperResponseResult>(path(id, '/paper-responses'), { buildingId, answers }, { idempotencyKey }),
  paperBatches: (id: number) => api.get<PaperBatchList>(path(id, '/paper-batches')),
  /** By a second staff member, never the one who typed the batch in. */
  checkPaperBatch: (id: number, batchId: number) => api.post<PaperBatch>(path(id, `/paper-batches/${batchId}/check`)),
  /** The 街镇 lets a closed wave answered mostly on the 居委会's paper into the index. */
  confirmPaper: (id: number) => api.post<PaperStanding>(path(id, '/paper-confirmation')),
  results: (id: number, silent = false) => api.get<SurveyResults>(path(id, '/results'), { silent }),
  units: () => api.get<{ units: UnitNode[] }>('/api/units'),
}

export const surveyExportPath = (id: number, format: 'csv' | 'xlsx') => `${path(id, '/export')}?format=${format}`

import type { AffairDetail, AffairKind, AffairsLedger, AffairsQueue, AffairsSummary, AffairSupervisor, SupervisorCandidate } from '@yishi/types'
import { api } from '@/shared/request'

// 居务公开: the ledger of a 居民区, its entries, questions and flags, and the committee's side of it.
// The pages are in the affairs (resident) and committee subpackages; these names let 我的 link to them.

export const AFFAIRS_PAGE = '/affairs/pages/index'
export const AFFAIRS_ENTRY_PAGE = '/affairs/pages/entry'
export const COMMITTEE_AFFAIRS_PAGE = '/committee/affairs/index'
export const COMMITTEE_SUPERVISORS_PAGE = '/committee/affairs/supervisors'
export const COMMITTEE_FUND_PAGE = '/committee/affairs/fund'
export const COMMITTEE_CORRECT_PAGE = '/committee/affairs/correct'
export const STREET_AFFAIRS_PAGE = '/committee/affairs/street'

export const entryUrl = (key: string) => `${AFFAIRS_ENTRY_PAGE}?key=${encodeURIComponent(key)}`
export const correctUrl = (key: string) => `${COMMITTEE_CORRECT_PAGE}?key=${encodeURIComponent(key)}`

export interface LedgerFilter {
  unitId?: number
  year?: string
  kind?: AffairKind
}

export interface FundForm {
  unitId?: number
  title: string
  body: string
  amount: number
  spentOn: string
  photos?: number[]
}

export const affairsApi = {
  ledger: (f: LedgerFilter, silent = false) => api.get<AffairsLedger>('/api/affairs', { query: { ...f }, silent }),
  entry: (key: string, silent = false) => api.get<AffairDetail>(`/api/affairs/entries/${key}`, { silent }),
  ask: (key: string, body: string) => api.post<AffairDetail>(`/api/affairs/entries/${key}/questions`, { body }),
  flag: (key: string, body: string) => api.post<AffairDetail>(`/api/affairs/entries/${key}/flags`, { body }),
  correct: (key: string, body: string, amount?: number) =>
    api.post<AffairDetail>(`/api/affairs/entries/${key}/corrections`, amount === undefined ? { body } : { body, amount }),
  addFund: (f: FundForm) => api.post<AffairDetail>('/api/affairs/funds', f),
  queue: (silent = false) => api.get<AffairsQueue>('/api/affairs/queue', { silent }),
  answer: (id: number, answer: string) => api.post<AffairDetail>(`/api/affairs/questions/${id}/answer`, { answer }),
  candidates: (silent = false) => api.get<SupervisorCandidate[]>('/api/affairs/supervisors/candidates', { silent }),
  appoint: (userId: number) => api.post<AffairSupervisor>('/api/affairs/supervisors', { userId }),
  summary: (streetId: number, silent = false) => api.get<AffairsSummary>('/api/affairs/summary', { query: { streetId }, silent }),
  remove: (id: number) => api.delete<{ ok: true }>(`/api/affairs/supervisors/${id}`),
}

export const QUESTION_MAX = 500
export const ANSWER_MAX = 1000

/** null when the text can be sent, otherwise what to fix. */
export function checkText(raw: string, what: string): string | null {
  return raw.trim().length < 2 ? `请写下${what}（至少 2 个字）` : null
}

/** "4800.5" → 4800.5; null for anything that is not an amount in 元 with at most two decimals. */
export function parseAmount(raw: string): number | null {
  const t = raw.trim()
  return /^\d{1,7}(\.\d{1,2})?$/.test(t) ? Number(t) : null
}

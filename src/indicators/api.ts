import type { IndexInputValue } from '@yishi/types/scoring'
import type { IndexComparison, IndexReport, IndicatorInputEntry } from '@yishi/types'
import { api, request } from '@/shared/request'

// The evaluation index API (server/indicators/routes.ts), for the committee and the 街镇. Used only by the
// committee subpackage's pages, so it is bundled there.

export const indicatorsApi = {
  report: (q: { unitId?: number; period?: string }, silent = false) => api.get<IndexReport>('/api/indicators', { query: q, silent }),
  /** Every 居民区 of the admin's 街镇 side by side, in one answer. */
  compare: (period: string) => api.get<IndexComparison>('/api/indicators/compare', { query: { period }, silent: true }),
  inputs: (q: { unitId?: number; period?: string }, silent = false) =>
    api.get<{ items: IndicatorInputEntry[] }>('/api/indicators/inputs', { query: q, silent }),
  /** Manual entries (the 街镇's admins only); null clears an entry. Answers with the recomputed report. */
  saveInputs: (body: { unitId: number; period: string; inputs: Record<string, IndexInputValue | null>; note?: string }, idempotencyKey?: string) =>
    request<IndexReport>('/api/indicators/inputs', { method: 'PUT', data: body, idempotencyKey }),
}

export function indicatorsExportPath(q: { unitId?: number; period?: string }, format: 'csv' | 'xlsx'): string {
  const parts = [`format=${format}`]
  if (q.unitId) parts.push(`unitId=${q.unitId}`)
  if (q.period) parts.push(`period=${encodeURIComponent(q.period)}`)
  return `/api/indicators/export?${parts.join('&')}`
}

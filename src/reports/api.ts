import type { Ledger, StreetLedger } from '@yishi/types'
import { api } from '@/shared/request'

// The 台账 API (server/reports/routes.ts), for the committee and the 街镇. Used only by the committee
// subpackage's page, so it is bundled there.

export const REPORTS_PAGE = '/committee/reports/index'

export type LedgerFormat = 'xlsx' | 'pdf'

export const reportsApi = {
  ledger: (q: { unitId?: number; period: string }, silent = false) => api.get<Ledger>('/api/reports', { query: q, silent }),
  street: (q: { unitId: number; period: string }, silent = false) => api.get<StreetLedger>('/api/reports/street', { query: q, silent }),
}

/** The download of one 居民区's 台账, or of every 居民区 of a 街镇 side by side. */
export function ledgerDownloadPath(q: { unitId: number; period: string; street: boolean }, format: LedgerFormat): string {
  return `/api/reports${q.street ? '/street' : ''}/download?unitId=${q.unitId}&period=${encodeURIComponent(q.period)}&format=${format}`
}

/** A figure as the page shows it: shares as percentages, money in yuan, nothing as a dash. */
export function figureText(value: number | null, unit: 'count' | 'days' | 'rate' | 'yuan' | 'points'): string {
  if (value === null) return '—'
  if (unit === 'rate') return `${(value * 100).toFixed(1)}%`
  if (unit === 'yuan') return `${value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`
  if (unit === 'days') return `${value} 天`
  return String(value)
}

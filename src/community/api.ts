import type { CreateUnitRequest, ImportPreview, ImportRequest, ImportResult, Me, Unit, UnitNode, UpdateUnitRequest } from '@yishi/types'
import { api } from '@/shared/request'

// The 街镇 admin's community tree: the spreadsheet import and one-by-one edits.

export const CSV_TYPE = 'text/csv'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const TEMPLATE_PATH = (format: 'csv' | 'xlsx') => `/api/community/import/template.${format}`

/** The content type of a chosen file by its name, or null when it is neither a workbook nor a CSV. */
export function spreadsheetType(name: string): string | null {
  const lower = name.toLowerCase()
  if (lower.endsWith('.xlsx')) return XLSX_TYPE
  if (lower.endsWith('.csv')) return CSV_TYPE
  return null
}

export const communityApi = {
  units: () => api.get<{ units: UnitNode[] }>('/api/units'),
  createUnit: (body: CreateUnitRequest) => api.post<Unit>('/api/units', body),
  updateUnit: (id: number, body: UpdateUnitRequest) => api.patch<Unit>(`/api/units/${id}`, body),
  preview: (streetId: number, bytes: ArrayBuffer, contentType: string) =>
    api.post<ImportPreview>('/api/community/import/preview', bytes, { query: { streetId }, contentType, retries: 0 }),
  apply: (body: ImportRequest) => api.post<ImportResult>('/api/community/import', body),
}

/** The 街镇 the user administers (the first, when several), or null. */
export function adminStreet(me: Me | null): { id: number; name: string } | null {
  const grant = me?.roles.find((r) => r.role === 'admin')
  return grant ? { id: grant.unitId, name: grant.unitName } : null
}

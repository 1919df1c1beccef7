import { randomBytes } from 'node:crypto'
import type { ImportPreview } from '../../../types'
import { AppError, notFound } from '../../core/errors'
import type { Caller } from '../context'
import { importRefusal } from '../policy'
import { streetPlan } from '../queries/street'
import { readImportRows } from '../rules'
import { CSV_TYPE, readGrid, XLSX_TYPE } from '../spreadsheet'

/** How long a checked file waits for its import. */
export const PREVIEW_MINUTES = 30

/**
 * The 街镇 admin's check of an import file: every bad cell, and what importing it would change. Units are
 * not touched; a clean file's plan is kept under a token for POST /api/community/import.
 */
export async function previewImport(c: Caller, streetId: number, contentType: string, bytes: unknown): Promise<ImportPreview> {
  const refusal = importRefusal(c.principal, streetId)
  if (refusal) throw refusal
  if (!Buffer.isBuffer(bytes) || (contentType !== XLSX_TYPE && contentType !== CSV_TYPE)) {
    throw new AppError(415, 'unsupported_media_type', '请上传 .xlsx 或 .csv 文件')
  }
  const { rows, errors, count } = readImportRows(await readGrid(contentType, bytes))
  const planned = await streetPlan(c.db, streetId, rows)
  if (!planned) throw notFound('街镇')
  const { plan } = planned
  if (errors.length > 0) return { streetId, rows: count, errors, plan, token: null, expiresAt: null }
  const token = randomBytes(24).toString('base64url')
  const now = c.now()
  const expiresAt = new Date(now.getTime() + PREVIEW_MINUTES * 60_000).toISOString()
  await c.write(async (trx) => {
    await trx.deleteFrom('unit_import_previews').where('expires_at', '<', now.toISOString()).execute()
    await trx
      .insertInto('unit_import_previews')
      .values({ token, street_id: streetId, user_id: c.principal.userId, rows: JSON.stringify(rows), plan: JSON.stringify(plan), expires_at: expiresAt })
      .execute()
  })
  return { streetId, rows: count, errors, plan, token, expiresAt }
}

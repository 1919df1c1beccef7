// Exports as CSV (UTF-8 with a BOM and CRLF, so Excel opens Chinese correctly) and as an .xlsx workbook
// written by exceljs. Both come from the same rows.
import { excel } from '../core/libraries'
import type { FastifyReply } from 'fastify'

export type Cell = string | number | null
export type Row = Record<string, Cell>

export interface Column {
  key: string
  header: string
  width?: number
  /** Excel number format, e.g. '0.0%'. */
  numFmt?: string
}

export interface Sheet {
  name: string
  columns: Column[]
  rows: Row[]
}

// A text cell starting like a formula would run as one in a spreadsheet: keep it text.
const FORMULA_START = /^[=+\-@\t\r]/

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(columns: Column[], rows: Row[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c.key] ?? null)).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

export async function toXlsx(sheets: Sheet[], meta: { title: string }): Promise<Buffer> {
  const wb = new (await excel()).Workbook()
  wb.creator = '议事 Yishi'
  wb.title = meta.title
  wb.created = new Date(0)
  wb.modified = new Date(0)
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31))
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }))
    ws.getRow(1).font = { bold: true }
    ws.views = [{ state: 'frozen', ySplit: 1 }]
    for (const row of sheet.rows) {
      const values: Record<string, Cell> = {}
      for (const c of sheet.columns) {
        const v = row[c.key] ?? null
        // Same guard as the CSV: exceljs writes strings as text, but a cell starting with "=" still
        // reads like a formula when copied out.
        values[c.key] = typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v
      }
      ws.addRow(values)
    }
    sheet.columns.forEach((c, i) => {
      if (c.numFmt) ws.getColumn(i + 1).numFmt = c.numFmt
    })
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export type ExportFormat = 'csv' | 'xlsx'

/** What a query hands its route to send: the rows and the file's name (Chinese allowed; an ASCII fallback is given). */
export interface Download {
  format: ExportFormat
  name: { ascii: string; display: string }
  sheets: Sheet[]
  csv: Sheet
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Sends a file as a download under its name (Chinese, with an ASCII fallback); no cache keeps it. */
export function sendFile(reply: FastifyReply, file: { name: Download['name']; ext: string; type: string; body: Buffer | string }): FastifyReply {
  reply.header(
    'content-disposition',
    `attachment; filename="${file.name.ascii}.${file.ext}"; filename*=UTF-8''${encodeURIComponent(`${file.name.display}.${file.ext}`)}`,
  )
  reply.header('cache-control', 'no-store')
  reply.type(file.type)
  return reply.send(file.body)
}

/** Sends an export as a download. */
export async function sendExport(reply: FastifyReply, { format, name, sheets, csv }: Download): Promise<FastifyReply> {
  if (format === 'csv') return sendFile(reply, { name, ext: 'csv', type: 'text/csv; charset=utf-8', body: toCsv(csv.columns, csv.rows) })
  return sendFile(reply, { name, ext: 'xlsx', type: XLSX_TYPE, body: await toXlsx(sheets, { title: name.display }) })
}

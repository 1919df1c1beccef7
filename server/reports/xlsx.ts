// The 台账 as a workbook: one sheet per part, the header in the first row, numbers as numbers, shares as
// percentages, money with two decimals and dates as dates.
import { excel } from '../core/libraries'
import { shanghaiDay } from '../../types/time'
import { cellKind, type ColumnKind, type LedgerCell, type LedgerTable } from './layout'

const FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  count: '0',
  days: '0.0',
  rate: '0.0%',
  yuan: '#,##0.00',
  points: '0.##',
  date: 'yyyy-mm-dd',
}

// A text cell starting like a formula would run as one when copied out: keep it text.
const FORMULA_START = /^[=+\-@\t\r]/

/** A cell's value as the workbook holds it: a date is the Shanghai day (at UTC midnight, as Excel reads days). */
function cellValue(value: LedgerCell, kind: ColumnKind): string | number | Date | null {
  if (value === null) return null
  if (kind === 'date' && typeof value === 'string') {
    const day = value.length === 10 ? value : shanghaiDay(value)
    return new Date(`${day}T00:00:00.000Z`)
  }
  if (typeof value === 'string' && FORMULA_START.test(value)) return `'${value}`
  return value
}

export async function ledgerWorkbook(tables: LedgerTable[], title: string): Promise<Buffer> {
  const wb = new (await excel()).Workbook()
  wb.creator = '议事 Yishi'
  wb.title = title
  wb.created = new Date(0)
  wb.modified = new Date(0)
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31))
    ws.columns = t.columns.map((c) => ({ header: c.header, key: c.key, width: c.width + 2 }))
    ws.getRow(1).font = { bold: true }
    ws.views = [{ state: 'frozen', ySplit: 1 }]
    t.rows.forEach((row, r) => {
      const added = ws.addRow(t.columns.map((c, i) => cellValue(row[c.key] ?? null, cellKind(t, r, i))))
      t.columns.forEach((_c, i) => {
        const format = FORMATS[cellKind(t, r, i)]
        if (format) added.getCell(i + 1).numFmt = format
      })
    })
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

// Import files in and templates out: .xlsx through exceljs, .csv through csv-parse. The rows' meaning is
// rules.ts's; this file only turns bytes into a grid of text cells and back.
import type { Buffer as ExcelBuffer } from 'exceljs'
import { excel } from '../core/libraries'
import { parse } from 'csv-parse/sync'
import { HOUSING_TYPE_NAMES, IMPORT_COLUMNS } from '../../types'
import { AppError } from '../core/errors'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const CSV_TYPE = 'text/csv'
export const MAX_FILE_BYTES = 2 * 1024 * 1024

const badFile = (message: string) => new AppError(400, 'bad_file', message)

/** The template's example rows (the demo 街道's own 楼组). */
const EXAMPLES: string[][] = [
  ['梧桐居民区', '梧桐新村', HOUSING_TYPE_NAMES.public_sold, '1号楼', '36'],
  ['梧桐居民区', '安和花园', HOUSING_TYPE_NAMES.commercial, '1号楼', '60'],
  ['香樟居民区', '香樟苑', HOUSING_TYPE_NAMES.resettlement, '1号楼', '48'],
]

/** Text as Excel on Chinese Windows saves a CSV (GBK) or as everything else does (UTF-8, with or without BOM). */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gbk').decode(bytes)
  }
}

function csvGrid(bytes: Buffer): string[][] {
  try {
    return parse(decodeText(bytes), { relax_column_count: true, relax_quotes: true }) as string[][]
  } catch (err) {
    throw badFile(`CSV 文件无法读取：${(err as Error).message}`)
  }
}

async function xlsxGrid(bytes: Buffer): Promise<string[][]> {
  const wb = new (await excel()).Workbook()
  try {
    await wb.xlsx.load(bytes as unknown as ExcelBuffer)
  } catch {
    throw badFile('Excel 文件无法读取，请另存为 .xlsx 后重试')
  }
  const sheet = wb.worksheets[0]
  if (!sheet) throw badFile('Excel 文件中没有工作表')
  const grid: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = []
    for (let i = 1; i <= Math.max(IMPORT_COLUMNS.length, row.cellCount); i++) cells.push(row.getCell(i).text ?? '')
    grid[n - 1] = cells
  })
  return Array.from(grid, (cells) => cells ?? [])
}

/** The file's cells as text, header first. */
export async function readGrid(contentType: string, bytes: Buffer): Promise<string[][]> {
  if (bytes.length === 0) throw badFile('文件是空的')
  return contentType === XLSX_TYPE ? xlsxGrid(bytes) : csvGrid(bytes)
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/** The CSV template, UTF-8 with a BOM so that Excel opens it as such. */
export function csvTemplate(): string {
  return `\uFEFF${[[...IMPORT_COLUMNS], ...EXAMPLES].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** Rows of the .xlsx template that offer the 住房类型 list. */
const VALIDATED_ROWS = 1000

/** The Excel template: the header, the example rows, and 住房类型 chosen from a list. */
export async function xlsxTemplate(): Promise<Buffer> {
  const wb = new (await excel()).Workbook()
  const sheet = wb.addWorksheet('社区结构')
  sheet.addRow([...IMPORT_COLUMNS]).font = { bold: true }
  for (const r of EXAMPLES) sheet.addRow(r.map((c, i) => (IMPORT_COLUMNS[i] === '户数' ? Number(c) : c)))
  sheet.columns.forEach((c) => (c.width = 16))
  const housing = IMPORT_COLUMNS.indexOf('住房类型') + 1
  for (let r = 2; r <= VALIDATED_ROWS; r++) {
    sheet.getCell(r, housing).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${Object.values(HOUSING_TYPE_NAMES).join(',')}"`],
      showErrorMessage: true,
      errorTitle: '住房类型',
      error: '请从列表中选择住房类型',
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

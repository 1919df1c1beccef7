// The 台账 as a printable A4 document: a title block, the key figures, then each part as a ruled table
// under its heading; page numbers at the foot. Chinese is set in Noto Sans SC, shipped in an npm package
// (no font is fetched), and pdfkit embeds only the characters used.
import type { Ledger, StreetLedger } from '../../types'
import { shanghaiDay } from '../../types/time'
import { createPdf, pdfBytes, PDF_FONT, PDF_FONT_BOLD } from '../core/pdf'
import { cellKind, comparisonTable, ledgerTables, type ColumnKind, type LedgerCell, type LedgerTable } from './layout'

const INK = '#1a1a1a'
const MUTED = '#555555'
const RULE = '#9b1c1c'
const GRID = '#9a9a9a'
const HEAD_FILL = '#e8ecf2'
const BODY = 11.5
/** An ideographic space between parts of a line. */
const GAP = '\u3000'

/** A cell as printed. */
export function cellText(value: LedgerCell, kind: ColumnKind): string {
  if (value === null || value === '') return '—'
  if (typeof value === 'string') return kind === 'date' ? (value.length === 10 ? value : shanghaiDay(value)) : value
  switch (kind) {
    case 'rate':
      return `${(value * 100).toFixed(1)}%`
    case 'yuan':
      return value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    case 'days':
      return value.toFixed(1)
    default:
      return String(value)
  }
}

type Doc = PDFKit.PDFDocument

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom

function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage()
}

function heading(doc: Doc, text: string, size = 15) {
  ensureRoom(doc, 60)
  doc.moveDown(0.6).font(PDF_FONT_BOLD).fontSize(size).fillColor(INK).text(text, doc.page.margins.left, doc.y)
  doc.moveDown(0.3)
}

/** A ruled table; the header row repeats on each new page. */
function table(doc: Doc, t: LedgerTable) {
  const left = doc.page.margins.left
  const total = t.columns.reduce((s, c) => s + c.width, 0)
  const widths = t.columns.map((c) => (c.width / total) * contentWidth(doc))
  const pad = 4
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(BODY)
    return Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: widths[i] - 2 * pad }))) + 2 * pad
  }
  const drawRow = (cells: string[], opts: { font: string; fill?: string; align: ('left' | 'right')[] }) => {
    const h = rowHeight(cells, opts.font)
    const y = doc.y
    let x = left
    cells.forEach((text, i) => {
      if (opts.fill) doc.rect(x, y, widths[i], h).fillColor(opts.fill).fill()
      doc.rect(x, y, widths[i], h).lineWidth(0.5).strokeColor(GRID).stroke()
      doc.font(opts.font).fontSize(BODY).fillColor(INK).text(text, x + pad, y + pad, { width: widths[i] - 2 * pad, align: opts.align[i] })
      x += widths[i]
    })
    doc.x = left
    doc.y = y + h
  }
  const header = t.columns.map((c) => c.header)
  const headerAlign = t.columns.map((c) => (c.kind === 'text' || c.kind === 'date' ? ('left' as const) : ('right' as const)))
  const drawHeader = () => drawRow(header, { font: PDF_FONT_BOLD, fill: HEAD_FILL, align: headerAlign })
  ensureRoom(doc, rowHeight(header, PDF_FONT_BOLD) * 2)
  drawHeader()
  if (t.rows.length === 0) {
    drawRow(['本期无记录', ...t.columns.slice(1).map(() => '')], { font: PDF_FONT, align: t.columns.map(() => 'left' as const) })
    return
  }
  t.rows.forEach((row, r) => {
    const cells = t.columns.map((c, i) => cellText(row[c.key] ?? null, cellKind(t, r, i)))
    const align = t.columns.map((_c, i) => (cellKind(t, r, i) === 'text' || cellKind(t, r, i) === 'date' ? ('left' as const) : ('right' as const)))
    if (doc.y + rowHeight(cells, PDF_FONT) > bottom(doc)) {
      doc.addPage()
      drawHeader()
    }
    drawRow(cells, { font: PDF_FONT, align })
  })
}

function titleBlock(doc: Doc, title: string, subtitle: string) {
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  doc.font(PDF_FONT_BOLD).fontSize(24).fillColor(RULE).text(title, left, doc.y, { width, align: 'center' })
  doc.moveDown(0.3).font(PDF_FONT).fontSize(13).fillColor(MUTED).text(subtitle, left, doc.y, { width, align: 'center' })
  const y = doc.y + 8
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(2).strokeColor(RULE).stroke()
  doc.moveTo(left, y + 4).lineTo(left + width, y + 4).lineWidth(0.6).strokeColor(RULE).stroke()
  doc.font(PDF_FONT).fontSize(10.5).fillColor(MUTED).text('本台账由议事平台根据提案、会议、投票、问卷和实施进展记录自动汇总，未经手工填报。', left, y + 12, { width, align: 'center' })
  doc.x = left
  doc.y = doc.y + 10
}

/** The key figures in a grid of boxes: the page a reader sees first. */
function keyFigures(doc: Doc, figures: [string, string][]) {
  const left = doc.page.margins.left
  const perRow = 4
  const gap = 8
  const w = (contentWidth(doc) - gap * (perRow - 1)) / perRow
  const h = 54
  for (let i = 0; i < figures.length; i += perRow) {
    ensureRoom(doc, h + gap)
    const y = doc.y
    figures.slice(i, i + perRow).forEach(([label, value], j) => {
      const x = left + j * (w + gap)
      doc.rect(x, y, w, h).lineWidth(0.8).strokeColor(GRID).stroke()
      doc.font(PDF_FONT_BOLD).fontSize(17).fillColor(INK).text(value, x, y + 7, { width: w, align: 'center' })
      doc.font(PDF_FONT).fontSize(10.5).fillColor(MUTED).text(label, x, y + 32, { width: w, align: 'center' })
    })
    doc.x = left
    doc.y = y + h + gap
  }
}

const figure = (value: number | null, kind: ColumnKind) => cellText(value, kind)

function ledgerFigures(l: Ledger): [string, string][] {
  const stage = (s: string) => l.proposals.stages.find((x) => x.stage === s)?.count ?? 0
  return [
    ['召开会议（次）', String(l.meetings.counts.reduce((s, c) => s + c.count, 0))],
    ['提出提案（件）', String(stage('raised'))],
    ['作出决定（件）', String(stage('decided'))],
    ['实施完成（件）', String(stage('implemented'))],
    ['评议结项（件）', String(stage('evaluated'))],
    ['超期提案（件）', String(l.proposals.overdue.length)],
    ['已认证户比例', figure(l.participation.verifiedRate, 'rate')],
    ['投票参与率', figure(l.participation.voteTurnout, 'rate')],
    ['项目预算（元）', figure(l.money.planned, 'yuan')],
    ['累计支出（元）', figure(l.money.spent, 'yuan')],
    ['本期支出（元）', figure(l.money.spentInPeriod, 'yuan')],
    [`评估指标（${l.index.period.label}）`, `${l.index.total} / ${l.index.max}`],
  ]
}

function ledgerBody(doc: Doc, l: Ledger) {
  keyFigures(doc, ledgerFigures(l))
  for (const t of ledgerTables(l)) {
    heading(doc, t.title, t.title.includes('、') ? 15 : 13)
    table(doc, t)
  }
}

function pageNumbers(doc: Doc, footer: string) {
  const range = doc.bufferedPageRange()
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i)
    const left = doc.page.margins.left
    const y = doc.page.height - doc.page.margins.bottom + 16
    // Writing below the bottom margin would start a new page: lift the margin for the footer.
    const margin = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.font(PDF_FONT).fontSize(10).fillColor(MUTED).text(`${footer}${GAP}${GAP}第 ${i + 1} 页 / 共 ${range.count} 页`, left, y, { width: contentWidth(doc), align: 'center' })
    doc.page.margins.bottom = margin
  }
}

function render(draw: (doc: Doc) => void, opts: { title: string; layout: 'portrait' | 'landscape' }): Promise<Buffer> {
  const doc = createPdf({ title: opts.title }, { layout: opts.layout, margins: { top: 56, bottom: 56, left: 50, right: 50 }, bufferPages: true })
  draw(doc)
  pageNumbers(doc, opts.title)
  return pdfBytes(doc)
}

const asOfText = (asOf: string) => `数据截至 ${shanghaiDay(new Date(Date.parse(asOf) - 1))}`

export function ledgerPdf(l: Ledger): Promise<Buffer> {
  const title = `${l.unit.name}工作台账`
  return render(
    (doc) => {
      titleBlock(doc, title, `${l.period.label}（${l.period.start} 至 ${l.period.end}）${GAP}${asOfText(l.asOf)}`)
      ledgerBody(doc, l)
    },
    { title: `${title} ${l.period.label}`, layout: 'portrait' },
  )
}

export function streetLedgerPdf(s: StreetLedger): Promise<Buffer> {
  const title = `${s.unit.name}各居民区工作台账`
  return render(
    (doc) => {
      titleBlock(doc, title, `${s.period.label}（${s.period.start} 至 ${s.period.end}）${GAP}${asOfText(s.asOf)}`)
      table(doc, comparisonTable(s))
      for (const l of s.ledgers) {
        doc.addPage()
        titleBlock(doc, `${l.unit.name}工作台账`, s.period.label)
        ledgerBody(doc, l)
      }
    },
    { title: `${title} ${s.period.label}`, layout: 'portrait' },
  )
}

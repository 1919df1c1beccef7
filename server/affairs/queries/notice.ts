// The printable notice of an entry for the lobby's notice board (数字鸿沟: for residents not online):
// A4, large type, and a QR code that opens the entry in the app.
import QRCode from 'qrcode'
import { AFFAIR_KIND_NAMES } from '../../../types'
import { createPdf, pdfBytes, PDF_FONT, PDF_FONT_BOLD } from '../../core/pdf'
import type { Reader } from '../context'
import { entryDetail } from './ledger'

/** Where the QR code leads: the entry's page in the H5 app (hash router). */
export const entryLink = (publicUrl: string, key: string) => `${publicUrl.replace(/\/+$/, '')}/#/affairs/pages/entry?key=${encodeURIComponent(key)}`

export async function entryNotice(r: Reader, key: string, publicUrl: string): Promise<Buffer> {
  const d = await entryDetail(r, key)
  const e = d.entry
  const doc = createPdf({ title: e.title })
  const width = doc.page.width - 112
  doc.font(PDF_FONT_BOLD).fontSize(30).text(`${d.neighbourhood.name} 居务公开`, { align: 'center' })
  doc.moveDown(0.5)
  doc.fontSize(24).text(e.title, { width })
  doc.font(PDF_FONT).fontSize(18).text(`${AFFAIR_KIND_NAMES[e.kind]} · ${e.date}${e.correctedBy.length > 0 ? ' · 已更正，请看更正内容' : ''}`)
  doc.moveDown(0.5)
  doc.fontSize(20)
  for (const line of e.lines) doc.text(line, { width, paragraphGap: 8 })
  for (const c of d.related.filter((x) => x.corrects === e.key)) {
    doc.moveDown(0.5).font(PDF_FONT_BOLD).text(`更正（${c.date}）`).font(PDF_FONT)
    for (const line of c.lines) doc.text(line, { width, paragraphGap: 8 })
  }
  const answered = d.questions.filter((q) => q.answer !== null)
  if (answered.length > 0) {
    doc.moveDown(0.5).font(PDF_FONT_BOLD).text('居民提问与居委会答复').font(PDF_FONT).fontSize(18)
    for (const q of answered) doc.text(`问（${q.authorLabel}）：${q.body}`, { width }).text(`答：${q.answer}`, { width, paragraphGap: 8 })
  }
  const qr = await QRCode.toBuffer(entryLink(publicUrl, e.key), { type: 'png', width: 300, margin: 1 })
  if (doc.y > doc.page.height - 260) doc.addPage()
  const y = Math.max(doc.y + 16, doc.page.height - 240)
  doc.image(qr, 56, y, { width: 160 })
  doc.fontSize(18).text('用微信扫码查看原始记录、提问，或请家人帮忙查看。', 236, y + 40, { width: width - 180 })
  return pdfBytes(doc)
}

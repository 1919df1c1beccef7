// A4 PDFs with Chinese text: Noto Sans SC ships in an npm package, so nothing is fetched at run time.
// pdfkit embeds only the glyphs a document uses, so a one-page notice stays small.
import fs from 'node:fs'
import PDFDocument from 'pdfkit'

export const PDF_FONT = 'sc'
export const PDF_FONT_BOLD = 'sc-bold'

const FONT_FILES = {
  [PDF_FONT]: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  [PDF_FONT_BOLD]: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
}

// Read once per process: each file is several megabytes.
const fonts = new Map<string, Buffer>()
const fontData = (name: keyof typeof FONT_FILES): Buffer => {
  let data = fonts.get(name)
  if (!data) fonts.set(name, (data = fs.readFileSync(require.resolve(FONT_FILES[name]))))
  return data
}

/** A new A4 document with both weights registered and the regular one selected; `options` add to pdfkit's. */
export function createPdf(info: { title: string }, options: PDFKit.PDFDocumentOptions = {}): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 56, ...options, info: { Title: info.title, Creator: '议事 Yishi' } })
  doc.registerFont(PDF_FONT, fontData(PDF_FONT))
  doc.registerFont(PDF_FONT_BOLD, fontData(PDF_FONT_BOLD))
  doc.font(PDF_FONT)
  return doc
}

/** Ends the document and answers its bytes. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })
}

// Posters and share-card pictures as PNG: an SVG drawn here, rasterised by sharp. Text is drawn as glyph
// outlines from Noto Sans SC (fontkit), so Chinese renders the same on any server, with no system fonts
// or fontconfig to set up; the QR code's modules come from the `qrcode` package, drawn as squares.
import { createRequire } from 'node:module'
import { openSync, type Font } from 'fontkit'
import QRCode from 'qrcode'
import { sharp } from '../core/libraries'

const FONT_FILE = '@expo-google-fonts/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf'

let font: Font | null = null
/** Loaded on the first picture (the file is 10 MB), then kept. */
function noto(): Font {
  font ??= openSync(createRequire(__filename).resolve(FONT_FILE))
  return font
}

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)

/** The width of a line of text at `size` px. */
function measure(text: string, size: number): number {
  const f = noto()
  return (f.layout(text).positions.reduce((w, p) => w + p.xAdvance, 0) * size) / f.unitsPerEm
}

/** One line of text as an SVG path, its baseline at y; `align` says what x is. */
function line(text: string, x: number, y: number, size: number, fill: string, align: 'start' | 'middle' = 'start'): string {
  const f = noto()
  const scale = size / f.unitsPerEm
  const run = f.layout(text)
  let pen = align === 'middle' ? x - measure(text, size) / 2 : x
  let d = ''
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]
    d += g.path
      .scale(scale, -scale)
      .translate(pen + p.xOffset * scale, y - p.yOffset * scale)
      .toSVG()
    pen += p.xAdvance * scale
  })
  return `<path fill="${fill}" d="${escapeXml(d)}"/>`
}

/** Breaks text into lines no wider than `width`, at most `max` lines (the last one ends with … if cut). */
export function wrap(text: string, size: number, width: number, max: number): string[] {
  const lines: string[] = []
  let current = ''
  for (const ch of [...text.replace(/\s+/g, ' ').trim()]) {
    if (measure(current + ch, size) > width && current) {
      lines.push(current)
      current = ch.trim()
    } else current += ch
  }
  if (current) lines.push(current)
  if (lines.length <= max) return lines
  const kept = lines.slice(0, max)
  let last = kept[max - 1]
  while (last && measure(`${last}…`, size) > width) last = [...last].slice(0, -1).join('')
  kept[max - 1] = `${last}…`
  return kept
}

export interface PosterText {
  /** 社区提案, 议事厅议题, 居民问卷 */
  kind: string
  /** The unit's name (a 楼组, 小区 or 居民区): never a person. */
  place: string
  title: string
  /** What to do after scanning: 扫码查看并附议. */
  action: string
}

const BLUE = '#1d5bb8'
const INK = '#1a1a1a'
const MUTED = '#3d3d3d'

/** Where the poster's QR code stands: its top, and the square it is drawn in (with one module of margin). */
export const POSTER_QR = { top: 590, box: 360 }

/** The QR code of `link` as SVG squares centred in the poster's QR box; `module` is one square's side. */
export function qrSquares(link: string, width: number): { svg: string; left: number; module: number; count: number } {
  const { modules } = QRCode.create(link, { errorCorrectionLevel: 'M' })
  const count = modules.size
  const module = Math.floor(POSTER_QR.box / (count + 2))
  const left = Math.round((width - module * count) / 2)
  const top = POSTER_QR.top + Math.round((POSTER_QR.box - module * count) / 2)
  let d = ''
  for (let r = 0; r < count; r++) for (let c = 0; c < count; c++) if (modules.get(r, c)) d += `M${left + c * module} ${top + r * module}h${module}v${module}h-${module}z`
  return { svg: `<path fill="#000000" d="${d}"/>`, left, module, count }
}

/** A 750 × 1100 poster to print or save: what it is, the title, and a QR code of the link. */
export async function renderPoster(t: PosterText, link: string): Promise<Buffer> {
  const W = 750
  const H = 1100
  const titleLines = wrap(t.title, 52, W - 120, 3)
  const qrSize = POSTER_QR.box
  const qrTop = POSTER_QR.top
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<rect width="${W}" height="170" fill="${BLUE}"/>`,
    line('议事 · 小区的事，大家一起商量', 60, 80, 34, '#ffffff'),
    line(t.place, 60, 135, 30, '#ffffff'),
    line(t.kind, 60, 250, 36, BLUE),
    ...titleLines.map((l, i) => line(l, 60, 320 + i * 72, 52, INK)),
    line(t.action, W / 2, qrTop - 40, 36, INK, 'middle'),
    qrSquares(link, W).svg,
    line('用微信扫一扫', W / 2, qrTop + qrSize + 45, 30, MUTED, 'middle'),
    line('本居民区已认证的居民可以参与 · 不显示姓名和房号', W / 2, H - 40, 26, MUTED, 'middle'),
    '</svg>',
  ].join('')
  return (await sharp())(Buffer.from(svg)).png().toBuffer()
}

/** A 500 × 400 picture for a WeChat share card (5:4, as WeChat shows it): what it is and the title. */
export async function renderCard(t: PosterText): Promise<Buffer> {
  const W = 500
  const H = 400
  const titleLines = wrap(t.title, 44, W - 70, 4)
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<rect width="${W}" height="92" fill="${BLUE}"/>`,
    line(`${t.kind} · ${t.place}`, 35, 60, 30, '#ffffff'),
    ...titleLines.map((l, i) => line(l, 35, 160 + i * 62, 44, INK)),
    '</svg>',
  ].join('')
  return (await sharp())(Buffer.from(svg)).png().toBuffer()
}

// What an upload is and how it is kept: pure functions, no I/O.
import type { MediaKind, MediaStatus } from '../../types'

export { MAX_PHOTOS } from '../../types'

export const MB = 1024 * 1024
/** Per file. The app uploads each photo on its own, with its own progress bar. */
export const MAX_BYTES: Record<MediaKind, number> = { image: 10 * MB, pdf: 20 * MB }
/** The largest any request may carry; the kind's own limit is checked once the bytes are known. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(MAX_BYTES))
/** The long side of a stored image and of its thumbnail, in pixels. */
export const IMAGE_SIDE = 2048
export const THUMB_SIDE = 320
export const QUALITY = 80
/** Content never changes under an id, so a reader may keep it as long as it likes. */
export const CACHE_SECONDS = 365 * 24 * 3600

export type Sniffed = { kind: 'image'; format: 'jpeg' | 'png' | 'webp' | 'heic' } | { kind: 'pdf' } | null

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b)
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))

/** The type the bytes say they are (their magic numbers), whatever the file's name or header claim. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png' }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { kind: 'image', format: 'webp' }
  // ISO-BMFF: a box named ftyp whose brand is one of HEIF's (iPhone photos).
  if (ascii(bytes, 4, 8) === 'ftyp' && ['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1'].includes(ascii(bytes, 8, 12))) return { kind: 'image', format: 'heic' }
  if (ascii(bytes, 0, 5) === '%PDF-') return { kind: 'pdf' }
  return null
}

/** pass: visible at once; check: pending until WeChat's verdict; committee: pending until a committee member decides. */
export type Screening = 'pass' | 'check' | 'committee'

/**
 * How a new upload is screened. Without WeChat (dev mode) everything passes, as the text check does.
 * WeChat checks images only: a resident's PDF waits for the committee, the committee's own is published.
 */
export function screeningFor(kind: MediaKind, o: { wechat: boolean; staff: boolean }): Screening {
  if (!o.wechat) return 'pass'
  if (kind === 'image') return 'check'
  return o.staff ? 'pass' : 'committee'
}

export const initialStatus = (s: Screening): MediaStatus => (s === 'pass' ? 'visible' : 'pending')

/** WeChat's suggestion for an image: risky is refused, review is left to the committee. */
export function statusForSuggest(suggest: string | undefined): MediaStatus | null {
  if (suggest === 'pass') return 'visible'
  if (suggest === 'risky') return 'rejected'
  return null
}

export const mediaUrl = (id: number) => `/api/media/${id}`
export const thumbUrl = (id: number, kind: MediaKind) => (kind === 'image' ? `/api/media/${id}/thumb` : null)

// Re-encoding with sharp: what is stored is never the bytes a phone sent.
import type { Sharp } from 'sharp'
import { sharp } from '../core/libraries'
import { IMAGE_SIDE, QUALITY, THUMB_SIDE } from './rules'

export interface Encoded {
  full: Buffer
  thumb: Buffer
  width: number
  height: number
  mime: string
  ext: string
}

/**
 * Turned upright by its EXIF orientation first, then shrunk to IMAGE_SIDE and re-encoded without any
 * metadata: a phone photo's EXIF carries the GPS position of the resident's home. PNGs and WebPs (screen
 * shots, drawings) become WebP, photos JPEG. Throws on bytes sharp cannot decode.
 */
export async function encodeImage(bytes: Buffer, format: 'jpeg' | 'png' | 'webp'): Promise<Encoded> {
  const base = (await sharp())(bytes, { failOn: 'error', limitInputPixels: 100_000_000 }).rotate()
  const fit = (side: number) => base.clone().resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
  const asJpeg = format === 'jpeg'
  const encode = (img: Sharp) => (asJpeg ? img.jpeg({ quality: QUALITY, mozjpeg: true }) : img.webp({ quality: QUALITY }))
  const [full, thumb] = await Promise.all([encode(fit(IMAGE_SIDE)).toBuffer({ resolveWithObject: true }), encode(fit(THUMB_SIDE)).toBuffer()])
  return {
    full: full.data,
    thumb,
    width: full.info.width,
    height: full.info.height,
    mime: asJpeg ? 'image/jpeg' : 'image/webp',
    ext: asJpeg ? 'jpg' : 'webp',
  }
}

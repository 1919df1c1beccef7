import { randomBytes } from 'node:crypto'
import type { MediaUpload } from '../../../types'
import { unitChain } from '../../community'
import { AppError } from '../../core/errors'
import type { MediaContext } from '../context'
import { encodeImage } from '../images'
import { deny, uploadRefusal } from '../policy'
import { toUpload } from '../queries/read'
import { initialStatus, MAX_BYTES, MB, screeningFor, sniff } from '../rules'
import { submitForCheck } from './submit-for-check'

const UNSUPPORTED = '只能上传 JPG、PNG、WebP 格式的照片或 PDF 文件'
const HEIC = '暂不支持 HEIC 格式的照片：请在手机相机设置中选择“兼容性最佳”，或截图后上传'

/** The 居民区 and 街镇 whose committee screens the caller's uploads: from their 楼组, else their role's unit. */
async function screeningUnits(ctx: MediaContext): Promise<{ neighbourhood_id: number | null; street_id: number | null }> {
  const p = ctx.principal
  const home = p.residence?.buildingId ?? p.grants[0]?.unitId ?? p.referees[0]?.unitId
  const chain = home === undefined ? null : await unitChain(ctx.db, home)
  if (!chain) return { neighbourhood_id: null, street_id: null }
  return { neighbourhood_id: chain.length >= 2 ? chain[chain.length - 2] : null, street_id: chain[chain.length - 1] }
}

/** What is stored for the bytes: an image re-encoded with its thumbnail, or a PDF as sent. */
async function prepare(bytes: Buffer) {
  const type = sniff(bytes)
  if (!type) throw new AppError(415, 'unsupported_file', UNSUPPORTED)
  if (bytes.length > MAX_BYTES[type.kind]) {
    throw new AppError(413, 'file_too_large', `${type.kind === 'pdf' ? 'PDF 文件' : '照片'}不能超过 ${MAX_BYTES[type.kind] / MB} MB`)
  }
  if (type.kind === 'pdf') return { kind: 'pdf' as const, full: bytes, thumb: null, width: null, height: null, mime: 'application/pdf', ext: 'pdf' }
  // sharp's prebuilt libvips decodes HEIF's AVIF flavour only, not the HEVC of iPhone photos.
  if (type.format === 'heic') throw new AppError(415, 'unsupported_file', HEIC)
  const format = type.format
  try {
    return { kind: 'image' as const, ...(await encodeImage(bytes, format)) }
  } catch {
    throw new AppError(400, 'unreadable_file', '照片已损坏或无法识别，请重新选择')
  }
}

/**
 * Stores an upload (the request's file is read once the caller may upload). The files are written first under fresh keys; the row that makes them reachable is
 * the idempotent write, so a replayed request answers the first upload and its own files are removed.
 */
export async function uploadMedia(ctx: MediaContext, read: () => Promise<Buffer>, replayed: () => boolean): Promise<MediaUpload> {
  deny(uploadRefusal(ctx.principal))
  const file = await prepare(await read())
  const units = await screeningUnits(ctx)
  const screening = screeningFor(file.kind, { wechat: ctx.app.mediaCheck !== null, staff: ctx.principal.grants.length > 0 })

  const dir = `${ctx.now.getUTCFullYear()}/${randomBytes(16).toString('hex')}`
  const keys = { full: `${dir}/full.${file.ext}`, thumb: file.thumb ? `${dir}/thumb.${file.ext}` : null }
  const store = ctx.app.mediaStore
  await store.put(keys.full, file.full, file.mime)
  if (keys.thumb && file.thumb) await store.put(keys.thumb, file.thumb, file.mime)
  const discard = () => Promise.all([store.remove(keys.full), keys.thumb ? store.remove(keys.thumb) : null])

  let answer: MediaUpload
  try {
    answer = await ctx.write(async (trx, after) => {
      const row = await trx
        .insertInto('media')
        .values({
          uploader_id: ctx.principal.userId,
          kind: file.kind,
          mime: file.mime,
          width: file.width,
          height: file.height,
          bytes: file.full.length,
          storage_key: keys.full,
          thumb_key: keys.thumb,
          status: initialStatus(screening),
          trace_id: null,
          ...units,
          decided_by: null,
          decided_at: null,
          created_at: ctx.now.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      if (screening === 'check') after((app) => submitForCheck(app, row.id))
      return toUpload(row)
    })
  } catch (err) {
    await discard()
    throw err
  }
  if (replayed()) await discard()
  return answer
}

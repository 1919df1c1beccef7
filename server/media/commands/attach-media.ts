import type { MediaKind, MediaOwnerKind } from '../../../types'
import type { Trx } from '../../core/db'
import { badInput } from '../../core/errors'
import { attachRefusal, deny } from '../policy'
import { MAX_PHOTOS } from '../rules'

export interface AttachInput {
  ids: number[]
  userId: number
  owner: { kind: MediaOwnerKind; id: number }
  now: Date
  /** An edit, whose files take the place of the owner's earlier ones. */
  replace?: boolean
  /** The request's field the ids came in, named by a refusal. */
  field?: string
}

/**
 * Attaches the caller's uploads to an owner, inside the owner's own write: at most nine, each the
 * caller's own, of the kinds the owner takes and not rejected. Answers the ids as stored with the owner,
 * duplicates dropped.
 */
export async function attachFiles(trx: Trx, input: AttachInput & { kinds: readonly MediaKind[] }): Promise<number[]> {
  const photosOnly = input.kinds.length === 1 && input.kinds[0] === 'image'
  const words = { noun: photosOnly ? '照片' : '照片或文件', field: input.field ?? 'photos' }
  if (input.replace) await trx.deleteFrom('media_attachments').where('owner_kind', '=', input.owner.kind).where('owner_id', '=', input.owner.id).execute()
  const ids = [...new Set(input.ids)]
  if (ids.length > MAX_PHOTOS) throw badInput(words.field, `最多附上 ${MAX_PHOTOS} ${photosOnly ? '张照片' : '个文件'}`)
  if (ids.length === 0) return []
  const rows = await trx.selectFrom('media').select(['id', 'uploader_id', 'status', 'kind', 'neighbourhood_id', 'street_id']).where('id', 'in', ids).execute()
  if (rows.length !== ids.length) throw badInput(words.field, `有${words.noun}不存在，请重新上传`)
  for (const m of rows) {
    deny(attachRefusal({ userId: input.userId }, m, words))
    if (!input.kinds.includes(m.kind)) throw badInput(words.field, photosOnly ? '这里只能附上照片' : '这里只能附上照片或 PDF 文件')
  }
  await trx
    .insertInto('media_attachments')
    .values(ids.map((id) => ({ media_id: id, owner_kind: input.owner.kind, owner_id: input.owner.id, created_at: input.now.toISOString() })))
    .execute()
  return ids
}

/** Photos only: proposals, progress updates, referral answers, posts. */
export const attachPhotos = (trx: Trx, input: AttachInput) => attachFiles(trx, { ...input, kinds: ['image'] })

import type { MediaOwnerKind } from '../../../types'
import type { Trx } from '../../core/db'
import { badInput } from '../../core/errors'
import { attachRefusal, deny } from '../policy'
import { MAX_PHOTOS } from '../rules'

/**
 * Attaches the caller's uploads to an owner, inside the owner's own write: at most nine, each the
 * caller's own image and not rejected. Answers the ids as stored with the owner, duplicates dropped.
 * `replace`: an edit, whose photos take the place of the owner's earlier ones.
 */
export async function attachPhotos(
  trx: Trx,
  input: { ids: number[]; userId: number; owner: { kind: MediaOwnerKind; id: number }; now: Date; replace?: boolean },
): Promise<number[]> {
  if (input.replace) await trx.deleteFrom('media_attachments').where('owner_kind', '=', input.owner.kind).where('owner_id', '=', input.owner.id).execute()
  const ids = [...new Set(input.ids)]
  if (ids.length > MAX_PHOTOS) throw badInput('photos', `最多附上 ${MAX_PHOTOS} 张照片`)
  if (ids.length === 0) return []
  const rows = await trx.selectFrom('media').select(['id', 'uploader_id', 'status', 'kind', 'neighbourhood_id', 'street_id']).where('id', 'in', ids).execute()
  if (rows.length !== ids.length) throw badInput('photos', '有照片不存在，请重新上传')
  for (const m of rows) {
    deny(attachRefusal({ userId: input.userId }, m))
    if (m.kind !== 'image') throw badInput('photos', '这里只能附上照片')
  }
  await trx
    .insertInto('media_attachments')
    .values(ids.map((id) => ({ media_id: id, owner_kind: input.owner.kind, owner_id: input.owner.id, created_at: input.now.toISOString() })))
    .execute()
  return ids
}

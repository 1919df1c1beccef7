import type { Trx } from '../core/db'
import { attachPhotos } from '../media'

/**
 * Attaches the caller's uploads to a new proposal or progress update, inside its write, and keeps their
 * order with it (the item's photos column).
 */
export async function storePhotos(trx: Trx, ids: number[] | undefined, userId: number, owner: { kind: 'proposal' | 'progress'; id: number }, now: Date): Promise<number[]> {
  const photos = await attachPhotos(trx, { ids: ids ?? [], userId, owner, now })
  if (photos.length === 0) return photos
  const json = JSON.stringify(photos)
  if (owner.kind === 'proposal') await trx.updateTable('proposals').set({ photos: json }).where('id', '=', owner.id).execute()
  else await trx.updateTable('proposal_progress').set({ photos: json }).where('id', '=', owner.id).execute()
  return photos
}

// Reading uploads: one with its permission check, and the photo objects an owner answers with.
import type { Kysely, Selectable } from 'kysely'
import type { MediaFile, MediaOwnerKind, MediaUpload } from '../../../types'
import type { Principal } from '../../accounts'
import type { Database } from '../../db/schema'
import { deny, readRefusal, unseen } from '../policy'
import type { MediaPorts } from '../ports'
import { mediaUrl, thumbUrl } from '../rules'
import { signFor } from '../signing'
import type { MediaTable } from '../tables'

type Q = Kysely<Database>
export type MediaRow = Selectable<MediaTable>

export async function loadMedia(db: Q, id: number): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The upload if the caller may read it; 404 otherwise, as for one that does not exist. */
export async function readableMedia(db: Q, ports: MediaPorts, p: Principal, id: number): Promise<MediaRow> {
  const row = await loadMedia(db, id)
  if (!row) throw unseen()
  deny(
    await readRefusal(p, row, async () => {
      const owners = await db.selectFrom('media_attachments').select(['owner_kind', 'owner_id']).where('media_id', '=', id).execute()
      for (const o of owners) if (await ports.owners[o.owner_kind]?.(p, o.owner_id)) return true
      return false
    }),
  )
  return row
}

/** An owner's photos as its row keeps them: upload ids as JSON, in order (anything else is ignored). */
export function parsePhotoIds(json: string): number[] {
  try {
    const v = JSON.parse(json) as unknown
    return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : []
  } catch {
    return []
  }
}

export const toUpload = (m: MediaRow): MediaUpload => ({
  id: m.id,
  kind: m.kind,
  width: m.width,
  height: m.height,
  thumbUrl: thumbUrl(m.id, m.kind),
  url: mediaUrl(m.id),
  status: m.status,
})

/**
 * An owner's photos (or files), in the order given, as the caller may see them: rejected ones never,
 * pending ones only by their uploader and (`committee`, as the owner judges it) the committee over the
 * owner. Their URLs are signed for this viewer, so the app shows them without the Authorization header.
 */
export async function filesFor(db: Q, viewer: { userId: number; committee: boolean }, ids: number[]): Promise<MediaFile[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('media').selectAll().where('id', 'in', ids).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids
    .map((id) => byId.get(id))
    .filter((m): m is MediaRow => m !== undefined && (m.status === 'visible' || (m.status === 'pending' && (m.uploader_id === viewer.userId || viewer.committee))))
    .map((m) => {
      const thumb = thumbUrl(m.id, m.kind)
      return { id: m.id, kind: m.kind, url: signFor(viewer.userId, m.id, 'full', mediaUrl(m.id)), thumbUrl: thumb && signFor(viewer.userId, m.id, 'thumb', thumb), status: m.status }
    })
}

/** The photos of posts, proposals, …: a file object whose kind the schema leaves out. */
export const photosFor = filesFor

/** The uploads attached to each of some owners of one kind, in the order they were attached. */
export async function attachedTo(db: Q, kind: MediaOwnerKind, ownerIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(ownerIds.map((id) => [id, []]))
  if (ownerIds.length === 0) return out
  const rows = await db
    .selectFrom('media_attachments')
    .select(['owner_id', 'media_id'])
    .where('owner_kind', '=', kind)
    .where('owner_id', 'in', ownerIds)
    .orderBy('created_at')
    .orderBy('media_id')
    .execute()
  for (const r of rows) out.get(r.owner_id)?.push(r.media_id)
  return out
}

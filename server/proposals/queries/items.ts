// A proposal as a list item, with the caller's marks. A page is decorated with two queries (the caller's
// co-signatures and follows among its ids), never one per row.
import type { ContentStatus, ProposalCategory, ProposalLevel, ProposalListItem, ProposalState } from '../../../types'
import { maskPersonalInfo } from '../../content'
import { parsePhotoIds, photosFor } from '../../media'
import type { Q } from '../context'
import { ownSignerKey } from '../cosignatures'
import { rolesOn, type Viewer } from '../policy'
import { authorLabel, isOverdue } from '../rules'
import type { ListRow } from './select'

export function labelOf(row: Pick<ListRow, 'author_building_name' | 'neighbourhood_name' | 'hide_building'>): string {
  return authorLabel({ buildingName: row.author_building_name, neighbourhoodName: row.neighbourhood_name, hideBuilding: row.hide_building === 1 })
}

/** The caller's marks on a page of proposals, and their cover photos' thumbnails signed for the caller. */
export interface Marks {
  cosigned: Set<number>
  followed: Set<number>
  covers: Map<number, string>
}

export function toItem(v: Viewer, r: ListRow, now: Date, { cosigned, followed, covers }: Marks): ProposalListItem {
  const roles = rolesOn(v, r)
  const original = roles.length > 0
  const state = r.state as ProposalState
  return {
    id: r.id,
    title: original ? r.title : maskPersonalInfo(r.title),
    category: r.category as ProposalCategory,
    level: r.level as ProposalLevel,
    unitId: r.unit_id,
    unitName: r.unit_name,
    neighbourhoodId: r.neighbourhood_id,
    state,
    cosignCount: r.cosign_count,
    threshold: r.threshold,
    deadlineAt: r.deadline_at,
    overdue: isOverdue(state, r.deadline_at, now),
    authorLabel: labelOf(r),
    enteredByStaff: r.entered_by !== null,
    contentStatus: r.content_status as ContentStatus,
    isMine: roles.includes('author'),
    cosignedByMe: cosigned.has(r.id),
    followedByMe: followed.has(r.id),
    coverPhoto: covers.get(r.id) ?? null,
    voteClosesAt: r.vote_closes_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/**
 * The caller's co-signatures and follows among the rows, and each row's first photo as its cover (as the
 * caller may see it: not rejected, pending only to its uploader): three queries for a whole page.
 */
export async function marks(db: Q, userId: number, rows: Pick<ListRow, 'id' | 'photos'>[]): Promise<Marks> {
  const ids = rows.map((r) => r.id)
  if (ids.length === 0) return { cosigned: new Set(), followed: new Set(), covers: new Map() }
  const firsts = rows.flatMap((r) => parsePhotoIds(r.photos).slice(0, 1).map((photo) => ({ id: r.id, photo })))
  const [c, f, shown] = await Promise.all([
    db.selectFrom('proposal_cosigns').select('proposal_id').where('proposal_id', 'in', ids).where('signer_key', '=', ownSignerKey(userId)).execute(),
    db.selectFrom('proposal_follows').select('proposal_id').where('proposal_id', 'in', ids).where('user_id', '=', userId).execute(),
    photosFor(db, { userId, committee: false }, firsts.map((x) => x.photo)),
  ])
  const thumbs = new Map(shown.map((p) => [p.id, p.thumbUrl]))
  const covers = new Map(firsts.flatMap((x) => (thumbs.get(x.photo) ? [[x.id, thumbs.get(x.photo)!] as const] : [])))
  return { cosigned: new Set(c.map((x) => x.proposal_id)), followed: new Set(f.map((x) => x.proposal_id)), covers }
}

export async function toItems(db: Q, v: Viewer, rows: ListRow[], now: Date): Promise<ProposalListItem[]> {
  const m = await marks(db, v.userId, rows)
  return rows.map((r) => toItem(v, r, now, m))
}

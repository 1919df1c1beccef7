// A proposal as a list item, with the caller's marks. A page is decorated with two queries (the caller's
// co-signatures and follows among its ids), never one per row.
import type { ContentStatus, ProposalCategory, ProposalLevel, ProposalListItem, ProposalState } from '../../../types'
import { maskPersonalInfo } from '../../content'
import { parsePhotoIds, thumbUrl } from '../../media'
import type { Q } from '../context'
import { ownSignerKey } from '../cosignatures'
import { rolesOn, type Viewer } from '../policy'
import { authorLabel, isOverdue } from '../rules'
import type { ListRow } from './select'

export function labelOf(row: Pick<ListRow, 'author_building_name' | 'neighbourhood_name' | 'hide_building'>): string {
  return authorLabel({ buildingName: row.author_building_name, neighbourhoodName: row.neighbourhood_name, hideBuilding: row.hide_building === 1 })
}

const coverOf = (ids: number[]) => (ids.length > 0 ? thumbUrl(ids[0], 'image') : null)

export function toItem(v: Viewer, r: ListRow, now: Date, cosigned: Set<number>, followed: Set<number>): ProposalListItem {
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
    coverPhoto: coverOf(parsePhotoIds(r.photos)),
    voteClosesAt: r.vote_closes_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** The caller's co-signatures and follows among `ids`: two queries for a whole page. */
export async function marks(db: Q, userId: number, ids: number[]): Promise<{ cosigned: Set<number>; followed: Set<number> }> {
  if (ids.length === 0) return { cosigned: new Set(), followed: new Set() }
  const [c, f] = await Promise.all([
    db.selectFrom('proposal_cosigns').select('proposal_id').where('proposal_id', 'in', ids).where('signer_key', '=', ownSignerKey(userId)).execute(),
    db.selectFrom('proposal_follows').select('proposal_id').where('proposal_id', 'in', ids).where('user_id', '=', userId).execute(),
  ])
  return { cosigned: new Set(c.map((x) => x.proposal_id)), followed: new Set(f.map((x) => x.proposal_id)) }
}

export async function toItems(db: Q, v: Viewer, rows: ListRow[], now: Date): Promise<ProposalListItem[]> {
  const { cosigned, followed } = await marks(
    db,
    v.userId,
    rows.map((r) => r.id),
  )
  return rows.map((r) => toItem(v, r, now, cosigned, followed))
}

// A proposal as a list item, with the caller's marks. A page is decorated with one query for the caller's
// co-signatures and follows among its ids and one for cover photos, never one per row.
import type { ContentStatus, ProposalCategory, ProposalLevel, ProposalListItem, ProposalState } from '../../../types'
import { sql } from 'kysely'
import { maskPersonalInfo } from '../../content'
import { compiled } from '../../core/compiled'
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

// Every list, detail and 首页 reads them. Read from the caller's side (the user indexes), within the page's
// range of ids, then narrowed to the page: a few rows of one index range each, where looking up every id
// of the page in the proposals' indexes cost the most of any query of a list.
const ownMarks = compiled((db: Q, v: { userId: number; signer: string; from: number; to: number }) =>
  db
    .selectFrom('proposal_cosigns')
    .select([sql.lit('cosigned').as('mark'), 'proposal_id'])
    .where('user_id', '=', v.userId)
    .where('proposal_id', '>=', v.from)
    .where('proposal_id', '<=', v.to)
    .where('signer_key', '=', v.signer)
    .unionAll(
      db
        .selectFrom('proposal_follows')
        .select([sql.lit('followed').as('mark'), 'proposal_id'])
        .where('user_id', '=', v.userId)
        .where('proposal_id', '>=', v.from)
        .where('proposal_id', '<=', v.to),
    ),
)

/**
 * The caller's co-signatures and follows among the rows, and each row's first photo as its cover (as the
 * caller may see it: not rejected, pending only to its uploader): two queries for a whole page.
 */
export async function marks(db: Q, userId: number, rows: Pick<ListRow, 'id' | 'photos'>[]): Promise<Marks> {
  const ids = rows.map((r) => r.id)
  if (ids.length === 0) return { cosigned: new Set(), followed: new Set(), covers: new Map() }
  const firsts = rows.flatMap((r) => parsePhotoIds(r.photos).slice(0, 1).map((photo) => ({ id: r.id, photo })))
  const [own, shown] = await Promise.all([
    ownMarks.all(db, { userId, signer: ownSignerKey(userId), from: Math.min(...ids), to: Math.max(...ids) }),
    photosFor(db, { userId, committee: false }, firsts.map((x) => x.photo)),
  ])
  const thumbs = new Map(shown.map((p) => [p.id, p.thumbUrl]))
  const covers = new Map(firsts.flatMap((x) => (thumbs.get(x.photo) ? [[x.id, thumbs.get(x.photo)!] as const] : [])))
  const onPage = new Set(ids)
  const of = (mark: string) => new Set(own.flatMap((x) => (x.mark === mark && onPage.has(x.proposal_id) ? [x.proposal_id] : [])))
  return { cosigned: of('cosigned'), followed: of('followed'), covers }
}

export async function toItems(db: Q, v: Viewer, rows: ListRow[], now: Date): Promise<ProposalListItem[]> {
  const m = await marks(db, v.userId, rows)
  return rows.map((r) => toItem(v, r, now, m))
}

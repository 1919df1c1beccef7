// A proposal as a list item, with the caller's marks. A page is decorated with the caller's kept marks and
// at most one query for cover photos, never one per row.
import type { ContentStatus, ProposalCategory, ProposalLevel, ProposalListItem, ProposalState } from '../../../types'
import { sql } from 'kysely'
import { maskPersonalInfo } from '../../content'
import * as postgresJson from 'kysely/helpers/postgres'
import { compiled } from '../../core/compiled'
import { onSqlite } from '../../core/dialect'
import { perRow } from '../../core/per-row'
import { parsePhotoIds, photosFor } from '../../media'
import type { Q } from '../context'
import { ownSignerKey } from '../cosignatures'
import { rolesOn, type Viewer } from '../policy'
import { sharedLists } from '../shared-lists'
import { householdOfCaller } from '../units'
import { authorLabel, isOverdue } from '../rules'
import type { ListRow } from './select'

export function labelOf(row: Pick<ListRow, 'author_building_name' | 'neighbourhood_name' | 'hide_building'>): string {
  return authorLabel({ buildingName: row.author_building_name, neighbourhoodName: row.neighbourhood_name, hideBuilding: row.hide_building === 1 })
}

/** The caller's marks, and the cover photos' thumbnails of a page of proposals signed for the caller. */
export interface Marks extends OwnMarks {
  covers: Map<number, string>
}

// Derived from the row alone, so once per kept row (per-row.ts): the photo list is JSON, and masking a
// title runs five patterns over it.
const photoIdsOf = perRow((r: Pick<ListRow, 'photos'>) => parsePhotoIds(r.photos))
const maskedTitle = perRow((r: Pick<ListRow, 'title'>) => maskPersonalInfo(r.title))

export function toItem(v: Viewer, r: ListRow, now: Date, { cosigned, followed, covers }: Marks): ProposalListItem {
  const roles = rolesOn(v, r)
  const original = roles.length > 0
  const state = r.state as ProposalState
  return {
    id: r.id,
    title: original ? r.title : maskedTitle(r),
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

/** What the caller has done to proposals, and their household's ballots: all of them, by proposal id. */
export interface OwnMarks {
  cosigned: ReadonlySet<number>
  followed: ReadonlySet<number>
  evaluated: ReadonlyMap<number, { rating: number; comment: string | null }>
  /** 每户一票: the household's ballot, whoever of it cast it. */
  householdVoted: ReadonlyMap<number, { choice: string; userId: number }>
}

// Every list, detail and 首页 needs them: read all at once from the caller's side (a range of a user or
// household index each), kept per caller with the shared lists and forgotten with them on every proposal
// write, so a resident's pages cost no query of their own until something changes.
type Own = { userId: number; signer: string; buildingId: number; room: string }
const signedOrFollowedQuery = (db: Q, v: Own) =>
  db
    .selectFrom('proposal_cosigns')
    .select([sql.lit('cosigned').as('mark'), 'proposal_id'])
    .where('user_id', '=', v.userId)
    .where('signer_key', '=', v.signer)
    .unionAll(db.selectFrom('proposal_follows').select([sql.lit('followed').as('mark'), 'proposal_id']).where('user_id', '=', v.userId))
const evaluationsQuery = (db: Q, v: Own) => db.selectFrom('proposal_evaluations').select(['proposal_id', 'rating', 'comment']).where('user_id', '=', v.userId)
const ballotsQuery = (db: Q, v: Own) =>
  db.selectFrom('proposal_votes').select(['proposal_id', 'choice', 'user_id']).where('building_id', '=', v.buildingId).where('room', '=', v.room)
const signedOrFollowed = compiled(signedOrFollowedQuery)
const evaluationsBy = compiled(evaluationsQuery)
const ballotsOf = compiled(ballotsQuery)

// On PostgreSQL the three come in one statement: a cold page already waits for the pool for its others.
const allAtOnce = compiled((db: Q, v: Own) =>
  db.selectNoFrom([
    postgresJson.jsonArrayFrom(signedOrFollowedQuery(db, v)).as('marked'),
    postgresJson.jsonArrayFrom(evaluationsQuery(db, v)).as('evaluations'),
    postgresJson.jsonArrayFrom(ballotsQuery(db, v)).as('ballots'),
  ]),
)

async function readOwnMarks(db: Q, v: Viewer, household: { buildingId: number; room: string } | null): Promise<OwnMarks> {
  // No approved residence, no household: building 0 holds no ballots.
  const values = { userId: v.userId, signer: ownSignerKey(v.userId), ...(household ?? { buildingId: 0, room: '' }) }
  const { marked, evaluations, ballots } = onSqlite(db)
    ? { marked: await signedOrFollowed.all(db, values), evaluations: await evaluationsBy.all(db, values), ballots: await ballotsOf.all(db, values) }
    : (await allAtOnce.first(db, values))!
  const of = (mark: string) => new Set(marked.flatMap((r) => (r.mark === mark ? [r.proposal_id] : [])))
  return {
    cosigned: of('cosigned'),
    followed: of('followed'),
    evaluated: new Map(evaluations.map((e) => [e.proposal_id, { rating: e.rating, comment: e.comment }])),
    householdVoted: new Map(ballots.map((b) => [b.proposal_id, { choice: b.choice, userId: b.user_id }])),
  }
}

/** The caller's marks: kept, but read afresh inside a write, which may just have changed them. */
export function ownMarks(db: Q, v: Viewer, now: Date): Promise<OwnMarks> {
  const household = householdOfCaller(v.principal)
  if (db.isTransaction) return readOwnMarks(db, v, household)
  const key = household ? `${v.userId}:${household.buildingId}:${household.room}` : `${v.userId}`
  return sharedLists(db).keepForCaller(key, now.getTime(), () => readOwnMarks(db, v, household))
}

/**
 * The caller's marks, and each row's first photo as its cover (as the caller may see it: not rejected,
 * pending only to its uploader), signed for the caller: at most one query for a whole page.
 */
export async function marks(db: Q, v: Viewer, rows: Pick<ListRow, 'id' | 'photos'>[], now: Date): Promise<Marks> {
  const firsts = rows.flatMap((r) => photoIdsOf(r).slice(0, 1).map((photo) => ({ id: r.id, photo })))
  const [own, shown] = await Promise.all([ownMarks(db, v, now), photosFor(db, { userId: v.userId, committee: false }, firsts.map((x) => x.photo))])
  const thumbs = new Map(shown.map((p) => [p.id, p.thumbUrl]))
  const covers = new Map(firsts.flatMap((x) => (thumbs.get(x.photo) ? [[x.id, thumbs.get(x.photo)!] as const] : [])))
  return { cosigned: own.cosigned, followed: own.followed, evaluated: own.evaluated, householdVoted: own.householdVoted, covers }
}

export async function toItems(db: Q, v: Viewer, rows: ListRow[], now: Date): Promise<ProposalListItem[]> {
  const m = await marks(db, v, rows, now)
  return rows.map((r) => toItem(v, r, now, m))
}

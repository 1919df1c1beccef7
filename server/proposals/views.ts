// Reading proposals: what each caller may see, lists with cursors, and the detail page. Lists fetch a
// page with one query and decorate it with two more (the caller's co-signatures and follows), never per row.
import type { ExpressionBuilder, Kysely } from 'kysely'
import type {
  ContentStatus,
  EvaluationSummary,
  MeetingKind,
  ProgressComment,
  ProgressUpdate,
  ProposalCategory,
  ProposalDetail,
  ProposalLevel,
  ProposalListItem,
  ProposalMeeting,
  ProposalState,
  ProposalTransition,
  ProposalVote,
  ReferralTarget,
  VoteChoice,
} from '../../types'
import { REFERRAL_TARGET_NAMES, UNIT_LEVEL_NAMES } from '../../types'
import { isStaffFor, livesIn, type Principal } from '../accounts'
import { STAFF_LABEL } from '../accounts'
import { maskPersonalInfo } from '../content'
import type { Database } from '../db/schema'
import { badInput } from '../core/errors'
import {
  allowedTransitions,
  authorLabel,
  countChoices,
  isOverdue,
  OVERDUE_STATES,
  toYuan,
  voteResult,
  type ActorRole,
  type SettingsValues,
} from './rules'
import { loadSettings } from './settings'
import { chainOf, householdOf, verifiedHouseholdsIn } from './units'

type Q = Kysely<Database>
type DB = Database & { p: Database['proposals']; u: Database['units']; ab: Database['units']; nb: Database['units'] }

export const SYSTEM_LABEL = '系统'

/** Who is looking, with what they may see. */
export interface Viewer {
  principal: Principal
  userId: number
  /** The 居民区 of the caller's verified residence. */
  neighbourhoodId: number | null
  /** Units the caller serves as moderator (居民区) or admin (街镇). */
  grantUnitIds: number[]
}

export function viewerOf(principal: Principal): Viewer {
  const chain = principal.residence?.chain ?? []
  return {
    principal,
    userId: principal.userId,
    neighbourhoodId: chain.length >= 2 ? chain[chain.length - 2] : null,
    grantUnitIds: principal.grants.map((g) => g.unitId),
  }
}

/** May read any proposal at all (a verified resident or staff). */
export const hasReadScope = (v: Viewer) => v.neighbourhoodId !== null || v.grantUnitIds.length > 0

/**
 * Rows the viewer may see in lists: proposals of their own 居民区 and of the 居民区 / 街镇 they serve; of
 * those, what is published, their own, and (as committee) everything. Written as "scope AND shown" so a
 * resident's list walks the 居民区's index. (Authors see their own anywhere through 我的提案 and the detail.)
 */
export function visibleTo(v: Viewer) {
  const staff = v.grantUnitIds
  const nbs = [...new Set([...(v.neighbourhoodId === null ? [] : [v.neighbourhoodId]), ...staff])]
  return (eb: ExpressionBuilder<DB, 'p'>) => {
    const scope = [eb('p.neighbourhood_id', 'in', nbs.length > 0 ? nbs : [0])]
    const shown = [eb('p.content_status', '=', 'visible'), eb('p.author_id', '=', v.userId)]
    if (staff.length > 0) {
      scope.push(eb('p.street_id', 'in', staff))
      shown.push(eb('p.neighbourhood_id', 'in', staff), eb('p.street_id', 'in', staff))
    }
    return eb.and([eb.or(scope), eb.or(shown)])
  }
}

export function listQuery(db: Q) {
  return db
    .selectFrom('proposals as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('units as ab', 'ab.id', 'p.author_building_id')
    .innerJoin('units as nb', 'nb.id', 'p.neighbourhood_id')
    .select([
      'p.id',
      'p.title',
      'p.category',
      'p.level',
      'p.unit_id',
      'u.name as unit_name',
      'p.building_id',
      'p.estate_id',
      'p.neighbourhood_id',
      'p.street_id',
      'p.state',
      'p.cosign_count',
      'p.threshold',
      'p.deadline_at',
      'p.author_id',
      'p.entered_by',
      'p.hide_building',
      'ab.name as author_building_name',
      'nb.name as neighbourhood_name',
      'p.content_status',
      'p.photos',
      'p.vote_closes_at',
      'p.created_at',
      'p.updated_at',
    ])
}

export type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>

export function rolesOn(v: Viewer, row: Pick<ListRow, 'author_id' | 'building_id' | 'estate_id' | 'neighbourhood_id' | 'street_id'>): ActorRole[] {
  const roles: ActorRole[] = []
  if (row.author_id !== null && row.author_id === v.userId) roles.push('author')
  if (isStaffFor(v.principal, chainOf(row))) roles.push('committee')
  return roles
}

export function labelOf(row: Pick<ListRow, 'author_building_name' | 'neighbourhood_name' | 'hide_building'>): string {
  return authorLabel({ buildingName: row.author_building_name, neighbourhoodName: row.neighbourhood_name, hideBuilding: row.hide_building === 1 })
}

function parsePhotos(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

function toItem(v: Viewer, r: ListRow, now: Date, cosigned: Set<number>, followed: Set<number>): ProposalListItem {
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
    coverPhoto: parsePhotos(r.photos)[0] ?? null,
    voteClosesAt: r.vote_closes_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** The caller's co-signatures and follows among `ids`: two queries for a whole page. */
async function marks(db: Q, userId: number, ids: number[]): Promise<{ cosigned: Set<number>; followed: Set<number> }> {
  if (ids.length === 0) return { cosigned: new Set(), followed: new Set() }
  const [c, f] = await Promise.all([
    db.selectFrom('proposal_cosigns').select('proposal_id').where('proposal_id', 'in', ids).where('signer_key', '=', `u:${userId}`).execute(),
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

// ---------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------

export type Sort = 'newest' | 'cosigns'

interface Cursor {
  s: Sort
  id: number
  c?: number
}

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url')

export function decodeCursor(raw: string, sort: Sort): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor
    if (c.s === sort && Number.isInteger(c.id) && (sort === 'newest' || Number.isInteger(c.c))) return c
  } catch {
    // falls through
  }
  throw badInput('cursor', '分页参数无效，请刷新后重试')
}

export interface ListFilter {
  states?: ProposalState[]
  category?: string
  /** A unit and everything under it. */
  within?: { id: number; level: 'street' | 'neighbourhood' | 'estate' | 'building' }
  /** Proposals belonging exactly to one of these units (home: the caller's 楼组, 小区 and 居民区). */
  unitIds?: number[]
  mine?: boolean
  overdue?: boolean
  /** Only what the caller serves as committee (the queue). */
  committeeScope?: number[]
  /** Collecting, at least 60 % of the way to the threshold, not yet co-signed by the caller nor theirs. */
  nearThreshold?: boolean
  /** Completed, evaluation window open, not yet evaluated by the caller. */
  toEvaluate?: boolean
  /** Voting whose closing time has passed. */
  votesDue?: boolean
  pendingReview?: boolean
  sort: Sort
  cursor?: string
  limit: number
}

/** A page of rows, undecorated (首页 decorates several lists at once). */
export async function listRows(db: Q, v: Viewer, f: ListFilter, now: Date): Promise<{ rows: ListRow[]; nextCursor: string | null }> {
  // 我的提案: the author's own, wherever they are (they may have moved since).
  let q = f.mine ? listQuery(db).where('p.author_id', '=', v.userId) : listQuery(db).where(visibleTo(v))
  if (f.states && f.states.length > 0) q = q.where('p.state', 'in', f.states)
  if (f.category) q = q.where('p.category', '=', f.category)
  if (f.within) {
    // Only 楼组 proposals have a building_id, so unit_id (indexed) says the same for a 楼组.
    const col = { building: 'p.unit_id', estate: 'p.estate_id', neighbourhood: 'p.neighbourhood_id', street: 'p.street_id' } as const
    q = q.where(col[f.within.level], '=', f.within.id)
  }
  if (f.unitIds) q = q.where('p.unit_id', 'in', f.unitIds.length ? f.unitIds : [0])
  const iso = now.toISOString()
  if (f.overdue) q = q.where('p.state', 'in', OVERDUE_STATES).where('p.deadline_at', '<', iso)
  if (f.committeeScope) {
    const ids = f.committeeScope.length ? f.committeeScope : [0]
    q = q.where((eb) => eb.or([eb('p.neighbourhood_id', 'in', ids), eb('p.street_id', 'in', ids)]))
  }
  if (f.nearThreshold) {
    q = q
      .where('p.state', '=', 'submitted')
      .where('p.content_status', '=', 'visible')
      .where((eb) => eb(eb('p.cosign_count', '*', 10), '>=', eb('p.threshold', '*', 6)))
      .where((eb) => eb.or([eb('p.author_id', 'is', null), eb('p.author_id', '!=', v.userId)]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('proposal_cosigns as c')
              .select('c.id')
              .whereRef('c.proposal_id', '=', 'p.id')
              .where('c.signer_key', '=', `u:${v.userId}`),
          ),
        ),
      )
  }
  if (f.toEvaluate) {
    q = q
      .where('p.state', '=', 'completed')
      .where('p.deadline_at', '>', iso)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('proposal_evaluations as e')
              .select('e.user_id')
              .whereRef('e.proposal_id', '=', 'p.id')
              .where('e.user_id', '=', v.userId),
          ),
        ),
      )
  }
  if (f.votesDue) q = q.where('p.state', '=', 'voting').where('p.vote_closes_at', '<=', iso)
  if (f.pendingReview) q = q.where('p.content_status', '=', 'pending_review')
  if (f.sort === 'newest') {
    if (f.cursor) q = q.where('p.id', '<', decodeCursor(f.cursor, 'newest').id)
    q = q.orderBy('p.id', 'desc')
  } else {
    if (f.cursor) {
      const c = decodeCursor(f.cursor, 'cosigns')
      q = q.where((eb) => eb.or([eb('p.cosign_count', '<', c.c!), eb.and([eb('p.cosign_count', '=', c.c!), eb('p.id', '<', c.id)])]))
    }
    q = q.orderBy('p.cosign_count', 'desc').orderBy('p.id', 'desc')
  }
  const rows = await q.limit(f.limit + 1).execute()
  const page = rows.slice(0, f.limit)
  const last = page[page.length - 1]
  const nextCursor =
    rows.length > f.limit && last ? encodeCursor(f.sort === 'newest' ? { s: 'newest', id: last.id } : { s: 'cosigns', id: last.id, c: last.cosign_count }) : null
  return { rows: page, nextCursor }
}

export async function listProposals(db: Q, v: Viewer, f: ListFilter, now: Date): Promise<{ items: ProposalListItem[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await listRows(db, v, f, now)
  return { items: await toItems(db, v, rows, now), nextCursor }
}

// ---------------------------------------------------------------------------
// Detail
// ---------------------------------------------------------------------------

export function detailQuery(db: Q) {
  return listQuery(db).select([
    'p.body',
    'p.staff_note',
    'p.merged_into',
    'p.referred_to',
    'p.referral_answer',
    'p.referral_answered_at',
    'p.vote_for',
    'p.vote_against',
    'p.vote_abstain',
    'p.vote_eligible',
    'p.vote_passed',
    'p.decided_offline',
    'p.impl_owner',
    'p.impl_planned_date',
    'p.budget_planned_fen',
    'p.budget_spent_fen',
    'p.progress_percent',
    'p.topic_id',
    'p.state_entered_at',
  ])
}

export type DetailRow = Awaited<ReturnType<ReturnType<typeof detailQuery>['executeTakeFirstOrThrow']>>

/** The tally of a vote from its ballots (the outcome is only published once it has closed). */
export async function tallyVote(db: Q, row: Pick<DetailRow, 'id' | 'unit_id' | 'level'>, settings: SettingsValues) {
  const [ballots, eligible] = await Promise.all([
    db.selectFrom('proposal_votes').select('choice').where('proposal_id', '=', row.id).execute(),
    verifiedHouseholdsIn(db, { id: row.unit_id, level: row.level as ProposalLevel }),
  ])
  const counts = countChoices(ballots.map((b) => b.choice as VoteChoice))
  const { turnout, passed } = voteResult(counts, eligible, settings)
  return { ...counts, turnout, eligibleHouseholds: eligible, passed }
}

export async function loadDetail(db: Q, v: Viewer, row: DetailRow, now: Date): Promise<ProposalDetail> {
  const roles = rolesOn(v, row)
  const committee = roles.includes('committee')
  const original = roles.length > 0
  const mask = (s: string) => (committee ? s : maskPersonalInfo(s))
  const state = row.state as ProposalState
  const actorLabel = labelOf(row)
  const evaluating = state === 'completed' || state === 'closed'
  const household = state === 'voting' ? await householdOf(db, v.userId) : null
  // Meetings are recorded from acceptance on, progress from implementation on: earlier states skip the reads.
  const deliberated = !['submitted', 'screening', 'rejected', 'withdrawn', 'expired', 'merged'].includes(state)
  const implemented = row.impl_owner !== null
  const none = Promise.resolve([])

  const [marksOf, transitions, meetings, progress, comments, mergedInto, mergedFrom, ballot, evalAgg, evalMine, evalRecent] = await Promise.all([
    marks(db, v.userId, [row.id]),
    db.selectFrom('proposal_transitions').selectAll().where('proposal_id', '=', row.id).orderBy('id').execute(),
    deliberated ? db.selectFrom('proposal_meetings').selectAll().where('proposal_id', '=', row.id).orderBy('id').execute() : none,
    implemented ? db.selectFrom('proposal_progress').selectAll().where('proposal_id', '=', row.id).orderBy('id').execute() : none,
    implemented ? db.selectFrom('proposal_progress_comments').selectAll().where('proposal_id', '=', row.id).orderBy('id').execute() : none,
    row.merged_into === null
      ? null
      : db.selectFrom('proposals').select(['id', 'title']).where('id', '=', row.merged_into).executeTakeFirst(),
    db.selectFrom('proposals').select(['id', 'title']).where('merged_into', '=', row.id).orderBy('id').execute(),
    household
      ? db
          .selectFrom('proposal_votes')
          .select(['choice', 'user_id'])
          .where('proposal_id', '=', row.id)
          .where('building_id', '=', household.buildingId)
          .where('room', '=', household.room)
          .executeTakeFirst()
      : undefined,
    evaluating
      ? db
          .selectFrom('proposal_evaluations')
          .select((eb) => [eb.fn.avg<number>('rating').as('avg'), eb.fn.countAll<number>().as('n')])
          .where('proposal_id', '=', row.id)
          .executeTakeFirstOrThrow()
      : null,
    evaluating
      ? db.selectFrom('proposal_evaluations').select(['rating', 'comment']).where('proposal_id', '=', row.id).where('user_id', '=', v.userId).executeTakeFirst()
      : undefined,
    evaluating
      ? db
          .selectFrom('proposal_evaluations')
          .select(['rating', 'comment', 'author_label', 'created_at', 'content_status', 'user_id'])
          .where('proposal_id', '=', row.id)
          .orderBy('updated_at', 'desc')
          .limit(20)
          .execute()
      : [],
  ])

  const item = toItem(v, row, now, marksOf.cosigned, marksOf.followed)
  const voteClosed = state === 'voting' && row.vote_closes_at !== null && row.vote_closes_at <= now.toISOString()
  let voteOutcome: 'approved' | 'declined' | null = null
  if (voteClosed && committee) voteOutcome = (await tallyVote(db, row, await loadSettings(db, row.neighbourhood_id))).passed ? 'approved' : 'declined'

  const timeline: ProposalTransition[] = transitions.map((t) => ({
    id: t.id,
    from: t.from_state as ProposalState | null,
    to: t.to_state as ProposalState,
    actorRole: t.actor_role,
    actorLabel: t.actor_role === 'system' ? SYSTEM_LABEL : t.actor_role === 'committee' ? STAFF_LABEL : actorLabel,
    reason: t.reason === null ? null : mask(t.reason),
    details: t.details ? (JSON.parse(t.details) as Record<string, unknown>) : null,
    at: t.created_at,
  }))

  const shownComment = (c: { user_id: number; content_status: string }) => c.content_status === 'visible' || c.user_id === v.userId || committee
  const progressUpdates: ProgressUpdate[] = progress.map((pu) => ({
    id: pu.id,
    percent: pu.percent,
    text: mask(pu.text),
    photos: parsePhotos(pu.photos),
    budgetSpent: toYuan(pu.budget_spent_fen),
    createdAt: pu.created_at,
    comments: comments
      .filter((c) => c.progress_id === pu.id && shownComment(c))
      .map(
        (c): ProgressComment => ({
          id: c.id,
          authorLabel: c.author_label,
          body: c.user_id === v.userId || committee ? c.body : maskPersonalInfo(c.body),
          isMine: c.user_id === v.userId,
          contentStatus: c.content_status as ContentStatus,
          createdAt: c.created_at,
        }),
      ),
  }))

  const meetingsOut: ProposalMeeting[] = meetings.map((m) => ({
    id: m.id,
    kind: m.kind as MeetingKind,
    heldOn: m.held_on,
    place: m.place,
    attendance: m.attendance,
    minutes: mask(m.minutes),
    decisions: m.decisions === null ? null : mask(m.decisions),
    createdAt: m.created_at,
  }))

  let vote: ProposalVote | null = null
  if (state === 'voting' || row.vote_closes_at !== null || row.decided_offline === 1) {
    const open = state === 'voting' && !voteClosed
    const closedTally =
      row.vote_passed !== null && row.vote_for !== null
        ? {
            for: row.vote_for,
            against: row.vote_against ?? 0,
            abstain: row.vote_abstain ?? 0,
            turnout: row.vote_for + (row.vote_against ?? 0) + (row.vote_abstain ?? 0),
            eligibleHouseholds: row.vote_eligible ?? 0,
            passed: row.vote_passed === 1,
          }
        : null
    vote = {
      closesAt: row.vote_closes_at,
      household: ballot ? { choice: ballot.choice as VoteChoice, castByMe: ballot.user_id === v.userId } : null,
      canVote: open && household !== null && livesIn(v.principal, chainOf(row)) && (!ballot || ballot.user_id === v.userId),
      result: closedTally,
      decidedOffline: row.decided_offline === 1,
    }
  }

  let evaluations: EvaluationSummary | null = null
  if (evaluating && evalAgg) {
    const count = Number(evalAgg.n)
    evaluations = {
      average: count > 0 ? Math.round(Number(evalAgg.avg) * 10) / 10 : null,
      count,
      windowEndsAt: state === 'completed' ? row.deadline_at : null,
      mine: evalMine ? { rating: evalMine.rating, comment: evalMine.comment } : null,
      canEvaluate: state === 'completed' && row.deadline_at !== null && row.deadline_at > now.toISOString() && livesIn(v.principal, chainOf(row)),
      recent: evalRecent
        .filter((e) => e.content_status === 'visible' || e.user_id === v.userId || committee)
        .map((e) => ({
          rating: e.rating,
          comment: e.comment === null ? null : e.user_id === v.userId || committee ? e.comment : maskPersonalInfo(e.comment),
          authorLabel: e.author_label,
          createdAt: e.created_at,
        })),
    }
  }

  return {
    ...item,
    body: original ? row.body : maskPersonalInfo(row.body),
    photos: parsePhotos(row.photos),
    unitLevelName: UNIT_LEVEL_NAMES[row.level as ProposalLevel],
    staffNote: committee ? row.staff_note : null,
    mergedInto: mergedInto ? { id: mergedInto.id, title: original ? mergedInto.title : maskPersonalInfo(mergedInto.title) } : null,
    mergedFrom: mergedFrom.map((m) => ({ id: m.id, title: committee ? m.title : maskPersonalInfo(m.title) })),
    referral: row.referred_to
      ? {
          to: row.referred_to as ReferralTarget,
          toName: REFERRAL_TARGET_NAMES[row.referred_to as ReferralTarget] ?? row.referred_to,
          reason: transitions.filter((t) => t.to_state === 'referred').map((t) => (t.reason === null ? null : mask(t.reason)))[0] ?? null,
          answer: row.referral_answer === null ? null : mask(row.referral_answer),
          answeredAt: row.referral_answered_at,
        }
      : null,
    implementation: row.impl_owner
      ? {
          owner: row.impl_owner,
          plannedDate: row.impl_planned_date ?? '',
          budgetPlanned: toYuan(row.budget_planned_fen),
          budgetSpent: toYuan(row.budget_spent_fen),
          percent: row.progress_percent ?? 0,
        }
      : null,
    timeline,
    meetings: meetingsOut,
    progress: progressUpdates,
    vote,
    evaluations,
    topicId: row.topic_id,
    allowedTransitions: roles.length > 0 ? allowedTransitions(state, { roles, enteredByStaff: row.entered_by !== null, voteOutcome }) : [],
    canCosign:
      state === 'submitted' &&
      row.content_status === 'visible' &&
      !roles.includes('author') &&
      !item.cosignedByMe &&
      livesIn(v.principal, chainOf(row)),
    isCommittee: committee,
  }
}

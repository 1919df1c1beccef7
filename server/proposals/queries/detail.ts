// One proposal: whether the caller may read it, and its detail page with everything under it.
import { sql, type Selectable } from 'kysely'
import type {
  ContentStatus,
  EvaluationSummary,
  MeetingKind,
  ProgressComment,
  ProgressUpdate,
  ProposalDetail,
  ProposalLevel,
  ProposalMeeting,
  ProposalState,
  ProposalTransition,
  ProposalVote,
  ReferralAnswerer,
  ReferralTarget,
  VoteChoice,
} from '../../../types'
import { REFERRAL_TARGET_NAMES, UNIT_LEVEL_NAMES } from '../../../types'
import { STAFF_LABEL } from '../../accounts'
import { maskPersonalInfo } from '../../content'
import * as postgresJson from 'kysely/helpers/postgres'
import { compiled } from '../../core/compiled'
import { onSqlite } from '../../core/dialect'
import { perRow } from '../../core/per-row'
import { AppError, notFound } from '../../core/errors'
import { attachedTo, filesFor, parsePhotoIds, photosFor, type MediaPorts, type OwnerReader } from '../../media'
import type { Database } from '../../db/schema'
import type { Q, ReadContext } from '../context'
import { canCosign, canEvaluate, canVote, deny, isRefereeOf, readRefusal, rolesOn, viewerOf, type Viewer } from '../policy'
import { allowedTransitions, correctionsIn, referralStatus, toYuan } from '../rules'
import { loadSettings } from '../settings'
import { sharedLists } from '../shared-lists'
import { householdOfCaller } from '../units'
import { labelOf, marks, toItem } from './items'
import { detailQuery, type DetailRow } from './select'
import { tallyVote } from './tally'

export const SYSTEM_LABEL = '系统'

// Every detail page reads these.
const detailById = compiled((db: Q, v: { id: number }) => detailQuery(db).where('p.id', '=', v.id))

/** The proposal if the caller may read it: 404 if it doesn't exist (or is held from them), 403 outside its 居民区. */
export async function readableProposal(db: Q, v: Viewer, id: number): Promise<DetailRow> {
  const row = await detailById.first(db, { id })
  if (!row) throw notFound('提案')
  deny(readRefusal(v, row))
  return row
}

/** Photos on a proposal, its progress updates or its referral answers are readable by whoever may read the proposal. */
export function proposalPhotoReaders(db: Q): MediaPorts['owners'] {
  const proposal: OwnerReader = (principal, id) =>
    readableProposal(db, viewerOf(principal), id).then(
      () => true,
      (err) => {
        if (err instanceof AppError) return false
        throw err
      },
    )
  // A progress update, referral answer or meeting is readable with its proposal.
  const via =
    (table: 'proposal_progress' | 'referral_events' | 'proposal_meetings'): OwnerReader =>
    async (principal, id) => {
      const r = await db.selectFrom(table).select('proposal_id').where('id', '=', id).executeTakeFirst()
      return r ? proposal(principal, r.proposal_id) : false
    }
  return { proposal, progress: via('proposal_progress'), referral: via('referral_events'), meeting: via('proposal_meetings') }
}

// What hangs under a proposal, by id: read one by one on SQLite, all in the row's statement on PostgreSQL.
type ById = { id: number }
const parts = {
  transitions: (db: Q, v: ById) => db.selectFrom('proposal_transitions').selectAll().where('proposal_id', '=', v.id).orderBy('id'),
  mergedFrom: (db: Q, v: ById) => db.selectFrom('proposals').select(['id', 'title']).where('merged_into', '=', v.id).orderBy('id'),
  referralEvents: (db: Q, v: ById) => db.selectFrom('referral_events').selectAll().where('proposal_id', '=', v.id).orderBy('id'),
  meetings: (db: Q, v: ById) => db.selectFrom('proposal_meetings').selectAll().where('proposal_id', '=', v.id).orderBy('id'),
  progress: (db: Q, v: ById) => db.selectFrom('proposal_progress').selectAll().where('proposal_id', '=', v.id).orderBy('id'),
  comments: (db: Q, v: ById) => db.selectFrom('proposal_progress_comments').selectAll().where('proposal_id', '=', v.id).orderBy('id'),
  evalAgg: (db: Q, v: ById) =>
    db
      .selectFrom('proposal_evaluations')
      .select((eb) => [eb.fn.avg<number>('rating').as('avg'), eb.fn.countAll<number>().as('n')])
      .where('proposal_id', '=', v.id),
  evalRecent: (db: Q, v: ById) =>
    db
      .selectFrom('proposal_evaluations')
      .select(['rating', 'comment', 'author_label', 'created_at', 'updated_at', 'content_status', 'user_id'])
      .where('proposal_id', '=', v.id)
      .orderBy('updated_at', 'desc')
      .limit(20),
}
const transitionsOf = compiled(parts.transitions)
const mergedFromOf = compiled(parts.mergedFrom)
const meetingsOf = compiled(parts.meetings)

const sharedAtOnce = compiled((db: Q, v: ById) =>
  detailQuery(db)
    .select([
      postgresJson.jsonArrayFrom(parts.transitions(db, v)).as('shared_transitions'),
      postgresJson.jsonArrayFrom(parts.mergedFrom(db, v)).as('shared_merged_from'),
      postgresJson.jsonObjectFrom(db.selectFrom('proposals as m').select(['m.id', 'm.title']).where('m.id', '=', sql.ref<number>('p.merged_into'))).as('shared_merged_into'),
      postgresJson.jsonArrayFrom(parts.referralEvents(db, v)).as('shared_referral_events'),
      postgresJson.jsonArrayFrom(parts.meetings(db, v)).as('shared_meetings'),
      postgresJson.jsonArrayFrom(parts.progress(db, v)).as('shared_progress'),
      postgresJson.jsonArrayFrom(parts.comments(db, v)).as('shared_comments'),
      postgresJson.jsonObjectFrom(parts.evalAgg(db, v)).as('shared_eval_agg'),
      postgresJson.jsonArrayFrom(parts.evalRecent(db, v)).as('shared_eval_recent'),
    ])
    .where('p.id', '=', v.id),
)

/** What a proposal's page shows everyone alike, kept with the shared lists (and forgotten with them). */
interface SharedDetail {
  row: DetailRow | undefined
  transitions: Selectable<Database['proposal_transitions']>[]
  mergedFrom: { id: number; title: string }[]
  mergedInto: { id: number; title: string } | undefined
  referralEvents: Selectable<Database['referral_events']>[]
  meetings: Selectable<Database['proposal_meetings']>[]
  progress: Selectable<Database['proposal_progress']>[]
  comments: Selectable<Database['proposal_progress_comments']>[]
  evaluations: {
    average: number | null
    count: number
    recent: { rating: number; comment: string | null; author_label: string; created_at: string; updated_at: string; content_status: string; user_id: number }[]
  } | null
}

const byId = <T extends { id: number }>(rows: T[]) => rows.sort((a, b) => a.id - b.id)

function evaluationsOf(agg: { avg: number; n: number } | null | undefined, recent: NonNullable<SharedDetail['evaluations']>['recent']): SharedDetail['evaluations'] {
  if (!agg) return null
  const count = Number(agg.n)
  return { average: count > 0 ? Math.round(Number(agg.avg) * 10) / 10 : null, count, recent }
}

/**
 * The proposal and everything under it that is the same for every caller. On PostgreSQL one statement (a
 * cold page waits for the pool once, not ten times); on SQLite, which has no round trips and pays for
 * building JSON, the row first, then only what its state can hold.
 */
async function readShared(db: Q, id: number): Promise<SharedDetail> {
  const none = { transitions: [], mergedFrom: [], mergedInto: undefined, referralEvents: [], meetings: [], progress: [], comments: [], evaluations: null }
  const evaluatingState = (state: string) => state === 'completed' || state === 'closed'
  if (!onSqlite(db)) {
    const found = await sharedAtOnce.first(db, { id })
    if (!found) return { row: undefined, ...none }
    const {
      shared_transitions: transitions,
      shared_merged_from: mergedFrom,
      shared_merged_into: mergedInto,
      shared_referral_events: referralEvents,
      shared_meetings: meetings,
      shared_progress: progress,
      shared_comments: comments,
      shared_eval_agg: evalAgg,
      shared_eval_recent: evalRecent,
      ...row
    } = found
    // An aggregate's order over an ordered subquery is not promised: ordered again here.
    return {
      row,
      transitions: byId(transitions),
      mergedFrom: byId(mergedFrom),
      mergedInto: mergedInto ?? undefined,
      referralEvents: byId(referralEvents),
      meetings: byId(meetings),
      progress: byId(progress),
      comments: byId(comments),
      evaluations: evaluatingState(row.state) ? evaluationsOf(evalAgg, evalRecent.sort((a, b) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0))) : null,
    }
  }
  const [row, transitions, mergedFrom] = await Promise.all([detailById.first(db, { id }), transitionsOf.all(db, { id }), mergedFromOf.all(db, { id })])
  if (!row) return { row, ...none }
  const state = row.state as ProposalState
  // Meetings are recorded from acceptance on, progress from implementation on: earlier states skip the reads.
  const deliberated = !['submitted', 'screening', 'rejected', 'withdrawn', 'expired', 'merged'].includes(state)
  const implemented = row.impl_owner !== null
  const evaluating = evaluatingState(state)
  const empty = Promise.resolve([])
  const v = { id }
  const [mergedInto, referralEvents, meetings, progress, comments, evalAgg, evalRecent] = await Promise.all([
    row.merged_into === null ? undefined : db.selectFrom('proposals').select(['id', 'title']).where('id', '=', row.merged_into).executeTakeFirst(),
    // Steps of a referral exist only while it is current (a refusal ends it before any step).
    row.referred_to === null ? empty : parts.referralEvents(db, v).execute(),
    deliberated ? meetingsOf.all(db, v) : empty,
    implemented ? parts.progress(db, v).execute() : empty,
    implemented ? parts.comments(db, v).execute() : empty,
    evaluating ? parts.evalAgg(db, v).executeTakeFirstOrThrow() : null,
    evaluating ? parts.evalRecent(db, v).execute() : [],
  ])
  return { row, transitions, mergedFrom, mergedInto, referralEvents, meetings, progress, comments, evaluations: evaluationsOf(evalAgg, evalRecent) }
}

/**
 * GET /api/proposals/:id, and the answer of writes that show the page. What is the same for everyone is
 * kept across requests, but never read from or for a write's transaction, which sees what others do not yet.
 */
export async function proposalDetail({ db, viewer, now }: ReadContext, id: number): Promise<ProposalDetail> {
  const shared = db.isTransaction ? await readShared(db, id) : await sharedLists(db).keep(`detail:${id}`, now.getTime(), () => readShared(db, id))
  if (!shared.row) throw notFound('提案')
  deny(readRefusal(viewer, shared.row))
  return detailFor(db, viewer, shared.row, now, shared)
}

// Masked once per kept row, not per caller (per-row.ts).
const maskedBody = perRow((r: DetailRow) => maskPersonalInfo(r.body))

/** A proposal's page for the caller: their marks, ballot, evaluation and photos on what everyone sees. */
async function detailFor(db: Q, v: Viewer, row: DetailRow, now: Date, shared: SharedDetail): Promise<ProposalDetail> {
  const { transitions, referralEvents, meetings, progress, comments, mergedInto, mergedFrom } = shared
  const roles = rolesOn(v, row)
  const committee = roles.includes('committee')
  const original = roles.length > 0
  const mask = (s: string) => (committee ? s : maskPersonalInfo(s))
  const state = row.state as ProposalState
  const actorLabel = labelOf(row)
  const household = state === 'voting' ? householdOfCaller(v.principal) : null

  const marksOf = await marks(db, v, [row], now)
  const ballot = household ? marksOf.householdVoted.get(row.id) : undefined
  const evalMine = marksOf.evaluated.get(row.id)

  const item = toItem(v, row, now, marksOf)
  const voteClosed = state === 'voting' && row.vote_closes_at !== null && row.vote_closes_at <= now.toISOString()
  let voteOutcome: 'approved' | 'declined' | null = null
  if (voteClosed && committee) voteOutcome = (await tallyVote(db, row, await loadSettings(db, row.neighbourhood_id))).passed ? 'approved' : 'declined'

  // The proposal's photos, its progress updates' and its referral answers', in one read.
  const ownPhotos = parsePhotoIds(row.photos)
  const progressPhotos = progress.map((pu) => parsePhotoIds(pu.photos))
  const answerPhotos = referralEvents.map((e) => parsePhotoIds(e.photos))
  const shown = new Map((await photosFor(db, { userId: v.userId, committee }, [...ownPhotos, ...progressPhotos.flat(), ...answerPhotos.flat()])).map((p) => [p.id, p]))
  const photosOf = (ids: number[]) => ids.flatMap((id) => shown.get(id) ?? [])

  const stateSteps: ProposalTransition[] = transitions.map((t) => {
    const details = t.details ? (JSON.parse(t.details) as Record<string, unknown>) : null
    return {
      id: t.id,
      from: t.from_state as ProposalState | null,
      to: t.to_state as ProposalState,
      actorRole: t.actor_role,
      actorLabel: t.actor_role === 'referee' ? refereeLabel(details?.refusedBy) : t.actor_role === 'system' ? SYSTEM_LABEL : t.actor_role === 'committee' ? STAFF_LABEL : actorLabel,
      reason: t.reason === null ? null : mask(t.reason),
      details,
      referralEvent: null,
      photos: [],
      at: t.created_at,
    }
  })
  const referralSteps: ProposalTransition[] = referralEvents.map((e, i) => ({
    id: e.id,
    from: 'referred',
    to: 'referred',
    actorRole: e.actor_role,
    actorLabel: e.actor_role === 'referee' ? refereeLabel(e.referred_to) : STAFF_LABEL,
    reason: e.text === null ? null : mask(e.text),
    details: null,
    referralEvent: e.kind,
    photos: photosOf(answerPhotos[i]),
    at: e.created_at,
  }))
  // By time; a step and a change of state at the same instant: the change of state first. (Stable sort.)
  const timeline = [...stateSteps, ...referralSteps].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))

  const shownComment = (c: { user_id: number; content_status: string }) => c.content_status === 'visible' || c.user_id === v.userId || committee
  const corrections = correctionsIn(progress)
  const progressUpdates: ProgressUpdate[] = progress.map((pu, i) => ({
    id: pu.id,
    percent: pu.percent,
    text: mask(pu.text),
    photos: photosOf(progressPhotos[i]),
    budgetSpent: toYuan(pu.budget_spent_fen),
    correction: corrections[i],
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

  const meetingFileIds = await attachedTo(db, 'meeting', meetings.map((m) => m.id))
  const meetingFiles = new Map((await filesFor(db, { userId: v.userId, committee }, [...meetingFileIds.values()].flat())).map((f) => [f.id, f]))
  const meetingsOut: ProposalMeeting[] = meetings.map((m) => ({
    id: m.id,
    kind: m.kind as MeetingKind,
    heldOn: m.held_on,
    place: m.place,
    attendance: m.attendance,
    minutes: mask(m.minutes),
    decisions: m.decisions === null ? null : mask(m.decisions),
    files: (meetingFileIds.get(m.id) ?? []).flatMap((id) => meetingFiles.get(id) ?? []),
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
      household: ballot ? { choice: ballot.choice as VoteChoice, castByMe: ballot.userId === v.userId } : null,
      canVote: open && canVote(v, row, household !== null, ballot?.userId ?? null),
      result: closedTally,
      decidedOffline: row.decided_offline === 1,
    }
  }

  let evaluations: EvaluationSummary | null = null
  if (shared.evaluations) {
    evaluations = {
      average: shared.evaluations.average,
      count: shared.evaluations.count,
      windowEndsAt: state === 'completed' ? row.deadline_at : null,
      mine: evalMine ? { rating: evalMine.rating, comment: evalMine.comment } : null,
      canEvaluate: canEvaluate(v, row, now),
      recent: shared.evaluations.recent
        .filter((e) => e.content_status === 'visible' || e.user_id === v.userId || committee)
        .map((e) => ({
          rating: e.rating,
          comment: e.comment === null ? null : e.user_id === v.userId || committee ? e.comment : maskPersonalInfo(e.comment),
          authorLabel: e.author_label,
          createdAt: e.created_at,
        })),
    }
  }

  // Added to the item, not spread into a new literal: V8 defines each property after a spread on a slow
  // path, which made this page five times as costly as everything else it does.
  return Object.assign(item, {
    body: original ? row.body : maskedBody(row),
    photos: photosOf(ownPhotos),
    unitLevelName: UNIT_LEVEL_NAMES[row.level as ProposalLevel],
    staffNote: committee ? row.staff_note : null,
    mergedInto: mergedInto ? { id: mergedInto.id, title: original ? mergedInto.title : maskPersonalInfo(mergedInto.title) } : null,
    mergedFrom: mergedFrom.map((m) => ({ id: m.id, title: committee ? m.title : maskPersonalInfo(m.title) })),
    referral: row.referred_to
      ? {
          to: row.referred_to as ReferralTarget,
          toName: refereeLabel(row.referred_to),
          // The current referral's reason: the latest step into 'referred' (an earlier one may have been refused).
          reason: transitions.filter((t) => t.to_state === 'referred').map((t) => (t.reason === null ? null : mask(t.reason))).slice(-1)[0] ?? null,
          status: referralStatus(row),
          acceptedAt: row.referral_accepted_at,
          answer: row.referral_answer === null ? null : mask(row.referral_answer),
          answeredAt: row.referral_answered_at,
          answeredBy: row.referral_answered_by as ReferralAnswerer | null,
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
    canCosign: canCosign(v, row, item.cosignedByMe),
    isCommittee: committee,
    isReferee: isRefereeOf(v, row),
  })
}

/** 物业公司, 业委会, 街镇: how a referee appears on the timeline. */
function refereeLabel(target: unknown): string {
  return REFERRAL_TARGET_NAMES[target as ReferralTarget] ?? String(target)
}

// The proposal API's own schema pieces: request fields only proposals take, and every response body.
// Each response schema is checked at compile time against its type in types/proposals.ts: Fastify's
// serializer drops whatever a response schema leaves out, so a schema and its type must not drift.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import type {
  CosignResult,
  EvaluationSummary,
  FollowResult,
  ProgressComment,
  ProgressRequest,
  ProgressUpdate,
  ProposalDetail,
  ProposalHome,
  ProposalListItem,
  ProposalMeeting,
  ProposalPage,
  ProposalQueue,
  ProposalSettings,
  ProposalVote,
  ProxyCosign,
  ReferralInbox,
  ReferralRefuseResult,
  SimilarProposal,
  StreetOverdue,
} from '../../types'
import { MEDIA_STATUSES, PROPOSAL_CATEGORIES, PROPOSAL_STATES } from '../../types'
import { Cursor, DateString, Id, literals, PageLimit, Text } from '../core/schema'
import { FileIds, FileSchema } from '../media'

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

/** Uploads (POST /api/media) attached to what is submitted; more than nine is refused with a plain message. */
const PhotoIds = Type.Array(Id, { maxItems: 50 })
const Room = Type.String({ minLength: 1, maxLength: 20, pattern: '^\\s*[0-9A-Za-z\\u4e00-\\u9fa5\\-－# ]+\\s*$' })
const Yuan = Type.Number({ minimum: 0, maximum: 1_000_000_000 })
const REFERRAL_TARGETS = ['property', 'owners_committee', 'street'] as const
const ReferTo = literals(REFERRAL_TARGETS)

export const UnitQuery = Type.Object({ unitId: Type.Optional(Id) })

export const ListQueryString = Type.Object({
  /** Comma-separated states. */
  state: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.Optional(literals(PROPOSAL_CATEGORIES)),
  unitId: Type.Optional(Id),
  sort: Type.Optional(literals(['newest', 'cosigns'] as const)),
  mine: Type.Optional(literals(['1', '0'] as const)),
  overdue: Type.Optional(literals(['1', '0'] as const)),
  /** Words to search for in titles and texts (Chinese words in any order); ranks the list by match. */
  q: Type.Optional(Text({ maxLength: 100 })),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(PageLimit(50)),
})
export type ListQuery = Static<typeof ListQueryString>
const Percent = Type.Number({ minimum: 0, maximum: 100 })
const Days = Type.Integer({ minimum: 1, maximum: 365 })

export const SubmitBody = Type.Object(
  {
    title: Text({ minLength: 5, maxLength: 40 }),
    body: Text({ minLength: 1, maxLength: 2000 }),
    category: literals(PROPOSAL_CATEGORIES),
    level: Type.Optional(literals(['building', 'estate', 'neighbourhood'] as const)),
    unitId: Type.Optional(Id),
    photos: Type.Optional(PhotoIds),
    hideBuilding: Type.Optional(Type.Boolean()),
    /** 代录: a committee member enters it for a resident who came in person. */
    onBehalfOf: Type.Optional(Type.Object({ buildingId: Id, note: Type.Optional(Text({ maxLength: 200 })) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
)

// No body (or null) is a resident's own co-signature.
export const CosignBody = Type.Union([
  Type.Object(
    {
      /** 代录: a co-signature a committee member records for a resident who came in person. */
      onBehalfOf: Type.Optional(Type.Object({ buildingId: Id, room: Room, name: Type.Optional(Text({ maxLength: 20 })) }, { additionalProperties: false })),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
])

export const TransitionBody = Type.Object(
  {
    to: literals(PROPOSAL_STATES),
    reason: Type.Optional(Text({ maxLength: 500 })),
    mergeInto: Type.Optional(Id),
    referTo: Type.Optional(ReferTo),
    closesAt: Type.Optional(Type.String({ minLength: 10, maxLength: 40 })),
    minutes: Type.Optional(Text({ minLength: 2, maxLength: 5000 })),
    owner: Type.Optional(Text({ minLength: 2, maxLength: 50 })),
    plannedDate: Type.Optional(DateString),
    budgetPlanned: Type.Optional(Yuan),
  },
  { additionalProperties: false },
)

export const SettingsBody = Type.Object(
  {
    cosignMinCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    cosignSharePercent: Type.Optional(Percent),
    cosignDays: Type.Optional(Days),
    screeningDays: Type.Optional(Days),
    acceptedDays: Type.Optional(Days),
    deliberatingDays: Type.Optional(Days),
    votingDays: Type.Optional(Days),
    approvedDays: Type.Optional(Days),
    referredDays: Type.Optional(Days),
    evaluationDays: Type.Optional(Days),
    voteTurnoutPercent: Type.Optional(Percent),
    voteMajorityPercent: Type.Optional(Percent),
  },
  { additionalProperties: false },
)

export const MeetingBody = Type.Object(
  {
    kind: literals(['hearing', 'coordination', 'evaluation', 'representatives'] as const),
    heldOn: DateString,
    place: Text({ minLength: 1, maxLength: 100 }),
    attendance: Type.Integer({ minimum: 0, maximum: 100_000 }),
    minutes: Text({ minLength: 2, maxLength: 5000 }),
    decisions: Type.Optional(Text({ maxLength: 2000 })),
    /** Ids of the committee member's uploads: the minutes as a PDF or photos. */
    files: Type.Optional(FileIds),
  },
  { additionalProperties: false },
)

export const ProgressBody = Type.Object(
  {
    percent: Type.Integer({ minimum: 0, maximum: 100 }),
    text: Text({ minLength: 2, maxLength: 2000 }),
    photos: Type.Optional(PhotoIds),
    budgetSpent: Type.Optional(Yuan),
    /** 更正: lowers the percent or the spending reported before, the text saying why. */
    correction: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export type SubmitInput = Static<typeof SubmitBody>
export type MeetingInput = Static<typeof MeetingBody>
export type ProgressInput = Static<typeof ProgressBody>

// ---------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------

// Serializer-friendly forms: `nullable` and a plain string with its enum, where a union (anyOf) would make
// fast-json-stringify compile a validator per branch for every route (seconds, at the first request).
const Nullable = <T extends TSchema>(t: T) => Type.Unsafe<Static<T> | null>({ ...t, nullable: true })
const OneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] })
const State = OneOf(PROPOSAL_STATES)
/** A photo as an item answers it (MediaPhoto). */
const Photo = Type.Object({ id: Type.Integer(), url: Type.String(), thumbUrl: Nullable(Type.String()), status: OneOf(MEDIA_STATUSES) })
const ContentStatus = OneOf(['visible', 'pending_review', 'hidden'] as const)
const ReferralStatus = OneOf(['open', 'accepted', 'answered'] as const)
const VoteChoice = OneOf(['for', 'against', 'abstain'] as const)

const listItemFields = {
  id: Type.Integer(),
  title: Type.String(),
  category: OneOf(PROPOSAL_CATEGORIES),
  level: OneOf(['building', 'estate', 'neighbourhood'] as const),
  unitId: Type.Integer(),
  unitName: Type.String(),
  neighbourhoodId: Type.Integer(),
  state: State,
  cosignCount: Type.Integer(),
  threshold: Type.Integer(),
  deadlineAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  authorLabel: Type.String(),
  enteredByStaff: Type.Boolean(),
  contentStatus: ContentStatus,
  isMine: Type.Boolean(),
  cosignedByMe: Type.Boolean(),
  followedByMe: Type.Boolean(),
  coverPhoto: Nullable(Type.String()),
  voteClosesAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
}

export const ListItemSchema = Type.Object(listItemFields)
export const PageSchema = Type.Object({ items: Type.Array(ListItemSchema), nextCursor: Nullable(Type.String()) })

export const HomeSchema = Type.Object({
  openVotes: Type.Array(Type.Object({ ...listItemFields, householdVoted: Type.Boolean() })),
  nearThreshold: Type.Array(ListItemSchema),
  toEvaluate: Type.Array(ListItemSchema),
  overdue: Type.Array(ListItemSchema),
})

export const QueueSchema = Type.Object({
  screening: Type.Array(ListItemSchema),
  overdue: Type.Array(ListItemSchema),
  votesToClose: Type.Array(ListItemSchema),
  pendingReview: Type.Array(ListItemSchema),
})

export const SimilarSchema = Type.Object({
  items: Type.Array(
    Type.Object({ id: Type.Integer(), title: Type.String(), state: State, cosignCount: Type.Integer(), threshold: Type.Integer() }),
  ),
})

export const MeetingSchema = Type.Object({
  id: Type.Integer(),
  kind: OneOf(['hearing', 'coordination', 'evaluation', 'representatives'] as const),
  heldOn: Type.String(),
  place: Type.String(),
  attendance: Type.Integer(),
  minutes: Type.String(),
  decisions: Nullable(Type.String()),
  files: Type.Array(FileSchema),
  createdAt: Type.String(),
})

export const ProgressCommentSchema = Type.Object({
  id: Type.Integer(),
  authorLabel: Type.String(),
  body: Type.String(),
  isMine: Type.Boolean(),
  contentStatus: ContentStatus,
  createdAt: Type.String(),
})

export const ProgressUpdateSchema = Type.Object({
  id: Type.Integer(),
  percent: Type.Number(),
  text: Type.String(),
  photos: Type.Array(Photo),
  budgetSpent: Nullable(Type.Number()),
  correction: Type.Boolean(),
  createdAt: Type.String(),
  comments: Type.Array(ProgressCommentSchema),
})

export const VoteSchema = Type.Object({
  closesAt: Nullable(Type.String()),
  household: Nullable(Type.Object({ choice: VoteChoice, castByMe: Type.Boolean() })),
  canVote: Type.Boolean(),
  result: Nullable(
    Type.Object({
      for: Type.Integer(),
      against: Type.Integer(),
      abstain: Type.Integer(),
      turnout: Type.Integer(),
      eligibleHouseholds: Type.Integer(),
      passed: Type.Boolean(),
    }),
  ),
  decidedOffline: Type.Boolean(),
})

export const EvaluationSchema = Type.Object({
  average: Nullable(Type.Number()),
  count: Type.Integer(),
  windowEndsAt: Nullable(Type.String()),
  mine: Nullable(Type.Object({ rating: Type.Integer(), comment: Nullable(Type.String()) })),
  canEvaluate: Type.Boolean(),
  recent: Type.Array(
    Type.Object({ rating: Type.Integer(), comment: Nullable(Type.String()), authorLabel: Type.String(), createdAt: Type.String() }),
  ),
})

const Titled = Type.Object({ id: Type.Integer(), title: Type.String() })

export const DetailSchema = Type.Object({
  ...listItemFields,
  body: Type.String(),
  photos: Type.Array(Photo),
  unitLevelName: Type.String(),
  staffNote: Nullable(Type.String()),
  mergedInto: Nullable(Titled),
  mergedFrom: Type.Array(Titled),
  referral: Nullable(
    Type.Object({
      to: OneOf(REFERRAL_TARGETS),
      toName: Type.String(),
      reason: Nullable(Type.String()),
      status: ReferralStatus,
      acceptedAt: Nullable(Type.String()),
      answer: Nullable(Type.String()),
      answeredAt: Nullable(Type.String()),
      answeredBy: Nullable(OneOf(['referee', 'committee'] as const)),
    }),
  ),
  implementation: Nullable(
    Type.Object({
      owner: Type.String(),
      plannedDate: Type.String(),
      budgetPlanned: Nullable(Type.Number()),
      budgetSpent: Nullable(Type.Number()),
      percent: Type.Number(),
    }),
  ),
  timeline: Type.Array(
    Type.Object({
      id: Type.Integer(),
      from: Nullable(State),
      to: State,
      actorRole: OneOf(['author', 'committee', 'system', 'referee'] as const),
      actorLabel: Type.String(),
      reason: Nullable(Type.String()),
      // Free-form facts of the step (a tally, a merge target): serialized as they are.
      details: Nullable(Type.Record(Type.String(), Type.Unknown())),
      referralEvent: Nullable(OneOf(['accepted', 'answered'] as const)),
      photos: Type.Array(Photo),
      at: Type.String(),
    }),
  ),
  meetings: Type.Array(MeetingSchema),
  progress: Type.Array(ProgressUpdateSchema),
  vote: Nullable(VoteSchema),
  evaluations: Nullable(EvaluationSchema),
  topicId: Nullable(Type.Integer()),
  allowedTransitions: Type.Array(State),
  canCosign: Type.Boolean(),
  isCommittee: Type.Boolean(),
  isReferee: Type.Boolean(),
})

// Referrals (转办) as the referee handles them, and the 街镇's overdue items

export const InboxQuery = Type.Object({ status: Type.Optional(literals(['open', 'answered'] as const)) })
export const AcceptReferralBody = Type.Union([
  Type.Object({ note: Type.Optional(Text({ maxLength: 500 })) }, { additionalProperties: false }),
  Type.Null(),
])
export const RefuseReferralBody = Type.Object({ reason: Text({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false })
export const AnswerReferralBody = Type.Object({ answer: Text({ minLength: 2, maxLength: 2000 }), photos: Type.Optional(PhotoIds) }, { additionalProperties: false })
export const StreetQuery = Type.Object({ streetId: Id })

export const InboxSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      body: Type.String(),
      category: OneOf(PROPOSAL_CATEGORIES),
      referredTo: OneOf(REFERRAL_TARGETS),
      neighbourhoodId: Type.Integer(),
      neighbourhoodName: Type.String(),
      estateName: Nullable(Type.String()),
      unitName: Type.String(),
      authorLabel: Type.String(),
      reason: Nullable(Type.String()),
      referredAt: Type.String(),
      deadlineAt: Nullable(Type.String()),
      overdue: Type.Boolean(),
      status: ReferralStatus,
      acceptedAt: Nullable(Type.String()),
      answer: Nullable(Type.String()),
      answeredAt: Nullable(Type.String()),
    }),
  ),
})
export const RefuseResultSchema = Type.Object({ id: Type.Integer(), state: State })
export const StreetOverdueSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      state: State,
      neighbourhoodId: Type.Integer(),
      neighbourhoodName: Type.String(),
      referredTo: Nullable(OneOf(REFERRAL_TARGETS)),
      deadlineAt: Type.String(),
      daysOverdue: Type.Integer(),
      escalationLevel: Type.Unsafe<0 | 1 | 2>({ type: 'integer', enum: [0, 1, 2] }),
    }),
  ),
})

export const CosignResultSchema = Type.Object({ cosigned: Type.Boolean(), cosignCount: Type.Integer(), threshold: Type.Integer(), state: State })
export const FollowResultSchema = Type.Object({ following: Type.Boolean() })
export const ProxyCosignsSchema = Type.Object({
  items: Type.Array(
    Type.Object({ id: Type.Integer(), buildingId: Type.Integer(), buildingName: Type.String(), room: Type.String(), enteredAt: Type.String() }),
  ),
})
export const ProxyCosignParams = Type.Object({ id: Id, cosignId: Id })

export const SettingsSchema = Type.Object({
  neighbourhoodId: Type.Integer(),
  cosignMinCount: Type.Number(),
  cosignSharePercent: Type.Number(),
  cosignDays: Type.Number(),
  screeningDays: Type.Number(),
  acceptedDays: Type.Number(),
  deliberatingDays: Type.Number(),
  votingDays: Type.Number(),
  approvedDays: Type.Number(),
  referredDays: Type.Number(),
  evaluationDays: Type.Number(),
  voteTurnoutPercent: Type.Number(),
  voteMajorityPercent: Type.Number(),
  isDefault: Type.Boolean(),
})

// Compile-time: each schema describes exactly its API type (a field missing on either side fails tsc).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
function sameAs<T extends true>(): T | undefined {
  return undefined
}
sameAs<Same<Static<typeof ListItemSchema>, ProposalListItem>>()
sameAs<Same<Static<typeof PageSchema>, ProposalPage>>()
sameAs<Same<Static<typeof HomeSchema>, ProposalHome>>()
sameAs<Same<Static<typeof QueueSchema>, ProposalQueue>>()
sameAs<Same<Static<typeof SimilarSchema>, { items: SimilarProposal[] }>>()
sameAs<Same<Static<typeof MeetingSchema>, ProposalMeeting>>()
sameAs<Same<Static<typeof ProgressCommentSchema>, ProgressComment>>()
sameAs<Same<Static<typeof ProgressUpdateSchema>, ProgressUpdate>>()
sameAs<Same<Static<typeof VoteSchema>, ProposalVote>>()
sameAs<Same<ProgressInput, ProgressRequest>>()
sameAs<Same<Static<typeof EvaluationSchema>, EvaluationSummary>>()
sameAs<Same<Static<typeof DetailSchema>, ProposalDetail>>()
sameAs<Same<Static<typeof CosignResultSchema>, CosignResult>>()
sameAs<Same<Static<typeof FollowResultSchema>, FollowResult>>()
sameAs<Same<Static<typeof ProxyCosignsSchema>, { items: ProxyCosign[] }>>()
sameAs<Same<Static<typeof SettingsSchema>, ProposalSettings>>()
sameAs<Same<Static<typeof InboxSchema>, ReferralInbox>>()
sameAs<Same<Static<typeof RefuseResultSchema>, ReferralRefuseResult>>()
sameAs<Same<Static<typeof StreetOverdueSchema>, StreetOverdue>>()

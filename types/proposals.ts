// 社区提案: a resident's idea through co-signing, screening, deliberation, the households' vote,
// implementation and the residents' evaluation. Shared by the server and the app.
import type { Page } from './api'
import type { UnitLevel } from './community'
import type { MediaFile, MediaPhoto } from './media'

export type ProposalState =
  | 'submitted'
  | 'screening'
  | 'accepted'
  | 'deliberating'
  | 'voting'
  | 'approved'
  | 'declined'
  | 'implementing'
  | 'completed'
  | 'closed'
  | 'rejected'
  | 'merged'
  | 'referred'
  | 'withdrawn'
  | 'expired'

export const PROPOSAL_STATES: ProposalState[] = [
  'submitted',
  'screening',
  'accepted',
  'deliberating',
  'voting',
  'approved',
  'declined',
  'implementing',
  'completed',
  'closed',
  'rejected',
  'merged',
  'referred',
  'withdrawn',
  'expired',
]

// Short enough for a WeChat subscribe message's `phrase` field (5 characters).
export const PROPOSAL_STATE_NAMES: Record<ProposalState, string> = {
  submitted: '征集附议',
  screening: '待审核',
  accepted: '已立项',
  deliberating: '协商中',
  voting: '投票中',
  approved: '表决通过',
  declined: '未通过',
  implementing: '实施中',
  completed: '已完成',
  closed: '已结项',
  rejected: '未受理',
  merged: '已合并',
  referred: '已转办',
  withdrawn: '已撤回',
  expired: '已过期',
}

export type ProposalCategory =
  | 'property'
  | 'parking'
  | 'sanitation'
  | 'elevator'
  | 'public_space'
  | 'safety'
  | 'elderly_meals'
  | 'neighbours'
  | 'convention'
  | 'other'

export const PROPOSAL_CATEGORIES: ProposalCategory[] = [
  'property',
  'parking',
  'sanitation',
  'elevator',
  'public_space',
  'safety',
  'elderly_meals',
  'neighbours',
  'convention',
  'other',
]

export const PROPOSAL_CATEGORY_NAMES: Record<ProposalCategory, string> = {
  property: '物业管理',
  parking: '停车',
  sanitation: '环境卫生',
  elevator: '加装电梯',
  public_space: '公共空间 / 微更新',
  safety: '安全',
  elderly_meals: '养老助餐',
  neighbours: '邻里关系',
  convention: '居民公约',
  other: '其他',
}

/** A proposal belongs to a 楼组, a 小区 or a 居民区. */
export type ProposalLevel = Exclude<UnitLevel, 'street'>

/** Where a proposal is referred to (转办). */
export type ReferralTarget = 'property' | 'owners_committee' | 'street'

export const REFERRAL_TARGET_NAMES: Record<ReferralTarget, string> = {
  property: '物业公司',
  owners_committee: '业委会',
  street: '街镇',
}

/**
 * Where a referral stands: open (waiting for the referee), accepted (the referee took responsibility;
 * the time limit runs on as its answer-by date), answered. A refusal sends the proposal back to the
 * committee's screening, so a refused referral is no longer one.
 */
export type ReferralStatus = 'open' | 'accepted' | 'answered'

export const REFERRAL_STATUS_NAMES: Record<ReferralStatus, string> = { open: '待接收', accepted: '已接收', answered: '已答复' }

/** What a referral's timeline entry records besides a change of state. */
export type ReferralEventKind = 'accepted' | 'answered'

/** Who wrote a referral's answer: the referee itself, or the committee on its behalf. */
export type ReferralAnswerer = 'referee' | 'committee'

export type MeetingKind = 'hearing' | 'coordination' | 'evaluation' | 'representatives'

/** 三会 and the 居民代表会议. */
export const MEETING_KIND_NAMES: Record<MeetingKind, string> = {
  hearing: '听证会',
  coordination: '协调会',
  evaluation: '评议会',
  representatives: '居民代表会议',
}

export type VoteChoice = 'for' | 'against' | 'abstain'

export const VOTE_CHOICE_NAMES: Record<VoteChoice, string> = { for: '赞成', against: '反对', abstain: '弃权' }

/** pending_review: held by the content check; only the author and the committee see it. */
export type ContentStatus = 'visible' | 'pending_review' | 'hidden'

export interface ProposalListItem {
  id: number
  /** Phone, ID and room numbers are masked for residents; the author and the committee see the original. */
  title: string
  category: ProposalCategory
  level: ProposalLevel
  unitId: number
  unitName: string
  neighbourhoodId: number
  state: ProposalState
  cosignCount: number
  /** Co-signers needed to reach screening (fixed when the proposal was submitted). */
  threshold: number
  /** When the current state's time limit ends (null: no limit in this state). */
  deadlineAt: string | null
  /** 已超期: past the time limit of its state (never true while collecting co-signatures; that expires instead). */
  overdue: boolean
  /** e.g. "3号楼居民", or "梧桐居民区居民" when the author hid their building. */
  authorLabel: string
  /** 代录: a committee member entered it for a resident who came in person. */
  enteredByStaff: boolean
  contentStatus: ContentStatus
  isMine: boolean
  cosignedByMe: boolean
  followedByMe: boolean
  coverPhoto: string | null
  voteClosesAt: string | null
  createdAt: string
  updatedAt: string
}

export type ProposalPage = Page<ProposalListItem>

export interface ProposalTransition {
  id: number
  from: ProposalState | null
  to: ProposalState
  /** author / committee / system (automatic: threshold reached, expiry, vote closed, evaluation window over) /
   * referee (物业, 业委会 or a 街镇 department: accepting, answering or refusing a referral). */
  actorRole: 'author' | 'committee' | 'system' | 'referee'
  actorLabel: string
  /**
   * A referral's step that leaves the state as it is (from = to = 'referred'): accepted, answered;
   * null for a change of state. Such entries come from their own table: `id` is unique per kind of entry.
   */
  referralEvent: ReferralEventKind | null
  /** A referral answer's photos (of what was done); empty for every other step. */
  photos: MediaPhoto[]
  reason: string | null
  /** Extra facts of the step, e.g. { mergeInto: 12 }, { referTo: 'property' }, { closesAt }, the vote tally. */
  details: Record<string, unknown> | null
  at: string
}

export interface ProposalMeeting {
  id: number
  kind: MeetingKind
  /** YYYY-MM-DD */
  heldOn: string
  place: string
  attendance: number
  minutes: string
  decisions: string | null
  /** The minutes as a scanned sheet (PDF) or photos of it. */
  files: MediaFile[]
  createdAt: string
}

export interface ProgressComment {
  id: number
  authorLabel: string
  body: string
  isMine: boolean
  contentStatus: ContentStatus
  createdAt: string
}

export interface ProgressUpdate {
  id: number
  percent: number
  text: string
  photos: MediaPhoto[]
  /** Total spent so far in yuan, when reported (居务公开). */
  budgetSpent: number | null
  /** It lowered the percent or the spending reported before it (更正); its text says why. */
  correction: boolean
  createdAt: string
  comments: ProgressComment[]
}

export interface VoteTally {
  for: number
  against: number
  abstain: number
  /** Households that voted. */
  turnout: number
  /** Verified households of the unit when the vote closed. */
  eligibleHouseholds: number
  passed: boolean
}

export interface ProposalVote {
  closesAt: string | null
  /** The household's vote, if any member has cast it. */
  household: { choice: VoteChoice; castByMe: boolean } | null
  /** May the caller vote or change the household's vote now? */
  canVote: boolean
  /** Published once the vote has closed; null while it is open. */
  result: VoteTally | null
  /** Decided by the 居民代表会议 offline instead of a household vote. */
  decidedOffline: boolean
}

export interface EvaluationSummary {
  average: number | null
  count: number
  windowEndsAt: string | null
  mine: { rating: number; comment: string | null } | null
  canEvaluate: boolean
  recent: { rating: number; comment: string | null; authorLabel: string; createdAt: string }[]
}

export interface ProposalDetail extends ProposalListItem {
  body: string
  /** Rejected photos are left out, pending ones shown to their uploader and the committee only. */
  photos: MediaPhoto[]
  unitLevelName: string
  /** Hidden from residents: the committee member who entered it and the resident's note (代录). */
  staffNote: string | null
  mergedInto: { id: number; title: string } | null
  mergedFrom: { id: number; title: string }[]
  referral: ReferralSummary | null
  implementation: {
    owner: string
    plannedDate: string
    budgetPlanned: number | null
    budgetSpent: number | null
    percent: number
  } | null
  timeline: ProposalTransition[]
  meetings: ProposalMeeting[]
  progress: ProgressUpdate[]
  vote: ProposalVote | null
  evaluations: EvaluationSummary | null
  /** The 议事厅 topic opened with the proposal, once that capability exists. */
  topicId: number | null
  /** States the caller may move it to now (buttons to show). */
  allowedTransitions: ProposalState[]
  canCosign: boolean
  isCommittee: boolean
  /** The caller is the referee (物业, 业委会, 街镇 department) the proposal is referred to: it accepts, refuses or answers. */
  isReferee: boolean
}

export interface ReferralSummary {
  to: ReferralTarget
  toName: string
  reason: string | null
  status: ReferralStatus
  acceptedAt: string | null
  answer: string | null
  answeredAt: string | null
  answeredBy: ReferralAnswerer | null
}

export interface ProgressRequest {
  percent: number
  text: string
  /** Ids of the committee member's uploads (POST /api/media). */
  photos?: number[]
  budgetSpent?: number
  /** Required to lower the percent or the spending reported before (更正); the text then says why. */
  correction?: boolean
}

export interface TransitionRequest {
  to: ProposalState
  reason?: string
  mergeInto?: number
  referTo?: ReferralTarget
  /** Opening the vote: when it closes (ISO time); default: now + the 居民区's voting days. */
  closesAt?: string
  /** A decision taken by the 居民代表会议 offline (deliberating → approved / declined). */
  minutes?: string
  /** Starting implementation. */
  owner?: string
  plannedDate?: string
  budgetPlanned?: number
}

export interface CosignResult {
  cosigned: boolean
  cosignCount: number
  threshold: number
  state: ProposalState
}

/** A 代录 co-signature as the committee sees it, to take back one entered by mistake. */
export interface ProxyCosign {
  id: number
  buildingId: number
  buildingName: string
  /** As normalised when it was entered, e.g. "3-402". */
  room: string
  enteredAt: string
}

export interface FollowResult {
  following: boolean
}

export interface ProposalSettings {
  neighbourhoodId: number
  /** Co-signers needed: the larger of a count and a share of the unit's households. */
  cosignMinCount: number
  cosignSharePercent: number
  /** Days to collect co-signatures before the proposal expires. */
  cosignDays: number
  screeningDays: number
  acceptedDays: number
  deliberatingDays: number
  /** Default length of a vote. */
  votingDays: number
  /** Days from approval until implementation must have started. */
  approvedDays: number
  /** Days a referral may wait for the addressee's answer. */
  referredDays: number
  evaluationDays: number
  /** The vote passes with at least this turnout of verified households… */
  voteTurnoutPercent: number
  /** …and more than this share of for among for + against (50: more for than against). */
  voteMajorityPercent: number
  isDefault: boolean
}

export interface ProposalHome {
  openVotes: (ProposalListItem & { householdVoted: boolean })[]
  nearThreshold: ProposalListItem[]
  toEvaluate: ProposalListItem[]
  overdue: ProposalListItem[]
}

export interface ProposalQueue {
  screening: ProposalListItem[]
  overdue: ProposalListItem[]
  votesToClose: ProposalListItem[]
  pendingReview: ProposalListItem[]
}

export interface SimilarProposal {
  id: number
  title: string
  state: ProposalState
  cosignCount: number
  threshold: number
}

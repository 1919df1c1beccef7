// Who may do what with proposals, and when. Pure: callers load the caller and the proposal, ask here,
// and throw the refusal they get back (`deny`). A refusal is the exact error the API answers with.
import type { ProposalState, ReferralStatus, ReferralTarget } from '../../types'
import { PROPOSAL_STATE_NAMES, UNIT_LEVEL_NAMES } from '../../types'
import { can, isStaffFor, livesIn, type Principal, type UnitChain } from '../accounts'
import { AppError, badInput, conflict, forbidden, notFound } from '../core/errors'
import { shanghaiDay } from '../../types/time'
import {
  checkTransition,
  invalidPlannedDate,
  invalidVoteClose,
  loweredFigure,
  OPEN_STATES,
  REFEREE_ROLE,
  toYuan,
  type ReportedProgress,
  type ActorRole,
  type TransitionContext,
  type TransitionFields,
} from './rules'

export type Refusal = AppError | null

/** Throws the refusal, if there is one. */
export function deny(refusal: Refusal): void {
  if (refusal) throw refusal
}

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

/** What policy needs of a stored proposal: its place, author and standing. */
export interface ProposalFacts {
  author_id: number | null
  building_id: number | null
  estate_id: number | null
  neighbourhood_id: number
  street_id: number | null
  level: string
  state: string
  content_status: string
}

type Placed = Pick<ProposalFacts, 'building_id' | 'estate_id' | 'neighbourhood_id' | 'street_id'>

/** The chain of a stored proposal, from its denormalised columns. */
export function chainOf(p: Placed): UnitChain {
  return [p.building_id, p.estate_id, p.neighbourhood_id, p.street_id].filter((x): x is number => x !== null)
}

/** May read any proposal at all (a verified resident or staff). */
const hasReadScope = (v: Viewer) => v.neighbourhoodId !== null || v.grantUnitIds.length > 0

/** The roles the caller holds on the proposal: its author, its committee (居委会 or 街镇). */
export function rolesOn(v: Viewer, row: Placed & Pick<ProposalFacts, 'author_id'>): ActorRole[] {
  const roles: ActorRole[] = []
  if (row.author_id !== null && row.author_id === v.userId) roles.push('author')
  if (isStaffFor(v.principal, chainOf(row))) roles.push('committee')
  return roles
}

const isCommitteeOf = (v: Viewer, row: Placed) => can(v.principal, 'proposals.manage', chainOf(row))

type Referred = Placed & Pick<ProposalFacts, 'state'> & { referred_to: string | null }

/**
 * The caller answers this proposal's referral: it is referred now, to the caller's kind, in the caller's
 * 居民区 (物业, 业委会) or 街镇 (a department, for referrals to the 街镇). Nothing else of the committee's.
 */
export function isRefereeOf(v: Viewer, row: Referred): boolean {
  if (row.state !== 'referred' || row.referred_to === null) return false
  const target = row.referred_to as ReferralTarget
  const unitId = target === 'street' ? row.street_id : row.neighbourhood_id
  return v.principal.referees.some((g) => g.role === REFEREE_ROLE[target] && g.unitId === unitId)
}

const levelName = (row: Pick<ProposalFacts, 'level'>) => UNIT_LEVEL_NAMES[row.level as 'building']
const stateName = (state: string) => PROPOSAL_STATE_NAMES[state as ProposalState]

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/**
 * Its author and committee always; the referee while it is referred to them (the committee chose to
 * send it, held or not); others in its 居民区 once it is published (held: as if it did not exist).
 */
export function readRefusal(v: Viewer, row: ProposalFacts & { referred_to: string | null }): Refusal {
  if (rolesOn(v, row).length > 0 || isRefereeOf(v, row)) return null
  if (!can(v.principal, 'proposals.read', chainOf(row))) return forbidden('只有本居民区的居民和居委会可以查看这条提案')
  if (row.content_status !== 'visible') return notFound('提案')
  return null
}

/** Lists: verified residents and staff; anyone signed in sees their own (我的提案). */
export function listRefusal(v: Viewer, mine: boolean): Refusal {
  return !hasReadScope(v) && !mine ? forbidden('完成居住地认证后可以查看本居民区的提案') : null
}

/** "是否附议已有提案？" in a unit: the caller's own building unless they name one of their 居民区. */
export function similarRefusal(v: Viewer, unitChain: UnitChain | null): Refusal {
  if (unitChain === null) return forbidden('完成居住地认证后可以查看本居民区的提案')
  return can(v.principal, 'proposals.read', unitChain) ? null : forbidden('只有本居民区的居民和居委会可以查看这些提案')
}

/** The review queue is the committee's. */
export function queueRefusal(v: Viewer, unitChain?: UnitChain): Refusal {
  if (v.grantUnitIds.length === 0) return forbidden('只有居委会成员可以查看审核队列')
  if (unitChain && !can(v.principal, 'proposals.manage', unitChain)) return forbidden('您只能查看本居民区的审核队列')
  return null
}

/** A 居民区's settings: its committee (or the 街镇) reads and changes them. */
export function settingsRefusal(v: Viewer, unitChain: UnitChain | null): Refusal {
  if (unitChain === null) return forbidden('只有居委会成员可以查看提案设置')
  return can(v.principal, 'proposals.manage', unitChain) ? null : forbidden('只有本居民区居委会可以查看和修改提案设置')
}

// ---------------------------------------------------------------------------
// Submitting and co-signing
// ---------------------------------------------------------------------------

/** A resident submits in their own 楼组, 小区 or 居民区, once verified there. */
export function submitRefusal(p: Principal, unitChain?: UnitChain): Refusal {
  if (!p.residence) return forbidden('完成居住地认证后才能提交提案')
  if (unitChain && !can(p, 'proposals.participate', unitChain)) return forbidden('完成居住地认证后才能提交提案')
  return null
}

/** The unit must be one of `home`'s 楼组, 小区 or 居民区 (the resident's own, or 代录: the resident's building's). */
export function homeUnitRefusal(home: UnitChain, unitId: number): Refusal {
  return home.slice(0, 3).includes(unitId) ? null : forbidden('只能在自己所在的楼组、小区或居民区提交提案')
}

/** 代录 (a proposal or co-signature entered for a resident who came in person): the committee of that 居民区. */
export function proxyRefusal(p: Principal, chain: UnitChain, message: string): Refusal {
  return can(p, 'proposals.manage', chain) ? null : forbidden(message)
}

/** A verified resident of the proposal's unit co-signs someone else's proposal. */
export function cosignRefusal(v: Viewer, row: ProposalFacts): Refusal {
  if (!can(v.principal, 'proposals.participate', chainOf(row))) return forbidden(`只有本${levelName(row)}已认证的居民可以附议`)
  if (row.author_id === v.userId) return conflict('own_proposal', '不能附议自己的提案')
  return null
}

/** Co-signatures are collected while submitted and published. */
export function collectingRefusal(row: Pick<ProposalFacts, 'state' | 'content_status'>): Refusal {
  if (row.state !== 'submitted') {
    return conflict('not_collecting', `提案当前为「${stateName(row.state)}」，不在征集附议阶段`, { state: row.state })
  }
  if (row.content_status !== 'visible') return conflict('not_published', '提案内容正在审核，暂不能附议')
  return null
}

export function uncosignRefusal(row: Pick<ProposalFacts, 'state'>): Refusal {
  return row.state === 'submitted' ? null : conflict('not_collecting', '提案已进入下一阶段，附议不能再撤回', { state: row.state })
}

/** The detail's 附议 button. */
export function canCosign(v: Viewer, row: ProposalFacts, cosignedByMe: boolean): boolean {
  return (
    row.state === 'submitted' &&
    row.content_status === 'visible' &&
    !rolesOn(v, row).includes('author') &&
    !cosignedByMe &&
    livesIn(v.principal, chainOf(row))
  )
}

// ---------------------------------------------------------------------------
// The committee's steps
// ---------------------------------------------------------------------------

export function manageRefusal(v: Viewer, row: Placed, message = '只有本居民区居委会可以进行此操作'): Refusal {
  return isCommitteeOf(v, row) ? null : forbidden(message)
}

/** Held content: publishing needs something held; hiding needs a reason the author reads. */
export function reviewRefusal(row: Pick<ProposalFacts, 'content_status'>, decision: 'publish' | 'hide', reason: string | undefined): Refusal {
  if (decision === 'hide' && !reason) return badInput('reason', '请填写隐藏的原因，提案人会看到')
  if (decision === 'publish' && row.content_status === 'visible') return conflict('already_published', '这条提案已经公开')
  return null
}

/** 三会 and the 居民代表会议 are recorded from acceptance on. */
export const MEETING_STATES: ProposalState[] = ['accepted', 'deliberating', 'voting', 'approved', 'declined', 'implementing', 'completed']

export function meetingRefusal(row: Pick<ProposalFacts, 'state'>, heldOn: string): Refusal {
  if (!MEETING_STATES.includes(row.state as ProposalState)) {
    return conflict('no_meetings_now', `提案当前为「${stateName(row.state)}」，立项后才能记录会议`, { state: row.state })
  }
  // Any real date: a meeting may be recorded after the fact.
  return invalidPlannedDate(heldOn, new Date(0)) ? badInput('heldOn', '会议日期不正确') : null
}

/** A meeting was held: not after today (Shanghai, the app's clock), not before the proposal was submitted. */
export function meetingDateRefusal(row: { created_at: string }, heldOn: string, now: Date): Refusal {
  const today = shanghaiDay(now)
  if (heldOn > today) return badInput('heldOn', `会议日期不能晚于今天（${today}）`)
  const submitted = shanghaiDay(new Date(row.created_at))
  if (heldOn < submitted) return badInput('heldOn', `会议日期不能早于提案提交的日期（${submitted}）`)
  return null
}

export function referralAnswerRefusal(row: Pick<ProposalFacts, 'state'>): Refusal {
  return row.state === 'referred' ? null : conflict('not_referred', '这条提案没有转办', { state: row.state })
}

// ---------------------------------------------------------------------------
// Referees: their inbox and their answers (问题处置闭环)
// ---------------------------------------------------------------------------

/** The inbox is for 物业, 业委会 and 街镇 department accounts. */
export function inboxRefusal(v: Viewer): Refusal {
  return v.principal.referees.length > 0 ? null : forbidden('只有物业、业委会和街镇部门可以查看转办事项')
}

/**
 * A referee's step: accepting or refusing while the referral is still open; answering once, whether
 * accepted or not. (The committee's answer on its behalf is referralAnswerRefusal.)
 */
export function refereeStepRefusal(v: Viewer, row: Referred, status: ReferralStatus, step: 'accept' | 'refuse' | 'answer'): Refusal {
  if (!isRefereeOf(v, row)) return forbidden('只有接收转办的单位可以处理这条转办')
  if (status === 'answered') return conflict('referral_answered', '这条转办已经答复')
  if (step !== 'answer' && status === 'accepted') return conflict('referral_accepted', '已接收这条转办，请直接答复')
  return null
}

/** The 街镇's overdue list: an admin of that 街镇. */
export function streetOverdueRefusal(v: Viewer, streetId: number): Refusal {
  return v.principal.grants.some((g) => g.role === 'admin' && g.unitId === streetId) ? null : forbidden('只有本街镇的工作人员可以查看超期事项')
}

/**
 * Percent and cumulative spending only grow, unless the update says it corrects them (its text says why);
 * an update that lowers nothing is no correction.
 */
export function progressFiguresRefusal(before: ReportedProgress, next: ReportedProgress, correction: boolean): Refusal {
  const lowered = loweredFigure(before, next)
  if (lowered === null) return correction ? badInput('correction', '这次进展没有调低进度或累计支出，不是更正') : null
  if (correction) return null
  return lowered === 'percent'
    ? badInput('percent', `实施进度不能低于上次报告的 ${before.percent}%；如是更正，请标明“更正”并在说明里写明原因`)
    : badInput('budgetSpent', `累计支出不能少于上次报告的 ${toYuan(before.spentFen)} 元；如是更正，请标明“更正”并在说明里写明原因`)
}

export function progressRefusal(row: Pick<ProposalFacts, 'state'>): Refusal {
  return row.state === 'implementing'
    ? null
    : conflict('not_implementing', `提案当前为「${stateName(row.state)}」，实施阶段才能更新进展`, { state: row.state })
}

// ---------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------

/** Only the author and the committee move a proposal. */
export function transitionActorRefusal(roles: ActorRole[]): Refusal {
  return roles.length > 0 ? null : forbidden('只有提案人和本居民区居委会可以变更提案状态')
}

const MISSING: Record<keyof TransitionFields, string> = {
  reason: '请填写原因，提案人会看到',
  mergeInto: '请选择要合并到的提案',
  referTo: '请选择转办对象',
  closesAt: '请填写投票截止时间',
  minutes: '请填写居民代表会议的会议纪要',
  owner: '请填写实施负责人',
  plannedDate: '请填写计划完成日期',
  budgetPlanned: '请填写预算',
}

/**
 * May the caller take this step now, with these fields? `tally` is the vote's count once it has
 * closed (the committee publishes its outcome, never another).
 */
export function transitionRefusal(
  from: ProposalState,
  to: ProposalState,
  ctx: TransitionContext,
  fields: TransitionFields,
  tally: object | undefined,
  now: Date,
): Refusal {
  const check = checkTransition(from, to, ctx, fields)
  if (!check.ok && check.kind === 'not_allowed') {
    const details = { from, to, allowed: check.allowed }
    if (from === 'voting' && (to === 'approved' || to === 'declined') && ctx.roles.includes('committee')) {
      if (!tally) return conflict('vote_open', '投票尚未截止，截止后才能公布结果', details)
      return conflict('vote_outcome', `投票结果为「${PROPOSAL_STATE_NAMES[ctx.voteOutcome!]}」`, { ...details, tally })
    }
    return conflict('transition_not_allowed', `提案当前为「${PROPOSAL_STATE_NAMES[from]}」，您不能将它改为「${PROPOSAL_STATE_NAMES[to]}」`, details)
  }
  if (!check.ok && check.kind === 'missing') return badInput(check.field, MISSING[check.field])
  if (to === 'voting' && fields.closesAt) {
    const bad = invalidVoteClose(new Date(fields.closesAt), now)
    if (bad) return badInput('closesAt', bad)
  }
  if (to === 'implementing') {
    const bad = invalidPlannedDate(fields.plannedDate!, now)
    if (bad) return badInput('plannedDate', bad)
  }
  return null
}

/** A merge goes into another open, published proposal of the same 居民区. */
export function mergeTargetRefusal(
  source: { id: number; neighbourhood_id: number },
  target: { id: number; neighbourhood_id: number; state: string; content_status: string } | undefined,
): Refusal {
  const fits =
    target !== undefined &&
    target.id !== source.id &&
    target.neighbourhood_id === source.neighbourhood_id &&
    OPEN_STATES.includes(target.state as ProposalState) &&
    target.content_status === 'visible'
  return fits ? null : badInput('mergeInto', '只能合并到本居民区仍在进行中的另一条提案')
}

/** Withdrawing for themselves, authors act as author; every other step is the committee's (and audited). */
export function actingRole(to: ProposalState, roles: ActorRole[]): 'author' | 'committee' {
  return to === 'withdrawn' && roles.includes('author') ? 'author' : 'committee'
}

// ---------------------------------------------------------------------------
// Residents' say: the vote, evaluations, comments on progress
// ---------------------------------------------------------------------------

/** One vote per household of the unit, while the vote is open. */
export function voteRefusal(v: Viewer, row: ProposalFacts & { vote_closes_at: string | null }, now: Date): Refusal {
  if (!can(v.principal, 'proposals.participate', chainOf(row))) return forbidden(`只有本${levelName(row)}已认证的住户可以投票`)
  if (row.state !== 'voting') {
    return conflict('not_voting', `提案当前为「${stateName(row.state)}」，不在投票阶段`, { state: row.state })
  }
  if (row.vote_closes_at !== null && row.vote_closes_at <= now.toISOString()) return conflict('vote_closed', '投票已经截止')
  return null
}

/** The household votes: the caller's approved residence (楼组 and room) names it. */
export function householdRefusal(household: object | null): Refusal {
  return household ? null : forbidden('完成居住地认证后才能投票')
}

/** The detail's vote buttons, while the vote is open: a resident of the unit whose household has not
 * voted, or who cast its vote themselves (and may change it). */
export function canVote(v: Viewer, row: Placed, hasHousehold: boolean, ballotCastBy: number | null): boolean {
  return hasHousehold && livesIn(v.principal, chainOf(row)) && (ballotCastBy === null || ballotCastBy === v.userId)
}

/** The detail's 评议 button. */
export function canEvaluate(v: Viewer, row: Placed & { state: string; deadline_at: string | null }, now: Date): boolean {
  return row.state === 'completed' && row.deadline_at !== null && row.deadline_at > now.toISOString() && livesIn(v.principal, chainOf(row))
}

/** Verified residents of the unit rate a completed proposal while its evaluation window is open. */
export function evaluateRefusal(v: Viewer, row: ProposalFacts & { deadline_at: string | null }, now: Date): Refusal {
  if (!can(v.principal, 'proposals.participate', chainOf(row))) return forbidden(`只有本${levelName(row)}已认证的居民可以评议`)
  if (row.state !== 'completed' || row.deadline_at === null || row.deadline_at <= now.toISOString()) {
    return conflict('not_evaluating', row.state === 'closed' ? '成效评议已经结束' : '提案完成后才能评议成效', { state: row.state })
  }
  return null
}

/** Comments on progress (过程监督): the committee, and verified residents who may read the proposal. */
export function progressCommentRefusal(v: Viewer, row: ProposalFacts): Refusal {
  const committee = isCommitteeOf(v, row)
  if (!committee && !can(v.principal, 'proposals.read', chainOf(row))) return forbidden()
  if (!committee && !v.principal.residence) return forbidden('完成居住地认证后才能评论')
  return null
}

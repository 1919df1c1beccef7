// The proposal process as pure rules: who may move a proposal from which state to which, with what
// fields; the co-sign threshold; the household vote's pass rule; each state's time limit and the overdue
// flag. No I/O: commands and queries load the facts, ask here, then persist.
import type { EscalationLevel, ProposalState, ProposalSettings, RefereeRole, ReferralStatus, ReferralTarget, VoteChoice } from '../../types'
import { endOfShanghaiDay, shanghaiDay } from '../../types/time'

const DAY = 86_400_000

/**
 * Who is acting: the proposal's author, the committee of its 居民区 (or the 街镇 admin), the referee it is
 * referred to (物业, 业委会, 街镇 department), or the server itself.
 */
export type ActorRole = 'author' | 'committee' | 'referee' | 'system'

/** Fields a transition may carry (POST /transitions body). */
export interface TransitionFields {
  reason?: string
  mergeInto?: number
  referTo?: ReferralTarget
  closesAt?: string
  minutes?: string
  owner?: string
  plannedDate?: string
  budgetPlanned?: number
}

type Field = keyof TransitionFields

interface Rule {
  from: ProposalState[]
  to: ProposalState
  by: ActorRole[]
  requires?: Field[]
}

// The whole lifecycle, main path first, then the side exits.
export const TRANSITIONS: Rule[] = [
  { from: ['submitted'], to: 'screening', by: ['system'] },
  { from: ['screening'], to: 'accepted', by: ['committee'] },
  { from: ['accepted'], to: 'deliberating', by: ['committee'] },
  { from: ['deliberating'], to: 'voting', by: ['committee'] },
  // From deliberating: a decision the 居民代表会议 took offline, with its minutes. From voting: the tally.
  { from: ['deliberating'], to: 'approved', by: ['committee'], requires: ['minutes'] },
  { from: ['deliberating'], to: 'declined', by: ['committee'], requires: ['minutes'] },
  { from: ['voting'], to: 'approved', by: ['committee', 'system'] },
  { from: ['voting'], to: 'declined', by: ['committee', 'system'] },
  { from: ['approved'], to: 'implementing', by: ['committee'], requires: ['owner', 'plannedDate'] },
  { from: ['implementing'], to: 'completed', by: ['committee'] },
  { from: ['completed'], to: 'closed', by: ['system'] },
  { from: ['submitted', 'screening'], to: 'rejected', by: ['committee'], requires: ['reason'] },
  { from: ['submitted', 'screening'], to: 'merged', by: ['committee'], requires: ['mergeInto'] },
  { from: ['submitted', 'screening', 'accepted', 'deliberating'], to: 'referred', by: ['committee'], requires: ['referTo', 'reason'] },
  // The referee refuses (不属于本单位职责), with its reason: back to the committee's screening, where it
  // accepts, rejects, merges or refers elsewhere, under screening's time limit so it cannot stall.
  { from: ['referred'], to: 'screening', by: ['referee'], requires: ['reason'] },
  { from: ['submitted', 'screening'], to: 'withdrawn', by: ['author'] },
  { from: ['submitted'], to: 'expired', by: ['system'] },
]

/** Open: still moving towards a decision (shown as "similar open proposals", merge targets). */
export const OPEN_STATES: ProposalState[] = ['submitted', 'screening', 'accepted', 'deliberating', 'voting']

/** States whose time limit, once passed, makes the item 已超期 (submitted expires instead; completed closes). */
export const OVERDUE_STATES: ProposalState[] = ['screening', 'accepted', 'deliberating', 'voting', 'approved', 'implementing', 'referred']

export interface TransitionContext {
  /** Roles the caller holds on this proposal (author, committee), or ['system']. */
  roles: ActorRole[]
  /** Entered by staff for a resident without an account: the committee may withdraw it at their request. */
  enteredByStaff: boolean
  /** For voting → approved / declined: the tallied outcome once the vote has closed, null while it is open. */
  voteOutcome?: 'approved' | 'declined' | null
}

function permits(rule: Rule, from: ProposalState, ctx: TransitionContext): boolean {
  if (!rule.from.includes(from)) return false
  const by = rule.to === 'withdrawn' && ctx.enteredByStaff ? [...rule.by, 'committee' as const] : rule.by
  if (!ctx.roles.some((r) => by.includes(r))) return false
  if (from === 'voting' && (rule.to === 'approved' || rule.to === 'declined')) {
    // The vote decides: only its outcome, and only once it has closed.
    return ctx.voteOutcome === rule.to
  }
  return true
}

/** The states the caller may move the proposal to from `from`. */
export function allowedTransitions(from: ProposalState, ctx: TransitionContext): ProposalState[] {
  const out: ProposalState[] = []
  for (const rule of TRANSITIONS) if (permits(rule, from, ctx) && !out.includes(rule.to)) out.push(rule.to)
  return out
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; kind: 'not_allowed'; allowed: ProposalState[] }
  | { ok: false; kind: 'missing'; field: Field }

function present(v: unknown): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')
}

/** May the caller move `from` → `to`, and did they give every field that step needs? */
export function checkTransition(from: ProposalState, to: ProposalState, ctx: TransitionContext, fields: TransitionFields): TransitionCheck {
  const rule = TRANSITIONS.find((r) => r.to === to && permits(r, from, ctx))
  if (!rule) return { ok: false, kind: 'not_allowed', allowed: allowedTransitions(from, ctx) }
  for (const f of rule.requires ?? []) if (!present(fields[f])) return { ok: false, kind: 'missing', field: f }
  return { ok: true }
}

// ---------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------

export type SettingsValues = Omit<ProposalSettings, 'neighbourhoodId' | 'isDefault'>

export const DEFAULT_SETTINGS: SettingsValues = {
  cosignMinCount: 5,
  cosignSharePercent: 3,
  cosignDays: 30,
  screeningDays: 7,
  acceptedDays: 7,
  deliberatingDays: 30,
  votingDays: 7,
  approvedDays: 14,
  referredDays: 30,
  evaluationDays: 30,
  voteTurnoutPercent: 50,
  voteMajorityPercent: 50,
}

/** Allowed ranges: [min, max] (percent values may have two decimals). */
export const SETTINGS_RANGES: Record<keyof SettingsValues, [number, number]> = {
  cosignMinCount: [1, 1000],
  cosignSharePercent: [0, 100],
  cosignDays: [1, 365],
  screeningDays: [1, 365],
  acceptedDays: [1, 365],
  deliberatingDays: [1, 365],
  votingDays: [1, 60],
  approvedDays: [1, 365],
  referredDays: [1, 365],
  evaluationDays: [1, 365],
  voteTurnoutPercent: [0, 100],
  // Below 50 a minority could carry the vote.
  voteMajorityPercent: [50, 99.99],
}

export const SETTINGS_NAMES: Record<keyof SettingsValues, string> = {
  cosignMinCount: '附议最少人数',
  cosignSharePercent: '附议户数比例',
  cosignDays: '附议征集天数',
  screeningDays: '审核时限',
  acceptedDays: '立项后启动协商时限',
  deliberatingDays: '协商时限',
  votingDays: '投票默认天数',
  approvedDays: '通过后启动实施时限',
  referredDays: '转办答复时限',
  evaluationDays: '成效评议天数',
  voteTurnoutPercent: '投票参与率',
  voteMajorityPercent: '赞成比例',
}

/** The first setting out of range, or null. Day and count settings must be whole numbers. */
export function invalidSetting(values: Partial<SettingsValues>): { field: keyof SettingsValues; message: string } | null {
  for (const [key, value] of Object.entries(values) as [keyof SettingsValues, number | undefined][]) {
    if (value === undefined) continue
    const [min, max] = SETTINGS_RANGES[key]
    const whole = !key.endsWith('Percent')
    if (!Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
      return { field: key, message: `${SETTINGS_NAMES[key]}应在 ${min} 到 ${max} 之间${whole ? '（整数）' : ''}` }
    }
  }
  return null
}

// ---------------------------------------------------------------------------
// Co-sign threshold and the household vote
// ---------------------------------------------------------------------------

/** Co-signers needed: the larger of the count and the share of the unit's households (never below 1). */
export function cosignThreshold(households: number, s: Pick<SettingsValues, 'cosignMinCount' | 'cosignSharePercent'>): number {
  // Percent with two decimals → basis points, so 3 % of 600 is exactly 18, with no float residue.
  const bp = Math.round(s.cosignSharePercent * 100)
  const byShare = Math.ceil((Math.max(0, households) * bp) / 10_000)
  return Math.max(1, s.cosignMinCount, byShare)
}

export interface VoteCounts {
  for: number
  against: number
  abstain: number
}

export function countChoices(choices: VoteChoice[]): VoteCounts {
  const c: VoteCounts = { for: 0, against: 0, abstain: 0 }
  for (const x of choices) c[x]++
  return c
}

/**
 * The pass rule: turnout (households that voted, abstentions included) at least the set share of the
 * unit's verified households, and for more than the set share of for + against (default 50: more for than against).
 */
export function voteResult(
  counts: VoteCounts,
  eligibleHouseholds: number,
  s: Pick<SettingsValues, 'voteTurnoutPercent' | 'voteMajorityPercent'>,
): { turnout: number; passed: boolean } {
  const turnout = counts.for + counts.against + counts.abstain
  const turnoutBp = Math.round(s.voteTurnoutPercent * 100)
  const majorityBp = Math.round(s.voteMajorityPercent * 100)
  const enough = eligibleHouseholds > 0 && turnout * 10_000 >= turnoutBp * eligibleHouseholds
  const carried = counts.for * 10_000 > majorityBp * (counts.for + counts.against)
  return { turnout, passed: enough && carried }
}

// ---------------------------------------------------------------------------
// Time limits (议而不决、决而不行 made visible)
// ---------------------------------------------------------------------------

export interface DeadlineFacts {
  state: ProposalState
  stateEnteredAt: Date
  voteClosesAt?: Date | null
  plannedDate?: string | null
  referralAnswered?: boolean
}

/** When the current state's time limit ends, or null if the state has none. */
export function deadlineFor(f: DeadlineFacts, s: SettingsValues): Date | null {
  const after = (days: number) => new Date(f.stateEnteredAt.getTime() + days * DAY)
  switch (f.state) {
    case 'submitted':
      return after(s.cosignDays)
    case 'screening':
      return after(s.screeningDays)
    case 'accepted':
      return after(s.acceptedDays)
    case 'deliberating':
      return after(s.deliberatingDays)
    case 'voting':
      return f.voteClosesAt ?? after(s.votingDays)
    case 'approved':
      return after(s.approvedDays)
    case 'implementing':
      return f.plannedDate ? endOfShanghaiDay(f.plannedDate) : null
    case 'completed':
      return after(s.evaluationDays)
    case 'referred':
      return f.referralAnswered ? null : after(s.referredDays)
    default:
      return null
  }
}

/** 已超期: past the time limit of a state that should have moved on by now. */
export function isOverdue(state: ProposalState, deadline: Date | string | null, now: Date): boolean {
  if (!deadline || !OVERDUE_STATES.includes(state)) return false
  return new Date(deadline).getTime() < now.getTime()
}

/**
 * How far an overdue item should have been escalated by `now`: 1 once past its time limit (the committee,
 * the author and followers, a referee), 2 once past twice the time limit, counted from entering the
 * state (the 街镇 too). 0 for states the sweep moves on by itself (expiry, a vote's close, closing).
 */
export function escalationDue(f: { state: ProposalState; stateEnteredAt: Date; deadline: Date | null }, now: Date): EscalationLevel {
  if (!f.deadline || dueAction(f.state) !== 'flag_overdue' || now < f.deadline) return 0
  return now >= streetEscalationAt(f.stateEnteredAt, f.deadline) ? 2 : 1
}

/** When an overdue item goes to the 街镇: another full time limit after its deadline. */
export function streetEscalationAt(stateEnteredAt: Date, deadline: Date): Date {
  return new Date(deadline.getTime() + Math.max(0, deadline.getTime() - stateEnteredAt.getTime()))
}

/** Whole days past a deadline (0 on the day it passed). */
export function daysOverdue(deadline: Date | string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(deadline).getTime()) / DAY))
}

// ---------------------------------------------------------------------------
// Referrals (转办): who answers them and where they stand
// ---------------------------------------------------------------------------

/** The role that answers a referral, granted on the proposal's 居民区 (物业, 业委会) or 街镇 (departments). */
export const REFEREE_ROLE: Record<ReferralTarget, RefereeRole> = { property: 'property', owners_committee: 'owners_committee', street: 'department' }

export function referralStatus(r: { referral_answered_at: string | null; referral_accepted_at: string | null }): ReferralStatus {
  if (r.referral_answered_at !== null) return 'answered'
  return r.referral_accepted_at !== null ? 'accepted' : 'open'
}

/** What the sweep does to a proposal whose deadline has passed. */
export function dueAction(state: ProposalState): 'expire' | 'close_vote' | 'close' | 'flag_overdue' | null {
  switch (state) {
    case 'submitted':
      return 'expire'
    case 'voting':
      return 'close_vote'
    case 'completed':
      return 'close'
    default:
      return OVERDUE_STATES.includes(state) ? 'flag_overdue' : null
  }
}

/** A vote's closing time must be at least an hour ahead and at most 60 days. */
export function invalidVoteClose(closesAt: Date, now: Date): string | null {
  if (Number.isNaN(closesAt.getTime())) return '投票截止时间格式不正确'
  if (closesAt.getTime() < now.getTime() + 3_600_000) return '投票截止时间至少要在一小时之后'
  if (closesAt.getTime() > now.getTime() + 60 * DAY) return '投票时间不能超过 60 天'
  return null
}

/** A planned completion date: a real date, not before today (Shanghai). */
export function invalidPlannedDate(date: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(endOfShanghaiDay(date).getTime())) return '计划完成日期格式应为 YYYY-MM-DD'
  if (new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return '计划完成日期不存在'
  if (date < shanghaiDay(now)) return '计划完成日期不能早于今天'
  return null
}

// ---------------------------------------------------------------------------
// Labels and similarity
// ---------------------------------------------------------------------------

/** How the author appears to residents: the building, or only the 居民区 when they chose to hide it. */
export function authorLabel(opts: { buildingName: string; neighbourhoodName: string; hideBuilding: boolean }): string {
  return opts.hideBuilding ? `${opts.neighbourhoodName}居民` : `${opts.buildingName}居民`
}

function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase()]
  const out = new Set<string>()
  if (chars.length === 1) out.add(chars[0])
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1])
  return out
}

/** Dice similarity of two titles over character pairs (works for Chinese without a tokenizer), 0..1. */
export function titleSimilarity(a: string, b: string): number {
  const x = bigrams(a)
  const y = bigrams(b)
  if (x.size === 0 || y.size === 0) return 0
  let common = 0
  for (const g of x) if (y.has(g)) common++
  return (2 * common) / (x.size + y.size)
}

/** Yuan as entered (up to two decimals) ↔ whole fen as stored. */
export const toFen = (yuan: number) => Math.round(yuan * 100)

/** What an implementation report says so far: its percent and the spending last reported (fen). */
export interface ReportedProgress {
  percent: number | null
  spentFen: number | null
}

/** Which figure a progress update takes back (a correction), if any: progress and spending only grow. */
export function loweredFigure(before: ReportedProgress, next: ReportedProgress): 'percent' | 'budgetSpent' | null {
  if (before.percent !== null && next.percent !== null && next.percent < before.percent) return 'percent'
  if (before.spentFen !== null && next.spentFen !== null && next.spentFen < before.spentFen) return 'budgetSpent'
  return null
}

/** For each update in order: did it take back a figure reported before it? */
export function correctionsIn(updates: { percent: number; budget_spent_fen: number | null }[]): boolean[] {
  let before: ReportedProgress = { percent: 0, spentFen: null }
  return updates.map((u) => {
    const next = { percent: u.percent, spentFen: u.budget_spent_fen }
    const lowered = loweredFigure(before, next) !== null
    before = { percent: u.percent, spentFen: u.budget_spent_fen ?? before.spentFen }
    return lowered
  })
}
export const toYuan = (fen: number | null) => (fen === null ? null : fen / 100)

// The 台账's arithmetic, pure: period bounds, medians, rates, each proposal's stages and overdue standing
// at the report's end, money lines, participation and the 街镇's side-by-side rows. Queries load the
// facts; nothing here reads or writes.
import type {
  ComparisonRow,
  IndexReport,
  Ledger,
  LedgerIndex,
  LedgerMeeting,
  LedgerPeriod,
  LedgerProposal,
  LedgerStage,
  MeetingCount,
  MeetingKind,
  MoneyLine,
  MoneySummary,
  Participation,
  ProposalState,
  StageSummary,
  SurveyResponseRow,
  VoteTurnoutRow,
} from '../../types'
import { MEETING_KIND_NAMES, PROPOSAL_STATE_NAMES } from '../../types'
import type { PeriodWindow } from '../../types/period'
import { addShanghaiDays, startOfShanghaiDay } from '../../types/time'
import { daysOverdue, deadlineFor, isOverdue, type LedgerFacts, type LedgerTransition } from '../proposals'
import type { FundPayment } from '../affairs'
import type { ClosedSurveyFacts } from '../surveys'

const DAY = 86_400_000

/** [from, to) as UTC instants (Shanghai midnights) and the first and last Shanghai day. */
export function ledgerWindow(p: LedgerPeriod): PeriodWindow {
  return { from: startOfShanghaiDay(p.start).toISOString(), to: startOfShanghaiDay(addShanghaiDays(p.end, 1)).toISOString(), start: p.start, end: p.end }
}

/** The instant the figures stand at: the period's end, or now while the period runs. */
export const asOfFor = (w: PeriodWindow, now: Date): string => (now.toISOString() < w.to ? now.toISOString() : w.to)

export const inWindow = (at: string | null, w: { from: string; to: string }): boolean => at !== null && at >= w.from && at < w.to

/** The index reads years and half-years: a quarter or a month is shown with its half-year's index. */
export function indexPeriodFor(p: LedgerPeriod): string {
  const year = p.id.slice(0, 4)
  if (p.kind === 'year') return year
  return `${year}H${Number(p.start.slice(5, 7)) <= 6 ? 1 : 2}`
}

/** The median, the mean of the middle two for an even count; one decimal. Null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const m = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return Math.round(m * 10) / 10
}

/** part / whole to four decimals (a share, 0–1), null when there is no whole. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null)

/** Days from one instant to another, one decimal. */
export const daysBetween = (from: string, to: string): number => Math.round(((Date.parse(to) - Date.parse(from)) / DAY) * 10) / 10

const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100)
const sumFen = (values: (number | null)[]) => values.reduce<number>((s, v) => s + Math.round((v ?? 0) * 100), 0)

// ---------------------------------------------------------------------------
// Meetings
// ---------------------------------------------------------------------------

const MEETING_KINDS: MeetingKind[] = ['hearing', 'coordination', 'evaluation', 'representatives']

/** Meetings held on the period's days. */
export function meetingsIn(meetings: LedgerFacts['meetings'], w: PeriodWindow): LedgerMeeting[] {
  return meetings.filter((m) => m.heldOn >= w.start && m.heldOn <= w.end).map((m) => ({ ...m, kindName: MEETING_KIND_NAMES[m.kind] }))
}

/** Each kind (三会 and the 居民代表会议) with its count and attendance, every kind listed. */
export function meetingCounts(held: LedgerMeeting[]): MeetingCount[] {
  return MEETING_KINDS.map((kind) => {
    const of = held.filter((m) => m.kind === kind)
    return { kind, name: MEETING_KIND_NAMES[kind], count: of.length, attendance: of.reduce((s, m) => s + m.attendance, 0) }
  })
}

// ---------------------------------------------------------------------------
// Proposals: stages, medians, overdue
// ---------------------------------------------------------------------------

const firstTo = (ts: LedgerTransition[], states: ProposalState[]) => ts.find((t) => states.includes(t.to)) ?? null
const lastTo = (ts: LedgerTransition[], state: ProposalState) => [...ts].reverse().find((t) => t.to === state) ?? null

/** Where a proposal stood at `asOf` and whether it was past its time limit then. */
export function standingAt(
  p: { createdAt: string },
  ts: LedgerTransition[],
  referralAnswers: string[],
  settings: LedgerFacts['settings'],
  asOf: string,
): { state: ProposalState; deadlineAt: string | null; daysOverdue: number | null } {
  const before = ts.filter((t) => t.at < asOf)
  const last = before[before.length - 1]
  const state: ProposalState = last?.to ?? 'submitted'
  const enteredAt = last?.at ?? p.createdAt
  const closes = lastTo(before, 'voting')?.details.closesAt
  const planned = lastTo(before, 'implementing')?.details.plannedDate
  const deadline = deadlineFor(
    {
      state,
      stateEnteredAt: new Date(enteredAt),
      voteClosesAt: typeof closes === 'string' ? new Date(closes) : null,
      plannedDate: typeof planned === 'string' ? planned : null,
      referralAnswered: referralAnswers.some((at) => at >= enteredAt && at < asOf),
    },
    settings,
  )
  const now = new Date(asOf)
  const overdue = isOverdue(state, deadline, now)
  return { state, deadlineAt: deadline ? deadline.toISOString() : null, daysOverdue: overdue ? daysOverdue(deadline!, now) : null }
}

/** The proposals the period saw: raised, decided, implemented or evaluated in it, or overdue at its end. */
export function ledgerProposals(facts: LedgerFacts, w: PeriodWindow, asOf: string): LedgerProposal[] {
  const out: LedgerProposal[] = []
  for (const p of facts.proposals) {
    if (p.createdAt >= asOf) continue
    const ts = facts.transitions.filter((t) => t.proposalId === p.id && t.at < asOf)
    const decided = firstTo(ts, ['approved', 'declined'])
    const implemented = firstTo(ts, ['completed'])
    const evaluated = firstTo(ts, ['closed'])
    const answers = facts.referralAnswers.filter((a) => a.proposalId === p.id).map((a) => a.at)
    const standing = standingAt(p, ts, answers, facts.settings, asOf)
    const row: LedgerProposal = {
      id: p.id,
      title: p.title,
      state: standing.state,
      stateName: PROPOSAL_STATE_NAMES[standing.state],
      raisedAt: p.createdAt,
      decidedAt: decided?.at ?? null,
      decision: decided ? (decided.to as 'approved' | 'declined') : null,
      implementedAt: implemented?.at ?? null,
      evaluatedAt: evaluated?.at ?? null,
      daysOverdue: standing.daysOverdue,
      deadlineAt: standing.deadlineAt,
    }
    const touched = [row.raisedAt, row.decidedAt, row.implementedAt, row.evaluatedAt].some((at) => inWindow(at, w))
    if (touched || row.daysOverdue !== null) out.push(row)
  }
  return out
}

const STAGES: { stage: LedgerStage; name: string; at: keyof LedgerProposal; since: keyof LedgerProposal | null; fromName: string | null }[] = [
  { stage: 'raised', name: '提出', at: 'raisedAt', since: null, fromName: null },
  { stage: 'decided', name: '决定', at: 'decidedAt', since: 'raisedAt', fromName: '提出' },
  { stage: 'implemented', name: '实施完成', at: 'implementedAt', since: 'decidedAt', fromName: '决定' },
  { stage: 'evaluated', name: '评议结项', at: 'evaluatedAt', since: 'implementedAt', fromName: '实施完成' },
]

/** Per stage: how many reached it in the period, and the median days from the stage before. */
export function stageSummaries(rows: LedgerProposal[], w: PeriodWindow): StageSummary[] {
  return STAGES.map(({ stage, name, at, since, fromName }) => {
    const reached = rows.filter((r) => inWindow(r[at] as string | null, w))
    const days = since ? reached.filter((r) => r[since]).map((r) => daysBetween(r[since] as string, r[at] as string)) : []
    return { stage, name, count: reached.length, medianDays: since ? median(days) : null, from: fromName }
  })
}

// ---------------------------------------------------------------------------
// Participation
// ---------------------------------------------------------------------------

/** Household votes closed in the period, with their turnout. */
export function voteRows(facts: LedgerFacts, w: PeriodWindow): VoteTurnoutRow[] {
  const out: VoteTurnoutRow[] = []
  for (const p of facts.proposals) {
    const closed = facts.transitions.find((t) => t.proposalId === p.id && t.from === 'voting' && (t.to === 'approved' || t.to === 'declined'))
    if (!closed || !inWindow(closed.at, w) || p.voteEligible === null) continue
    const ballots = (p.voteFor ?? 0) + (p.voteAgainst ?? 0) + (p.voteAbstain ?? 0)
    out.push({ proposalId: p.id, title: p.title, closedAt: closed.at, ballots, eligible: p.voteEligible, rate: rate(ballots, p.voteEligible), passed: closed.to === 'approved' })
  }
  return out
}

export const surveyRows = (surveys: ClosedSurveyFacts[]): SurveyResponseRow[] => surveys.map((s) => ({ ...s, rate: rate(s.responses, s.households) }))

export interface ParticipationFacts {
  households: number
  verifiedHouseholds: number
  posts: number
  topicsWithPosts: number
  surveys: ClosedSurveyFacts[]
}

export function participationOf(facts: LedgerFacts, f: ParticipationFacts, w: PeriodWindow): Participation {
  const votes = voteRows(facts, w)
  const surveys = surveyRows(f.surveys)
  return {
    households: f.households,
    verifiedHouseholds: f.verifiedHouseholds,
    verifiedRate: rate(f.verifiedHouseholds, f.households),
    cosigns: facts.cosigns.filter((c) => inWindow(c.at, w)).length,
    cosignThresholdsReached: facts.transitions.filter((t) => t.from === 'submitted' && t.to === 'screening' && inWindow(t.at, w)).length,
    votes,
    voteTurnout: rate(
      votes.reduce((s, v) => s + v.ballots, 0),
      votes.reduce((s, v) => s + v.eligible, 0),
    ),
    posts: f.posts,
    topicsWithPosts: f.topicsWithPosts,
    surveys,
    surveyResponseRate: rate(
      surveys.reduce((s, x) => s + x.responses, 0),
      surveys.reduce((s, x) => s + x.households, 0),
    ),
  }
}

// ---------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------

/** Each project (a proposal put into implementation, or with spending reported) by the report's end. */
export function projectMoneyLines(facts: LedgerFacts, w: PeriodWindow): MoneyLine[] {
  const out: MoneyLine[] = []
  for (const p of facts.proposals) {
    const started = facts.transitions.some((t) => t.proposalId === p.id && t.to === 'implementing' && t.at < w.to)
    const reports = facts.spending.filter((g) => g.proposalId === p.id && g.at < w.to)
    if (!started && reports.length === 0) continue
    const last = reports[reports.length - 1] ?? null
    const before = [...reports].reverse().find((g) => g.at < w.from) ?? null
    out.push({
      source: 'project',
      sourceName: '提案项目',
      ref: { kind: 'proposal', id: p.id },
      title: p.title,
      planned: yuan(p.budgetPlannedFen),
      spent: last ? yuan(last.spentFen) : null,
      spentInPeriod: last ? yuan(last.spentFen - (before?.spentFen ?? 0)) : null,
      reportedAt: last?.at ?? null,
    })
  }
  return out
}

/** 自治金 payments made in the period (居务公开's entries, at their latest corrected amount): no budget of their own. */
export function fundMoneyLines(payments: FundPayment[]): MoneyLine[] {
  return payments.map((f) => ({
    source: 'fund',
    sourceName: '自治金',
    ref: { kind: 'fund', id: Number(f.key.slice(f.key.lastIndexOf('-') + 1)) },
    title: f.corrected ? `${f.title}（已更正）` : f.title,
    planned: null,
    spent: yuan(f.amountFen),
    spentInPeriod: yuan(f.amountFen),
    reportedAt: f.spentOn,
  }))
}

/** The lines of every source, and their totals (summed in fen: no float residue). */
export function moneySummary(lines: MoneyLine[]): MoneySummary {
  return {
    lines,
    planned: sumFen(lines.map((l) => l.planned)) / 100,
    spent: sumFen(lines.map((l) => l.spent)) / 100,
    spentInPeriod: sumFen(lines.map((l) => l.spentInPeriod)) / 100,
  }
}

// ---------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------

/** The index's total, radar and every item with the evidence behind it (the export's rows). */
export function ledgerIndexOf(report: IndexReport, rows: Record<string, string | number | null>[]): LedgerIndex {
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v))
  return {
    period: report.period,
    name: report.definition.name,
    total: report.result.total,
    max: report.result.max,
    missing: report.result.missing.length,
    provisional: report.result.provisional.length,
    radar: report.radar,
    items: rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      level: String(r.level),
      max: Number(r.max),
      points: Number(r.points),
      source: text(r.source),
      evidence: text(r.evidence) ?? text(r.explanation),
    })),
  }
}

// ---------------------------------------------------------------------------
// The 街镇: every 居民区 side by side
// ---------------------------------------------------------------------------

const ROWS: { key: string; name: string; unit: ComparisonRow['unit']; of: (l: Ledger) => number | null }[] = [
  ...MEETING_KINDS.map((kind) => ({
    key: `meetings.${kind}`,
    name: `${MEETING_KIND_NAMES[kind]}（次）`,
    unit: 'count' as const,
    of: (l: Ledger) => l.meetings.counts.find((c) => c.kind === kind)?.count ?? 0,
  })),
  ...STAGES.map(({ stage, name }) => ({
    key: `proposals.${stage}`,
    name: `提案${name}（件）`,
    unit: 'count' as const,
    of: (l: Ledger) => l.proposals.stages.find((s) => s.stage === stage)?.count ?? 0,
  })),
  ...STAGES.filter((s) => s.since).map(({ stage, name, fromName }) => ({
    key: `proposals.${stage}.days`,
    name: `${fromName}到${name}中位天数`,
    unit: 'days' as const,
    of: (l: Ledger) => l.proposals.stages.find((s) => s.stage === stage)?.medianDays ?? null,
  })),
  { key: 'proposals.overdue', name: '超期提案（件）', unit: 'count', of: (l) => l.proposals.overdue.length },
  { key: 'participation.households', name: '总户数', unit: 'count', of: (l) => l.participation.households },
  { key: 'participation.verified', name: '已认证户数', unit: 'count', of: (l) => l.participation.verifiedHouseholds },
  { key: 'participation.verifiedRate', name: '认证户比例', unit: 'rate', of: (l) => l.participation.verifiedRate },
  { key: 'participation.cosigns', name: '附议人次', unit: 'count', of: (l) => l.participation.cosigns },
  { key: 'participation.voteTurnout', name: '投票参与率', unit: 'rate', of: (l) => l.participation.voteTurnout },
  { key: 'participation.posts', name: '议事厅发言（条）', unit: 'count', of: (l) => l.participation.posts },
  { key: 'participation.surveyRate', name: '问卷回收率', unit: 'rate', of: (l) => l.participation.surveyResponseRate },
  { key: 'money.planned', name: '项目预算（元）', unit: 'yuan', of: (l) => l.money.planned },
  { key: 'money.spent', name: '累计支出（元）', unit: 'yuan', of: (l) => l.money.spent },
  { key: 'money.spentInPeriod', name: '本期支出（元）', unit: 'yuan', of: (l) => l.money.spentInPeriod },
  { key: 'index.total', name: '评估指标总分', unit: 'points', of: (l) => l.index.total },
]

export function comparisonRows(ledgers: Ledger[]): ComparisonRow[] {
  return ROWS.map(({ key, name, unit, of }) => ({ key, name, unit, values: ledgers.map(of) }))
}

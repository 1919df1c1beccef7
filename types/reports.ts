// The 台账: what a 居民区 did in a period, computed from its records (server/reports), for the committee
// and the 街镇. Periods are a month, a quarter, a half-year or a year, in Shanghai days; parsing them is a
// shared rule (the app offers them, the server reads them). Pure.
import type { PeriodInfo, RadarPoint } from './indicators'
import type { MeetingKind, ProposalState } from './proposals'

export type LedgerPeriodKind = 'year' | 'half' | 'quarter' | 'month'

export interface LedgerPeriod {
  /** '2026', '2026-H1', '2026-Q3' or '2026-05'. */
  id: string
  kind: LedgerPeriodKind
  label: string
  /** First and last day, 'YYYY-MM-DD' (Shanghai). */
  start: string
  end: string
}

const LEDGER_PERIOD = /^(\d{4})(?:-(H[12]|Q[1-4]|(0[1-9]|1[0-2])))?$/

const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()
const day = (year: number, month: number, d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`

/** A period id as the 台账 reads it, or null when it is not one. */
export function parseLedgerPeriod(id: string): LedgerPeriod | null {
  const m = LEDGER_PERIOD.exec(id)
  if (!m) return null
  const year = Number(m[1])
  if (year < 2000 || year > 2100) return null
  const part = m[2]
  // [kind, first month, months, label]
  const [kind, first, months, label]: [LedgerPeriodKind, number, number, string] = !part
    ? ['year', 1, 12, `${year}年`]
    : part.startsWith('H')
      ? ['half', part === 'H1' ? 1 : 7, 6, `${year}年${part === 'H1' ? '上半年' : '下半年'}`]
      : part.startsWith('Q')
        ? ['quarter', (Number(part[1]) - 1) * 3 + 1, 3, `${year}年第${'一二三四'[Number(part[1]) - 1]}季度`]
        : ['month', Number(part), 1, `${year}年${Number(part)}月`]
  const last = first + months - 1
  return { id, kind, label, start: day(year, first, 1), end: day(year, last, lastDayOf(year, last)) }
}

/** The periods the app offers for a year: the year, its halves, quarters and months. */
export function ledgerPeriodsOf(year: number): LedgerPeriod[] {
  const ids = [`${year}`, `${year}-H1`, `${year}-H2`, ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), ...Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)]
  return ids.map((id) => parseLedgerPeriod(id)!)
}

export interface MeetingCount {
  kind: MeetingKind
  name: string
  count: number
  attendance: number
}

export interface LedgerMeeting {
  id: number
  proposalId: number
  proposalTitle: string
  kind: MeetingKind
  kindName: string
  heldOn: string
  place: string
  attendance: number
}

export type LedgerStage = 'raised' | 'decided' | 'implemented' | 'evaluated'

export interface StageSummary {
  stage: LedgerStage
  name: string
  /** Proposals that reached the stage in the period. */
  count: number
  /** Median whole days from the stage before (raised: none), or null with no proposal. */
  medianDays: number | null
  /** What the days are counted from. */
  from: string | null
}

export interface LedgerProposal {
  id: number
  title: string
  /** The state at the report's end (the period's end, or now for a period still running). */
  state: ProposalState
  stateName: string
  /** Instants (ISO) the proposal reached each stage, null when it did not (yet). */
  raisedAt: string
  decidedAt: string | null
  /** approved or declined, when decided. */
  decision: 'approved' | 'declined' | null
  implementedAt: string | null
  evaluatedAt: string | null
  /** Days past its time limit at the report's end; null when not overdue. */
  daysOverdue: number | null
  deadlineAt: string | null
}

export interface VoteTurnoutRow {
  proposalId: number
  title: string
  closedAt: string
  ballots: number
  eligible: number
  rate: number | null
  passed: boolean
}

export interface SurveyResponseRow {
  surveyId: number
  title: string
  closedAt: string
  responses: number
  households: number
  rate: number | null
}

export interface Participation {
  /** Households of the 居民区 at the report's end, and those with a verified resident. */
  households: number
  verifiedHouseholds: number
  verifiedRate: number | null
  /** Co-signatures given in the period, and proposals that reached their threshold. */
  cosigns: number
  cosignThresholdsReached: number
  votes: VoteTurnoutRow[]
  /** All ballots over all eligible households of the votes closed in the period. */
  voteTurnout: number | null
  /** 议事厅: residents' published posts in the period, and the topics they were in. */
  posts: number
  topicsWithPosts: number
  surveys: SurveyResponseRow[]
  surveyResponseRate: number | null
}

/** A line of money from one source (projects now; the 自治金 entries of 居务公开 plug in as another). */
export interface MoneyLine {
  source: string
  sourceName: string
  /** What the line is about, for a link: a proposal's id, an entry's id. */
  ref: { kind: string; id: number }
  title: string
  /** Yuan, two decimals at most; null when never set. */
  planned: number | null
  /** Spent to the report's end. */
  spent: number | null
  /** Of it, spent within the period. */
  spentInPeriod: number | null
  /** When the spending was last reported (ISO), null when never. */
  reportedAt: string | null
}

export interface MoneySummary {
  lines: MoneyLine[]
  planned: number
  spent: number
  spentInPeriod: number
}

export interface LedgerIndexItem {
  id: string
  name: string
  level: string
  max: number
  points: number
  source: string | null
  evidence: string | null
}

export interface LedgerIndex {
  /** The index's own period (a year or a half-year): the one holding the report's period. */
  period: PeriodInfo
  name: string
  total: number
  max: number
  missing: number
  provisional: number
  radar: RadarPoint[]
  items: LedgerIndexItem[]
}

export interface Ledger {
  unit: { id: number; name: string }
  period: LedgerPeriod
  /** The instant the figures stand at: the period's end, or now while it runs. */
  asOf: string
  meetings: { counts: MeetingCount[]; list: LedgerMeeting[] }
  proposals: { stages: StageSummary[]; list: LedgerProposal[]; overdue: LedgerProposal[] }
  participation: Participation
  money: MoneySummary
  index: LedgerIndex
}

/** One figure of every 居民区 of a 街镇, side by side. */
export interface ComparisonRow {
  key: string
  name: string
  /** 'count', 'days', 'rate' (0–1), 'yuan' or 'points'. */
  unit: 'count' | 'days' | 'rate' | 'yuan' | 'points'
  values: (number | null)[]
}

export interface StreetLedger {
  unit: { id: number; name: string }
  period: LedgerPeriod
  asOf: string
  neighbourhoods: { id: number; name: string }[]
  rows: ComparisonRow[]
  ledgers: Ledger[]
}

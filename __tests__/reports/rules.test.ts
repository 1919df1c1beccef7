import { ledgerPeriodsOf, parseLedgerPeriod } from '../../types'
import { DEFAULT_SETTINGS, type LedgerFacts } from '../../server/proposals'
import {
  asOfFor,
  comparisonRows,
  daysBetween,
  indexPeriodFor,
  ledgerProposals,
  ledgerWindow,
  median,
  meetingCounts,
  meetingsIn,
  moneySummary,
  fundMoneyLines,
  participationOf,
  projectMoneyLines,
  rate,
  stageSummaries,
} from '../../server/reports/rules'

const period = (id: string) => parseLedgerPeriod(id)!

function facts(partial: Partial<LedgerFacts> = {}): LedgerFacts {
  return { settings: DEFAULT_SETTINGS, proposals: [], transitions: [], meetings: [], spending: [], cosigns: [], referralAnswers: [], ...partial }
}

const proposal = (id: number, createdAt: string, extra: Partial<LedgerFacts['proposals'][number]> = {}) => ({
  id,
  title: `提案${id}`,
  createdAt,
  budgetPlannedFen: null,
  voteFor: null,
  voteAgainst: null,
  voteAbstain: null,
  voteEligible: null,
  votePassed: null,
  ...extra,
})
const step = (proposalId: number, from: string | null, to: string, at: string, details: Record<string, unknown> = {}) =>
  ({ proposalId, from, to, at, details }) as LedgerFacts['transitions'][number]

describe('台账 periods', () => {
  it('reads a year, a half, a quarter and a month in Shanghai days', () => {
    expect(period('2026')).toEqual({ id: '2026', kind: 'year', label: '2026年', start: '2026-01-01', end: '2026-12-31' })
    expect(period('2026-H2')).toMatchObject({ kind: 'half', label: '2026年下半年', start: '2026-07-01', end: '2026-12-31' })
    expect(period('2026-Q3')).toMatchObject({ kind: 'quarter', label: '2026年第三季度', start: '2026-07-01', end: '2026-09-30' })
    expect(period('2024-02')).toMatchObject({ kind: 'month', label: '2024年2月', start: '2024-02-01', end: '2024-02-29' })
    expect(period('2026-Q1').end).toBe('2026-03-31')
    for (const bad of ['2026-13', '2026-Q5', '2026H1', '26', '2026-00', '1999']) expect(parseLedgerPeriod(bad)).toBeNull()
    expect(ledgerPeriodsOf(2026)).toHaveLength(19)
  })

  it('bounds a period by Shanghai midnights and stands at its end, or now while it runs', () => {
    const w = ledgerWindow(period('2026-05'))
    expect(w).toEqual({ from: '2026-04-30T16:00:00.000Z', to: '2026-05-31T16:00:00.000Z', start: '2026-05-01', end: '2026-05-31' })
    expect(asOfFor(w, new Date('2026-05-10T00:00:00Z'))).toBe('2026-05-10T00:00:00.000Z')
    expect(asOfFor(w, new Date('2026-07-01T00:00:00Z'))).toBe(w.to)
  })

  it('shows a quarter or a month with its half-year of the index', () => {
    expect(indexPeriodFor(period('2026'))).toBe('2026')
    expect(indexPeriodFor(period('2026-H2'))).toBe('2026H2')
    expect(indexPeriodFor(period('2026-Q2'))).toBe('2026H1')
    expect(indexPeriodFor(period('2026-07'))).toBe('2026H2')
  })
})

describe('台账 figures', () => {
  it('takes medians, rates and days', () => {
    expect(median([])).toBeNull()
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 10])).toBe(3.5)
    expect(rate(1, 3)).toBe(0.3333)
    expect(rate(3, 0)).toBeNull()
    expect(daysBetween('2026-03-01T00:00:00Z', '2026-03-21T12:00:00Z')).toBe(20.5)
  })

  const w = ledgerWindow(period('2026'))
  const asOf = w.to
  const f = facts({
    proposals: [
      proposal(1, '2026-03-01T02:00:00.000Z', { budgetPlannedFen: 1_200_000 }),
      proposal(2, '2026-02-01T02:00:00.000Z', { voteFor: 30, voteAgainst: 10, voteAbstain: 5, voteEligible: 90 }),
      // Raised the year before, decided in the period.
      proposal(3, '2025-12-01T02:00:00.000Z'),
      // Stuck in screening since September: overdue at the year's end.
      proposal(4, '2026-09-01T02:00:00.000Z'),
      // Raised and nothing more, in 2025: not in the 2026 台账.
      proposal(5, '2025-06-01T02:00:00.000Z'),
    ],
    transitions: [
      step(1, 'deliberating', 'approved', '2026-03-21T02:00:00.000Z'),
      step(1, 'approved', 'implementing', '2026-04-01T02:00:00.000Z', { plannedDate: '2026-06-30' }),
      step(1, 'implementing', 'completed', '2026-06-20T02:00:00.000Z'),
      step(1, 'completed', 'closed', '2026-07-20T02:00:00.000Z'),
      step(2, 'voting', 'approved', '2026-03-03T02:00:00.000Z'),
      step(3, 'deliberating', 'declined', '2026-01-11T02:00:00.000Z'),
      step(4, 'submitted', 'screening', '2026-09-05T02:00:00.000Z'),
      step(5, 'submitted', 'expired', '2025-07-01T02:00:00.000Z'),
    ],
    meetings: [
      { id: 1, proposalId: 1, proposalTitle: '提案1', kind: 'hearing', heldOn: '2026-03-10', place: '活动室', attendance: 25 },
      { id: 2, proposalId: 1, proposalTitle: '提案1', kind: 'representatives', heldOn: '2026-03-21', place: '会议室', attendance: 30 },
      { id: 3, proposalId: 3, proposalTitle: '提案3', kind: 'hearing', heldOn: '2025-12-31', place: '活动室', attendance: 12 },
    ],
    spending: [
      { proposalId: 1, spentFen: 300_000, at: '2025-12-20T02:00:00.000Z' },
      { proposalId: 1, spentFen: 500_000, at: '2026-05-01T02:00:00.000Z' },
      { proposalId: 1, spentFen: 900_050, at: '2026-06-15T02:00:00.000Z' },
    ],
    cosigns: [
      { proposalId: 4, at: '2026-09-02T02:00:00.000Z' },
      { proposalId: 5, at: '2025-06-02T02:00:00.000Z' },
    ],
  })

  it('counts meetings by kind on the period days', () => {
    const held = meetingsIn(f.meetings, w)
    expect(held.map((m) => m.id)).toEqual([1, 2])
    expect(meetingCounts(held)).toEqual([
      { kind: 'hearing', name: '听证会', count: 1, attendance: 25 },
      { kind: 'coordination', name: '协调会', count: 0, attendance: 0 },
      { kind: 'evaluation', name: '评议会', count: 0, attendance: 0 },
      { kind: 'representatives', name: '居民代表会议', count: 1, attendance: 30 },
    ])
  })

  it('follows each proposal through its stages, with median days and the overdue ones', () => {
    const rows = ledgerProposals(f, w, asOf)
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4])
    expect(rows[0]).toMatchObject({ state: 'closed', decision: 'approved', decidedAt: '2026-03-21T02:00:00.000Z', implementedAt: '2026-06-20T02:00:00.000Z', daysOverdue: null })
    expect(rows[2]).toMatchObject({ decision: 'declined', raisedAt: '2025-12-01T02:00:00.000Z' })
    // Screening has 7 days: due 09-12 02:00 UTC; at 2026-12-31 16:00 UTC that is 110 whole days past.
    expect(rows[3]).toMatchObject({ state: 'screening', deadlineAt: '2026-09-12T02:00:00.000Z', daysOverdue: 110 })
    const stages = stageSummaries(rows, w)
    expect(stages.map((s) => [s.stage, s.count, s.medianDays])).toEqual([
      ['raised', 3, null],
      // 20, 30 and 41 days from raising to the decision.
      ['decided', 3, 30],
      ['implemented', 1, 91],
      ['evaluated', 1, 30],
    ])
    // Mid-year, proposal 1 was in implementation and proposal 4 not yet raised.
    const mid = ledgerProposals(f, w, '2026-05-01T00:00:00.000Z')
    expect(mid.find((r) => r.id === 1)).toMatchObject({ state: 'implementing', implementedAt: null, daysOverdue: null })
    expect(mid.find((r) => r.id === 4)).toBeUndefined()
  })

  it('takes money lines from the progress reports, the period share apart', () => {
    const lines = projectMoneyLines(f, w)
    expect(lines).toEqual([
      { source: 'project', sourceName: '提案项目', ref: { kind: 'proposal', id: 1 }, title: '提案1', planned: 12000, spent: 9000.5, spentInPeriod: 6000.5, reportedAt: '2026-06-15T02:00:00.000Z' },
    ])
    const other = { ...lines[0], ref: { kind: 'fund', id: 9 }, planned: 0.1, spent: 0.2, spentInPeriod: 0.2 }
    expect(moneySummary([...lines, other])).toMatchObject({ planned: 12000.1, spent: 9000.7, spentInPeriod: 6000.7 })
  })

  it('takes 自治金 payments as lines spent in the period, a corrected one marked', () => {
    const lines = fundMoneyLines([
      { key: 'fund-7', spentOn: '2026-03-02', title: '楼道灯更换', amountFen: 48007, proposalId: null, corrected: false },
      { key: 'fund-9', spentOn: '2026-04-10', title: '绿化补种', amountFen: 120000, proposalId: 3, corrected: true },
    ])
    expect(lines.map((l) => [l.ref, l.title, l.planned, l.spent, l.spentInPeriod])).toEqual([
      [{ kind: 'fund', id: 7 }, '楼道灯更换', null, 480.07, 480.07],
      [{ kind: 'fund', id: 9 }, '绿化补种（已更正）', null, 1200, 1200],
    ])
  })

  it('works out participation: verified households, co-signs, vote turnout, posts and survey returns', () => {
    const p = participationOf(
      f,
      {
        households: 400,
        verifiedHouseholds: 150,
        posts: 12,
        topicsWithPosts: 3,
        surveys: [
          { surveyId: 7, title: '满意度', closedAt: '2026-06-01T00:00:00.000Z', responses: 120, households: 400 },
          { surveyId: 8, title: '停车', closedAt: '2026-10-01T00:00:00.000Z', responses: 30, households: 100 },
        ],
      },
      w,
    )
    expect(p).toMatchObject({ households: 400, verifiedHouseholds: 150, verifiedRate: 0.375, cosigns: 1, cosignThresholdsReached: 1, posts: 12, voteTurnout: 0.5, surveyResponseRate: 0.3 })
    expect(p.votes).toEqual([{ proposalId: 2, title: '提案2', closedAt: '2026-03-03T02:00:00.000Z', ballots: 45, eligible: 90, rate: 0.5, passed: true }])
    expect(p.surveys.map((s) => s.rate)).toEqual([0.3, 0.3])
  })

  it('puts every 居民区 side by side, one value each per figure', () => {
    const one = { meetings: { counts: meetingCounts(meetingsIn(f.meetings, w)) }, proposals: { stages: stageSummaries(ledgerProposals(f, w, asOf), w), overdue: [{}] } }
    const ledger = (extra: object) => ({ ...one, participation: { households: 1, verifiedHouseholds: 1, verifiedRate: 1, cosigns: 0, voteTurnout: null, posts: 0, surveyResponseRate: null }, money: { planned: 1, spent: 2, spentInPeriod: 3 }, index: { total: 50 }, ...extra })
    const rows = comparisonRows([ledger({}), ledger({ index: { total: 61.5 } })] as never)
    expect(rows.find((r) => r.key === 'index.total')).toEqual({ key: 'index.total', name: '评估指标总分', unit: 'points', values: [50, 61.5] })
    expect(rows.find((r) => r.key === 'meetings.hearing')!.values).toEqual([1, 1])
    expect(rows.find((r) => r.key === 'proposals.decided.days')!.values).toEqual([30, 30])
    expect(rows.find((r) => r.key === 'proposals.overdue')!.values).toEqual([1, 1])
  })
})

import {
  allowedTransitions,
  checkTransition,
  correctionsIn,
  cosignThreshold,
  deadlineFor,
  DEFAULT_SETTINGS,
  daysOverdue,
  dueAction,
  escalationDue,
  invalidPlannedDate,
  invalidSetting,
  invalidVoteClose,
  isOverdue,
  referralStatus,
  streetEscalationAt,
  titleSimilarity,
  toFen,
  voteResult,
  type TransitionContext,
} from '../../server/proposals/rules'
import { PROPOSAL_STATES, type ProposalState } from '../../types'
// Planned dates end with the Shanghai day (rules.deadlineFor uses the shared time module).
import { endOfShanghaiDay as endOfDayShanghai } from '../../types/time'

const committee: TransitionContext = { roles: ['committee'], enteredByStaff: false }
const author: TransitionContext = { roles: ['author'], enteredByStaff: false }
const system: TransitionContext = { roles: ['system'], enteredByStaff: false }
const T0 = new Date('2025-03-01T02:00:00.000Z')
const DAY = 86_400_000

describe('lifecycle transitions', () => {
  it('lets the committee walk the main path, one step at a time', () => {
    expect(allowedTransitions('screening', committee)).toEqual(['accepted', 'rejected', 'merged', 'referred'])
    expect(allowedTransitions('accepted', committee)).toEqual(['deliberating', 'referred'])
    expect(allowedTransitions('deliberating', committee)).toEqual(['voting', 'approved', 'declined', 'referred'])
    expect(allowedTransitions('approved', committee)).toEqual(['implementing'])
    expect(allowedTransitions('implementing', committee)).toEqual(['completed'])
  })

  it('leaves the automatic steps to the server', () => {
    expect(allowedTransitions('submitted', system)).toEqual(['screening', 'expired'])
    expect(allowedTransitions('completed', system)).toEqual(['closed'])
    expect(allowedTransitions('submitted', committee)).toEqual(['rejected', 'merged', 'referred'])
    expect(allowedTransitions('completed', committee)).toEqual([])
  })

  it('lets the author withdraw only before acceptance', () => {
    expect(allowedTransitions('submitted', author)).toEqual(['withdrawn'])
    expect(allowedTransitions('screening', author)).toEqual(['withdrawn'])
    expect(allowedTransitions('accepted', author)).toEqual([])
    expect(checkTransition('accepted', 'withdrawn', author, {})).toEqual({ ok: false, kind: 'not_allowed', allowed: [] })
  })

  it('lets the committee withdraw a proposal it entered for a resident (代录)', () => {
    expect(allowedTransitions('submitted', { roles: ['committee'], enteredByStaff: true })).toContain('withdrawn')
    expect(allowedTransitions('submitted', committee)).not.toContain('withdrawn')
  })

  it('leaves final states alone', () => {
    for (const s of ['declined', 'closed', 'rejected', 'merged', 'referred', 'withdrawn', 'expired'] as const) {
      expect(allowedTransitions(s, { roles: ['author', 'committee', 'system'], enteredByStaff: true, voteOutcome: 'approved' })).toEqual([])
    }
  })

  it('refuses a forbidden step with the allowed ones', () => {
    expect(checkTransition('submitted', 'accepted', committee, {})).toEqual({
      ok: false,
      kind: 'not_allowed',
      allowed: ['rejected', 'merged', 'referred'],
    })
  })

  it('names the field a step needs', () => {
    expect(checkTransition('screening', 'rejected', committee, {})).toEqual({ ok: false, kind: 'missing', field: 'reason' })
    expect(checkTransition('screening', 'rejected', committee, { reason: '  ' })).toEqual({ ok: false, kind: 'missing', field: 'reason' })
    expect(checkTransition('screening', 'rejected', committee, { reason: '不属于居委会职责' })).toEqual({ ok: true })
    expect(checkTransition('screening', 'merged', committee, {})).toEqual({ ok: false, kind: 'missing', field: 'mergeInto' })
    expect(checkTransition('screening', 'referred', committee, { referTo: 'property' })).toEqual({ ok: false, kind: 'missing', field: 'reason' })
    expect(checkTransition('approved', 'implementing', committee, { owner: '物业' })).toEqual({ ok: false, kind: 'missing', field: 'plannedDate' })
    expect(checkTransition('deliberating', 'approved', committee, {})).toEqual({ ok: false, kind: 'missing', field: 'minutes' })
  })

  it('lets a vote end only in its tallied outcome, once closed', () => {
    expect(allowedTransitions('voting', { ...committee, voteOutcome: null })).toEqual([])
    expect(allowedTransitions('voting', { ...committee, voteOutcome: 'declined' })).toEqual(['declined'])
    expect(checkTransition('voting', 'approved', { ...committee, voteOutcome: 'declined' }, {})).toEqual({
      ok: false,
      kind: 'not_allowed',
      allowed: ['declined'],
    })
    expect(checkTransition('voting', 'approved', { ...system, voteOutcome: 'approved' }, {})).toEqual({ ok: true })
  })

  it('never lets a resident without a role move anything', () => {
    for (const s of PROPOSAL_STATES) expect(allowedTransitions(s, { roles: [], enteredByStaff: false })).toEqual([])
  })
})

describe('co-sign threshold', () => {
  it('takes the larger of the count and the share of households', () => {
    expect(cosignThreshold(36, DEFAULT_SETTINGS)).toBe(5) // 3 % of 36 = 1.08 → 2 < 5
    expect(cosignThreshold(600, DEFAULT_SETTINGS)).toBe(18) // 3 % of 600 = 18 exactly
    expect(cosignThreshold(601, DEFAULT_SETTINGS)).toBe(19) // rounds up
    expect(cosignThreshold(0, DEFAULT_SETTINGS)).toBe(5)
  })

  it('honours a 居民区 that uses only a count or only a share', () => {
    expect(cosignThreshold(1000, { cosignMinCount: 10, cosignSharePercent: 0 })).toBe(10)
    expect(cosignThreshold(1000, { cosignMinCount: 1, cosignSharePercent: 2.5 })).toBe(25)
    expect(cosignThreshold(3, { cosignMinCount: 1, cosignSharePercent: 0 })).toBe(1)
  })
})

describe('vote pass rule', () => {
  const rule = { voteTurnoutPercent: 50, voteMajorityPercent: 50 }
  it('needs half the verified households and more for than against', () => {
    expect(voteResult({ for: 3, against: 2, abstain: 0 }, 10, rule)).toEqual({ turnout: 5, passed: true })
    expect(voteResult({ for: 3, against: 1, abstain: 0 }, 10, rule)).toEqual({ turnout: 4, passed: false }) // turnout 40 %
    expect(voteResult({ for: 2, against: 2, abstain: 1 }, 10, rule)).toEqual({ turnout: 5, passed: false }) // a tie fails
    expect(voteResult({ for: 1, against: 0, abstain: 4 }, 10, rule)).toEqual({ turnout: 5, passed: true }) // abstentions count for turnout
    expect(voteResult({ for: 0, against: 0, abstain: 0 }, 0, rule)).toEqual({ turnout: 0, passed: false })
  })

  it('applies a two-thirds rule when a 居民区 sets one', () => {
    const twoThirds = { voteTurnoutPercent: 0, voteMajorityPercent: 66.66 }
    expect(voteResult({ for: 2, against: 1, abstain: 0 }, 3, twoThirds).passed).toBe(true)
    expect(voteResult({ for: 3, against: 2, abstain: 0 }, 5, twoThirds).passed).toBe(false)
  })
})

describe('time limits', () => {
  it('derives each state’s deadline from the settings', () => {
    const at = (state: Parameters<typeof deadlineFor>[0]['state']) => deadlineFor({ state, stateEnteredAt: T0 }, DEFAULT_SETTINGS)
    expect(at('submitted')).toEqual(new Date(T0.getTime() + 30 * DAY))
    expect(at('screening')).toEqual(new Date(T0.getTime() + 7 * DAY))
    expect(at('deliberating')).toEqual(new Date(T0.getTime() + 30 * DAY))
    expect(at('voting')).toEqual(new Date(T0.getTime() + 7 * DAY))
    expect(at('completed')).toEqual(new Date(T0.getTime() + 30 * DAY))
    expect(at('implementing')).toBeNull()
    expect(at('closed')).toBeNull()
    expect(deadlineFor({ state: 'implementing', stateEnteredAt: T0, plannedDate: '2025-04-30' }, DEFAULT_SETTINGS)).toEqual(
      new Date('2025-04-30T15:59:59.999Z'),
    )
    expect(deadlineFor({ state: 'referred', stateEnteredAt: T0, referralAnswered: true }, DEFAULT_SETTINGS)).toBeNull()
    const closes = new Date('2025-03-05T10:00:00Z')
    expect(deadlineFor({ state: 'voting', stateEnteredAt: T0, voteClosesAt: closes }, DEFAULT_SETTINGS)).toEqual(closes)
  })

  it('flags overdue only in states that should have moved on', () => {
    const past = new Date(T0.getTime() - 1)
    expect(isOverdue('screening', past, T0)).toBe(true)
    expect(isOverdue('screening', T0, T0)).toBe(false)
    expect(isOverdue('submitted', past, T0)).toBe(false) // expires instead
    expect(isOverdue('completed', past, T0)).toBe(false) // closes instead
    expect(isOverdue('implementing', null, T0)).toBe(false)
    expect(dueAction('submitted')).toBe('expire')
    expect(dueAction('voting')).toBe('close_vote')
    expect(dueAction('completed')).toBe('close')
    expect(dueAction('deliberating')).toBe('flag_overdue')
    expect(dueAction('closed')).toBeNull()
  })

  it('reads planned dates and vote closing times in Shanghai time', () => {
    expect(endOfDayShanghai('2025-03-01').toISOString()).toBe('2025-03-01T15:59:59.999Z')
    // 2025-03-01T17:00Z is already 3 月 2 日 in Shanghai.
    expect(invalidPlannedDate('2025-03-01', new Date('2025-03-01T17:00:00Z'))).toBe('计划完成日期不能早于今天')
    expect(invalidPlannedDate('2025-03-02', new Date('2025-03-01T17:00:00Z'))).toBeNull()
    expect(invalidPlannedDate('2025-02-30', T0)).toBe('计划完成日期不存在')
    expect(invalidVoteClose(new Date(T0.getTime() + 30 * 60_000), T0)).toBe('投票截止时间至少要在一小时之后')
    expect(invalidVoteClose(new Date(T0.getTime() + 61 * DAY), T0)).toBe('投票时间不能超过 60 天')
    expect(invalidVoteClose(new Date(T0.getTime() + 7 * DAY), T0)).toBeNull()
  })
})

describe('settings, similarity, money', () => {
  it('checks settings ranges', () => {
    expect(invalidSetting({ screeningDays: 14, voteTurnoutPercent: 40 })).toBeNull()
    expect(invalidSetting({ screeningDays: 0 })?.field).toBe('screeningDays')
    expect(invalidSetting({ cosignDays: 2.5 })?.field).toBe('cosignDays')
    expect(invalidSetting({ voteMajorityPercent: 40 })).toEqual({ field: 'voteMajorityPercent', message: '赞成比例应在 50 到 99.99 之间' })
  })

  it('finds similar Chinese titles', () => {
    expect(titleSimilarity('3号楼加装电梯', '3号楼加装电梯的建议')).toBeGreaterThan(0.6)
    expect(titleSimilarity('小区停车难', '垃圾分类投放点')).toBe(0)
  })

  it('stores money in whole fen', () => {
    expect(toFen(0.1 + 0.2)).toBe(30)
    expect(toFen(12345.67)).toBe(1234567)
  })
})

describe('progress corrections', () => {
  it('marks each update that took back the percent or the spending last reported before it', () => {
    const u = (percent: number, budget_spent_fen: number | null = null) => ({ percent, budget_spent_fen })
    // Spending left out keeps the last reported figure: 9000 after 12000 is still a correction.
    expect(correctionsIn([u(30, 12000), u(50), u(50, 9000), u(40), u(40, 9000), u(100, 20000)])).toEqual([false, false, true, true, false, false])
    expect(correctionsIn([])).toEqual([])
  })
})

describe('escalation of overdue items', () => {
  const at = (days: number) => new Date(T0.getTime() + days * DAY)
  const facts = (state: ProposalState, limitDays: number | null) => ({ state, stateEnteredAt: T0, deadline: limitDays === null ? null : at(limitDays) })

  it('is due to the committee at the time limit and to the 街镇 at twice it', () => {
    const f = facts('screening', 7)
    expect(escalationDue(f, at(6.9))).toBe(0)
    expect(escalationDue(f, at(7))).toBe(1)
    expect(escalationDue(f, at(13.9))).toBe(1)
    expect(escalationDue(f, at(14))).toBe(2)
    expect(escalationDue(f, at(100))).toBe(2)
    expect(streetEscalationAt(T0, at(30))).toEqual(at(60))
  })

  it('never escalates what the sweep moves on by itself, nor what has no time limit', () => {
    for (const state of ['submitted', 'voting', 'completed', 'closed', 'rejected'] as ProposalState[]) expect(escalationDue(facts(state, 7), at(100))).toBe(0)
    // An answered referral has no deadline any more.
    expect(escalationDue(facts('referred', null), at(100))).toBe(0)
    expect(escalationDue(facts('referred', 30), at(60))).toBe(2)
  })

  it('counts whole days overdue', () => {
    expect(daysOverdue(at(7), at(7.5))).toBe(0)
    expect(daysOverdue(at(7), at(10.2))).toBe(3)
    expect(daysOverdue(at(7), at(6))).toBe(0)
  })

  it('says where a referral stands', () => {
    expect(referralStatus({ referral_accepted_at: null, referral_answered_at: null })).toBe('open')
    expect(referralStatus({ referral_accepted_at: 'x', referral_answered_at: null })).toBe('accepted')
    expect(referralStatus({ referral_accepted_at: null, referral_answered_at: 'y' })).toBe('answered')
  })

  it('lets only the referee refuse a referral, back to screening with a reason', () => {
    const referee: TransitionContext = { roles: ['referee'], enteredByStaff: false }
    expect(allowedTransitions('referred', referee)).toEqual(['screening'])
    expect(allowedTransitions('referred', committee)).toEqual([])
    expect(checkTransition('referred', 'screening', referee, {})).toEqual({ ok: false, kind: 'missing', field: 'reason' })
  })
})

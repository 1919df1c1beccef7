import { TRANSITIONS } from '../../server/proposals/rules'
import { daysLeft, PROPOSAL_STATES, proposalRoad, type ProposalState, type RoadFacts } from '../../types'

const DAY = 86_400_000
const T0 = Date.parse('2025-03-01T02:00:00.000Z')
const at = (days: number) => new Date(T0 + days * DAY).toISOString()

/** A timeline walking `states` one day apart from submission. */
function walk(states: ProposalState[], deadlineAt: string | null = null): RoadFacts {
  const timeline = states.map((to, i) => ({ from: i === 0 ? null : states[i - 1], to, at: at(i) }))
  return { state: states[states.length - 1], createdAt: at(0), deadlineAt, timeline }
}

const statuses = (f: RoadFacts, now = new Date(at(20))) => proposalRoad(f, now).map((s) => `${s.key}:${s.status}`)

describe('the proposal road', () => {
  it('while collecting co-signatures: raised is done, co-signing is now with its days left, the rest ahead', () => {
    const road = proposalRoad(walk(['submitted'], at(30)), new Date(at(10)))
    expect(road.map((s) => s.status)).toEqual(['done', 'now', 'ahead', 'ahead', 'ahead', 'ahead', 'ahead'])
    expect(road[0].at).toBe(at(0))
    expect(road[1]).toMatchObject({ key: 'cosign', deadlineAt: at(30), daysLeft: 20 })
  })

  it('marks each step done when the next began, and the vote as now', () => {
    const road = proposalRoad(walk(['submitted', 'screening', 'accepted', 'deliberating', 'voting'], at(12)), new Date(at(5)))
    expect(road.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'now', 'ahead', 'ahead'])
    expect(road.map((s) => s.at)).toEqual([at(0), at(1), at(2), at(4), null, null, null])
    expect(road[4].daysLeft).toBe(7)
  })

  it('counts days left down to 0 on the last day and below 0 once past', () => {
    expect(daysLeft(at(3), new Date(at(2)))).toBe(1)
    expect(daysLeft(at(3), new Date(T0 + 2.5 * DAY))).toBe(0)
    expect(daysLeft(at(3), new Date(T0 + 3.5 * DAY))).toBe(-1)
    const late = proposalRoad(walk(['submitted', 'screening'], at(8)), new Date(at(10)))
    expect(late[2]).toMatchObject({ status: 'now', daysLeft: -2 })
  })

  it('walks the whole road to 结项 with nothing left ahead', () => {
    const closed = walk(['submitted', 'screening', 'accepted', 'deliberating', 'voting', 'approved', 'implementing', 'completed', 'closed'])
    expect(proposalRoad(closed, new Date(at(20))).every((s) => s.status === 'done')).toBe(true)
  })

  it('an offline decision (deliberating → approved) finishes 表决 and waits to start 实施', () => {
    const road = proposalRoad(walk(['submitted', 'screening', 'accepted', 'deliberating', 'approved'], at(20)), new Date(at(6)))
    expect(road.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'now', 'ahead'])
    expect(road[5].note).toContain('等待开始实施')
  })

  it.each<[ProposalState[], string]>([
    [['submitted', 'withdrawn'], 'cosign'],
    [['submitted', 'expired'], 'cosign'],
    [['submitted', 'screening', 'rejected'], 'screen'],
    [['submitted', 'screening', 'merged'], 'screen'],
    [['submitted', 'merged'], 'cosign'],
    [['submitted', 'screening', 'accepted', 'deliberating', 'voting', 'declined'], 'decide'],
    [['submitted', 'screening', 'accepted', 'deliberating', 'declined'], 'decide'],
  ])('an exit %j stops the road at %s; nothing after it will happen', (states, where) => {
    const road = proposalRoad(walk(states), new Date(at(20)))
    const stop = road.findIndex((s) => s.status === 'stopped')
    expect(road[stop].key).toBe(where)
    expect(road[stop].at).toBe(at(states.length - 1))
    expect(road[stop].note).toBeTruthy()
    expect(road.slice(0, stop).every((s) => s.status === 'done')).toBe(true)
    expect(road.slice(stop + 1).every((s) => s.status === 'skipped')).toBe(true)
    expect(road.some((s) => s.status === 'now')).toBe(false)
  })

  it('a referral stays on the step it left from, with whom it went to; a refusal brings it back to 审核', () => {
    const referred = { ...walk(['submitted', 'screening', 'accepted', 'deliberating', 'referred'], at(30)), referredTo: '物业公司' }
    const road = proposalRoad(referred, new Date(at(5)))
    expect(road[3]).toMatchObject({ key: 'deliberate', status: 'now', daysLeft: 25 })
    expect(road[3].note).toContain('物业公司')
    const back = walk(['submitted', 'screening', 'accepted', 'deliberating', 'referred', 'screening'], at(12))
    expect(statuses(back, new Date(at(6)))).toEqual([
      'raise:done',
      'cosign:done',
      'screen:now',
      'deliberate:ahead',
      'decide:ahead',
      'implement:ahead',
      'evaluate:ahead',
    ])
  })

  it('ignores referral events that do not change the state', () => {
    const f = walk(['submitted', 'screening', 'referred'], at(30))
    f.timeline.push({ from: 'referred', to: 'referred', at: at(3) })
    expect(proposalRoad(f, new Date(at(4)))[2]).toMatchObject({ status: 'now', deadlineAt: at(30) })
  })

  it('has exactly one current or stopping step, or none once closed, for every state the lifecycle can reach', () => {
    for (const state of PROPOSAL_STATES) {
      const rule = TRANSITIONS.find((r) => r.to === state)
      const from = rule?.from[rule.from.length - 1] ?? null
      const road = proposalRoad({ state, createdAt: at(0), deadlineAt: null, timeline: [{ from, to: state, at: at(1) }] }, new Date(at(2)))
      const marked = road.filter((s) => s.status === 'now' || s.status === 'stopped')
      expect([state, marked.length]).toEqual([state, state === 'closed' ? 0 : 1])
    }
  })
})

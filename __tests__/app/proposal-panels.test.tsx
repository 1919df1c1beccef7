/**
 * Which of the committee's panels the 处理提案 page shows, as a pure rule over the proposal's state,
 * the steps the server allows the viewer and the viewer's role (no rendering).
 */
import type { ProposalState } from '@yishi/types'
import { visiblePanels, type PanelFacts, type PanelKey } from '@/committee/proposals/panels/visibility'

/** A proposal as its own committee sees it, with the steps the server allows the committee in that state. */
function committee(state: ProposalState, allowedTransitions: ProposalState[], more: Partial<PanelFacts> = {}): PanelFacts {
  return { isCommittee: true, state, allowedTransitions, contentStatus: 'visible', enteredByStaff: false, referral: null, ...more }
}

const referral = {
  to: 'property' as const,
  toName: '物业公司',
  reason: '物业职责',
  status: 'open' as const,
  acceptedAt: null,
  answer: null,
  answeredAt: null,
  answeredBy: null,
}

test('each state of the main path shows the panels for the steps open to the committee', () => {
  const cases: [PanelFacts, PanelKey[]][] = [
    [committee('submitted', ['rejected', 'merged', 'referred']), ['screen']],
    [committee('screening', ['accepted', 'rejected', 'merged', 'referred']), ['screen']],
    [committee('accepted', ['deliberating', 'referred']), ['screen', 'startDeliberation', 'meeting']],
    [committee('deliberating', ['voting', 'approved', 'declined', 'referred']), ['screen', 'decide', 'meeting']],
    [committee('voting', []), ['closeVote', 'meeting']],
    [committee('voting', ['approved']), ['closeVote', 'meeting']],
    [committee('approved', ['implementing']), ['startImplementation', 'meeting']],
    [committee('implementing', ['completed']), ['progress', 'meeting']],
    [committee('completed', []), ['meeting']],
    [committee('declined', []), ['meeting']],
  ]
  for (const [facts, panels] of cases) expect([facts.state, visiblePanels(facts)]).toEqual([facts.state, panels])
})

test('finished proposals leave the committee nothing to do', () => {
  for (const state of ['closed', 'rejected', 'merged', 'withdrawn', 'expired'] as ProposalState[]) {
    expect(visiblePanels(committee(state, []))).toEqual([])
  }
})

test('a referral waits for its answer, then needs nothing more', () => {
  expect(visiblePanels(committee('referred', [], { referral }))).toEqual(['referral'])
  expect(visiblePanels(committee('referred', [], { referral: { ...referral, status: 'answered', answer: '已安排维修', answeredAt: '2026-03-01T02:00:00Z', answeredBy: 'referee' } }))).toEqual([])
})

test('content held by the check comes first; a 代录 proposal may be withdrawn last', () => {
  expect(visiblePanels(committee('submitted', ['rejected', 'merged', 'referred'], { contentStatus: 'pending_review' }))).toEqual(['review', 'screen'])
  expect(visiblePanels(committee('closed', [], { contentStatus: 'hidden' }))).toEqual(['review'])
  expect(visiblePanels(committee('submitted', ['rejected', 'merged', 'referred', 'withdrawn'], { enteredByStaff: true }))).toEqual(['screen', 'withdraw'])
  // A resident's own proposal: the committee cannot withdraw it (and the server would not offer it).
  expect(visiblePanels(committee('submitted', ['withdrawn']))).toEqual([])
})

test('anyone but the proposal’s committee sees no panel, whatever the state', () => {
  const author: PanelFacts = { ...committee('submitted', ['withdrawn']), isCommittee: false }
  expect(visiblePanels(author)).toEqual([])
  expect(visiblePanels({ ...committee('voting', ['approved']), isCommittee: false })).toEqual([])
  expect(visiblePanels({ ...committee('implementing', ['completed'], { contentStatus: 'pending_review' }), isCommittee: false })).toEqual([])
})

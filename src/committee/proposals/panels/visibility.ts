import type { ProposalDetail, ProposalState } from '@yishi/types'

// Which of the committee's panels a proposal's page shows: one pure rule over the proposal's state,
// the steps the server allows this viewer (allowedTransitions) and the viewer's role (isCommittee).
// Tested in __tests__/app/proposal-panels.test.tsx.

export type PanelKey =
  | 'review'
  | 'screen'
  | 'startDeliberation'
  | 'decide'
  | 'closeVote'
  | 'startImplementation'
  | 'progress'
  | 'referral'
  | 'meeting'
  | 'withdraw'

/** Top to bottom on the page. */
const ORDER: PanelKey[] = ['review', 'screen', 'startDeliberation', 'decide', 'closeVote', 'startImplementation', 'progress', 'referral', 'meeting', 'withdraw']

export type ScreenAction = Extract<ProposalState, 'accepted' | 'rejected' | 'merged' | 'referred'>

/** The screening steps, in the order the screening panel offers them. */
export const SCREEN_ACTIONS: ScreenAction[] = ['accepted', 'rejected', 'merged', 'referred']

/** From acceptance until the work is done, the committee records its 三会 meetings. */
export const MEETING_STATES: ProposalState[] = ['accepted', 'deliberating', 'voting', 'approved', 'declined', 'implementing', 'completed']

export type PanelFacts = Pick<ProposalDetail, 'isCommittee' | 'state' | 'allowedTransitions' | 'contentStatus' | 'enteredByStaff' | 'referral'>

/** The panels to show, in page order; none for anyone but the proposal's own committee. */
export function visiblePanels(d: PanelFacts): PanelKey[] {
  if (!d.isCommittee) return []
  const can = (s: ProposalState) => d.allowedTransitions.includes(s)
  const shown: Record<PanelKey, boolean> = {
    review: d.contentStatus !== 'visible',
    screen: SCREEN_ACTIONS.some(can),
    startDeliberation: can('deliberating'),
    // Once deliberating: a households' vote, or the 居民代表会议's decision taken offline.
    decide: can('voting') && !can('deliberating'),
    closeVote: d.state === 'voting',
    startImplementation: can('implementing'),
    progress: d.state === 'implementing',
    referral: d.state === 'referred' && !!d.referral && !d.referral.answer,
    meeting: MEETING_STATES.includes(d.state),
    // Only what the committee entered for a resident (代录) may it withdraw, at their request.
    withdraw: d.enteredByStaff && can('withdrawn'),
  }
  return ORDER.filter((k) => shown[k])
}

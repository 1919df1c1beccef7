import type { ComponentType } from 'react'
import { CloseVotePanel } from './CloseVotePanel'
import { DecidePanel } from './DecidePanel'
import { MeetingPanel } from './MeetingPanel'
import { ProgressPanel } from './ProgressPanel'
import { ReferralPanel } from './ReferralPanel'
import { ReviewPanel } from './ReviewPanel'
import { ScreenPanel } from './ScreenPanel'
import { StartDeliberationPanel } from './StartDeliberationPanel'
import { StartImplementationPanel } from './StartImplementationPanel'
import { WithdrawPanel } from './WithdrawPanel'
import type { PanelProps } from './types'
import type { PanelKey } from './visibility'

export { visiblePanels } from './visibility'

/** The committee's panels on a proposal's page, by key; visiblePanels says which to show. */
export const PANELS: Record<PanelKey, ComponentType<PanelProps>> = {
  review: ReviewPanel,
  screen: ScreenPanel,
  startDeliberation: StartDeliberationPanel,
  decide: DecidePanel,
  closeVote: CloseVotePanel,
  startImplementation: StartImplementationPanel,
  progress: ProgressPanel,
  referral: ReferralPanel,
  meeting: MeetingPanel,
  withdraw: WithdrawPanel,
}

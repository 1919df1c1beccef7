import type { ProposalDetail } from '@yishi/types'
import type { useProposalAction } from '@/proposals/useProposalAction'

/** What every panel gets: the proposal, and the page's one runner of actions (confirm, reload). */
export interface PanelProps {
  d: ProposalDetail
  run: ReturnType<typeof useProposalAction>['run']
  /** The key of the action under way. */
  busy: string | null
}

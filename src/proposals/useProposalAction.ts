import { useAction, type ActionOptions } from '@/shared/hooks/useAction'
import { markProposalsChanged } from './api'

/**
 * An action that changes a proposal (附议, 受理, 发起投票…). Afterwards the page reloads the proposal,
 * also after a refusal (a 409 says the proposal moved on: show what it is now), and the lists refresh
 * when next shown.
 */
export function useProposalAction(reload: () => Promise<void>) {
  const action = useAction()
  const run = (key: string, work: () => Promise<unknown>, options?: ActionOptions<unknown>) =>
    action.run(
      key,
      async () => {
        try {
          await work()
          markProposalsChanged()
        } finally {
          await reload()
        }
      },
      options,
    )
  return { busy: action.busy, run }
}

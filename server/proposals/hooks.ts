import { openTopic } from '../discussions'
import type { Trx } from '../core/db'

export interface AcceptedProposal {
  id: number
  title: string
  body: string
  category: string
  unitId: number
  neighbourhoodId: number
}

/**
 * Runs inside the accept transition's transaction (screening → accepted): opens the proposal's discussion
 * topic in the 议事厅 (the committee member who accepted it opens it) and returns its id, stored as the
 * proposal's topicId. Title and body passed the content check when the proposal was submitted.
 */
export async function onAccepted(trx: Trx, proposal: AcceptedProposal, acceptedBy: number, now: Date): Promise<number | null> {
  const topic = await openTopic(trx, {
    unitId: proposal.unitId,
    question: proposal.title,
    background: proposal.body,
    proposalId: proposal.id,
    openedBy: acceptedBy,
    now,
  })
  return topic.id
}

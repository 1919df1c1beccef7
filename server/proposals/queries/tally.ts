import type { ProposalLevel, VoteChoice, VoteTally } from '../../../types'
import type { Q } from '../context'
import { countChoices, voteResult, type SettingsValues } from '../rules'
import { verifiedHouseholdsIn } from '../units'

/** The tally of a vote from its ballots (the outcome is only published once it has closed). */
export async function tallyVote(db: Q, row: { id: number; unit_id: number; level: string }, settings: SettingsValues): Promise<VoteTally> {
  const [ballots, eligible] = await Promise.all([
    db.selectFrom('proposal_votes').select('choice').where('proposal_id', '=', row.id).execute(),
    verifiedHouseholdsIn(db, { id: row.unit_id, level: row.level as ProposalLevel }),
  ])
  const counts = countChoices(ballots.map((b) => b.choice as VoteChoice))
  const { turnout, passed } = voteResult(counts, eligible, settings)
  return { ...counts, turnout, eligibleHouseholds: eligible, passed }
}

/** The ballot a household cast on a proposal (每户一票), with the member who cast it. */
export function householdBallot(db: Q, proposalId: number, household: { buildingId: number; room: string }) {
  return db
    .selectFrom('proposal_votes')
    .select(['choice', 'user_id'])
    .where('proposal_id', '=', proposalId)
    .where('building_id', '=', household.buildingId)
    .where('room', '=', household.room)
    .executeTakeFirst()
}

import type { ProposalVote, VoteChoice } from '../../../types'
import { conflict } from '../../core/errors'
import type { CommandContext } from '../context'
import { deny, householdRefusal, voteRefusal } from '../policy'
import { readableProposal } from '../queries/detail'
import { householdBallot } from '../queries/tally'
import { householdOf } from '../units'

/** A household's vote (每户一票): the first member to vote casts it; only they may change it. */
export async function castVote(ctx: CommandContext, id: number, choice: VoteChoice): Promise<ProposalVote> {
  const { db, viewer: v, now } = ctx
  const row = await readableProposal(db, v, id)
  deny(voteRefusal(v, row, now))
  const household = await householdOf(db, v.userId)
  deny(householdRefusal(household))
  return ctx.write(async ({ trx, now }) => {
    const iso = now.toISOString()
    const ballotOf = { proposal_id: row.id, building_id: household!.buildingId, room: household!.room }
    await trx
      .insertInto('proposal_votes')
      .values({ ...ballotOf, user_id: v.userId, choice, created_at: iso, updated_at: iso })
      .onConflict((oc) => oc.columns(['proposal_id', 'building_id', 'room']).doNothing())
      .execute()
    const ballot = (await householdBallot(trx, row.id, household!))!
    if (ballot.user_id !== v.userId) throw conflict('household_voted', '您家已由另一位家庭成员投票（每户一票）')
    if (ballot.choice !== choice) {
      await trx
        .updateTable('proposal_votes')
        .set({ choice, updated_at: iso })
        .where('proposal_id', '=', ballotOf.proposal_id)
        .where('building_id', '=', ballotOf.building_id)
        .where('room', '=', ballotOf.room)
        .execute()
    }
    return {
      closesAt: row.vote_closes_at,
      household: { choice, castByMe: true },
      canVote: true,
      result: null,
      decidedOffline: false,
    }
  })
}

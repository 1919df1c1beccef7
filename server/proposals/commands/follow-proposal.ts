import type { FollowResult } from '../../../types'
import type { CommandContext } from '../context'
import { readableProposal } from '../queries/detail'

/** Follows a readable proposal: its news come as notifications. */
export async function followProposal(ctx: CommandContext, id: number): Promise<FollowResult> {
  const row = await readableProposal(ctx.db, ctx.viewer, id)
  return ctx.write(async ({ trx, now }) => {
    await trx
      .insertInto('proposal_follows')
      .values({ proposal_id: row.id, user_id: ctx.viewer.userId, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
      .execute()
    return { following: true }
  })
}

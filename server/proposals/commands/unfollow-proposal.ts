import type { FollowResult } from '../../../types'
import type { CommandContext } from '../context'
import { readableProposal } from '../queries/detail'

export async function unfollowProposal(ctx: CommandContext, id: number): Promise<FollowResult> {
  const row = await readableProposal(ctx.db, ctx.viewer, id)
  return ctx.write(async ({ trx }) => {
    await trx.deleteFrom('proposal_follows').where('proposal_id', '=', row.id).where('user_id', '=', ctx.viewer.userId).execute()
    return { following: false }
  })
}

import { maskPersonalInfo } from '../content'
import type { Trx } from '../core/db'
import { notify, pushAfterCommit } from '../notifications'
import type { ProposalRow, Tx } from './rows'

/** The author (or, for 代录, the committee member who relays to them) and the followers. */
async function audience(trx: Trx, p: ProposalRow): Promise<number[]> {
  const followers = await trx.selectFrom('proposal_follows').select('user_id').where('proposal_id', '=', p.id).execute()
  const ids = followers.map((f) => f.user_id)
  if (p.author_id !== null) ids.push(p.author_id)
  if (p.entered_by !== null) ids.push(p.entered_by)
  return ids
}

/** Tells the proposal's audience what happened: in-app now, WeChat subscribe messages after the commit. */
export async function notifyAudience(
  tx: Tx,
  p: ProposalRow,
  kind: string,
  body: string,
  opts: { except?: number | null; extra?: number[]; status?: string } = {},
): Promise<void> {
  const ids = [...(await audience(tx.trx, p)), ...(opts.extra ?? [])].filter((id) => id !== opts.except)
  const pushes = await notify(
    tx.trx,
    ids,
    { kind, title: maskPersonalInfo(p.title), body, targetType: 'proposal', targetId: p.id, status: opts.status },
    tx.now,
  )
  pushAfterCommit(tx.after, pushes)
}

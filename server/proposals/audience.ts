import type { RoleName } from '../../types'
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

/** Who holds a role on a unit: the 居委会 of a 居民区, the admins of a 街镇, a referee. */
export async function roleHolders(trx: Trx, role: RoleName, unitId: number | null): Promise<number[]> {
  if (unitId === null) return []
  const rows = await trx.selectFrom('role_grants').select('user_id').where('role', '=', role).where('unit_id', '=', unitId).execute()
  return rows.map((r) => r.user_id)
}

/** The proposal's 居委会 (the members of its 居民区). */
export const committeeOf = (trx: Trx, p: ProposalRow) => roleHolders(trx, 'moderator', p.neighbourhood_id)

/** Tells these users about the proposal: in-app now, WeChat subscribe messages after the commit. */
export async function tell(tx: Tx, p: ProposalRow, ids: number[], kind: string, body: string, status?: string): Promise<void> {
  const pushes = await notify(
    tx.trx,
    ids,
    { kind, title: maskPersonalInfo(p.title), body, targetType: 'proposal', targetId: p.id, status },
    tx.now,
  )
  pushAfterCommit(tx.after, pushes)
}

/** Tells the proposal's audience (and `extra`) what happened, except the one who did it. */
export async function notifyAudience(
  tx: Tx,
  p: ProposalRow,
  kind: string,
  body: string,
  opts: { except?: number | null; extra?: number[]; status?: string } = {},
): Promise<void> {
  const ids = [...(await audience(tx.trx, p)), ...(opts.extra ?? [])].filter((id) => id !== opts.except)
  await tell(tx, p, ids, kind, body, opts.status)
}

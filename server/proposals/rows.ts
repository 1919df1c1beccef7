import type { Selectable } from 'kysely'
import { logModeration } from '../core/audit'
import { compiled } from '../core/compiled'
import type { Trx } from '../core/db'
import type { AfterCommit } from '../core/write'
import type { ProposalTable } from './tables'

export type ProposalRow = Selectable<ProposalTable>

/** A write in progress: its transaction, what to do after the commit, and the time it acts at. */
export interface Tx {
  trx: Trx
  after: AfterCommit
  now: Date
}

const rowById = compiled((db, v: { id: number }) => db.selectFrom('proposals').selectAll().where('id', '=', v.id))

export async function loadRow(trx: Trx, id: number): Promise<ProposalRow | undefined> {
  return rowById.first(trx, { id })
}

/** A committee member's act on a proposal, into the moderation log its 居民区 reads. */
export async function logStaffAct(trx: Trx, actorId: number, action: string, p: { id: number; neighbourhood_id: number }, reason: string | null = null): Promise<void> {
  await logModeration(trx, { actorId, action, targetType: 'proposal', targetId: p.id, unitId: p.neighbourhood_id, reason })
}

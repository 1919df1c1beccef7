import type { ProxyCosign } from '../../../types'
import type { ReadContext } from '../context'
import { deny, manageRefusal } from '../policy'
import { readableProposal } from './detail'

/** The 代录 co-signatures of a proposal, for its committee (to take back one entered by mistake). */
export async function proxyCosigns({ db, viewer }: ReadContext, id: number): Promise<{ items: ProxyCosign[] }> {
  const row = await readableProposal(db, viewer, id)
  deny(manageRefusal(viewer, row))
  const rows = await db
    .selectFrom('proposal_cosigns as c')
    .innerJoin('units as b', 'b.id', 'c.building_id')
    .select(['c.id', 'c.building_id', 'b.name', 'c.room', 'c.created_at'])
    .where('c.proposal_id', '=', row.id)
    .where('c.user_id', 'is', null)
    .orderBy('c.id')
    .execute()
  return { items: rows.map((r) => ({ id: r.id, buildingId: r.building_id, buildingName: r.name, room: r.room ?? '', enteredAt: r.created_at })) }
}

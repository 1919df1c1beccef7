// The committee appoints verified residents of its 居民区 to the 居务监督委员会, and removes them.
// A membership is never deleted: removal is dated, so who served when stays on record.
import type { AffairSupervisor } from '../../../types'
import { privacyLabel } from '../../accounts'
import { logModeration } from '../../core/audit'
import { badInput, notFound } from '../../core/errors'
import type { Writer } from '../context'
import { managedNeighbourhood } from '../queries/ledger'

export async function appointSupervisor(w: Writer, b: { unitId?: number; userId: number }): Promise<AffairSupervisor> {
  const unit = await managedNeighbourhood(w, b.unitId)
  const home = await w.db
    .selectFrom('residences as r')
    .innerJoin('units as bu', 'bu.id', 'r.building_id')
    .innerJoin('units as e', 'e.id', 'bu.parent_id')
    .select(['bu.name'])
    .where('r.user_id', '=', b.userId)
    .where('r.status', '=', 'approved')
    .where('e.parent_id', '=', unit.id)
    .executeTakeFirst()
  if (!home) throw badInput('userId', '只能任命本居民区的认证居民')
  return w.write(async (trx) => {
    const current = await trx
      .selectFrom('affairs_supervisors')
      .select(['id', 'label', 'appointed_at'])
      .where('neighbourhood_id', '=', unit.id)
      .where('user_id', '=', b.userId)
      .where('removed_at', 'is', null)
      .executeTakeFirst()
    // Appointing a member again changes nothing (a retried tap).
    if (current) return { id: current.id, label: current.label, appointedAt: current.appointed_at }
    const at = w.now.toISOString()
    const label = privacyLabel({ buildingName: home.name, isStaff: false })
    const row = await trx
      .insertInto('affairs_supervisors')
      .values({ neighbourhood_id: unit.id, user_id: b.userId, label, appointed_by: w.principal.userId, appointed_at: at, removed_by: null, removed_at: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    await logModeration(trx, { actorId: w.principal.userId, action: 'affairs.supervisor.appoint', targetType: 'user', targetId: b.userId, unitId: unit.id, reason: null })
    return { id: row.id, label, appointedAt: at }
  })
}

export async function removeSupervisor(w: Writer, id: number): Promise<{ ok: true }> {
  const m = await w.db.selectFrom('affairs_supervisors').select(['neighbourhood_id', 'user_id', 'removed_at']).where('id', '=', id).executeTakeFirst()
  if (!m) throw notFound('这位监督委员会成员')
  await managedNeighbourhood(w, m.neighbourhood_id)
  if (m.removed_at !== null) return { ok: true }
  return w.write(async (trx) => {
    await trx.updateTable('affairs_supervisors').set({ removed_by: w.principal.userId, removed_at: w.now.toISOString() }).where('id', '=', id).where('removed_at', 'is', null).execute()
    await logModeration(trx, { actorId: w.principal.userId, action: 'affairs.supervisor.remove', targetType: 'user', targetId: m.user_id, unitId: m.neighbourhood_id, reason: null })
    return { ok: true as const }
  })
}

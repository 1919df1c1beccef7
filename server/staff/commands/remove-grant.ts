import { sql } from 'kysely'
import { forgetAccount, type Principal } from '../../accounts'
import type { Trx } from '../../core/db'
import { ROLE_NAMES } from '../../../types'
import { notFound } from '../../core/errors'
import { logModeration } from '../../core/audit'
import type { AfterCommit } from '../../core/write'
import { deny, removeRefusal } from '../policy'
import { targetUnit } from '../queries'

/** Takes a role away; the person's next request already runs without it (their cached account is forgotten on commit). */
export async function removeGrant(trx: Trx, principal: Principal, grantId: number, after: AfterCommit): Promise<{ ok: boolean }> {
  const grant = await trx.selectFrom('role_grants').select(['id', 'user_id', 'role', 'unit_id']).where('id', '=', grantId).executeTakeFirst()
  if (!grant) throw notFound('角色')
  const unit = await targetUnit(trx, grant.unit_id)
  // Two admins removing each other at once must not leave the 街镇 with none: locking the 街镇's row
  // (a write that changes nothing) makes the second count wait for the first removal to commit.
  if (grant.role === 'admin') await trx.updateTable('units').set({ name: sql`name` }).where('id', '=', grant.unit_id).execute()
  const admins = await trx
    .selectFrom('role_grants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('unit_id', '=', grant.unit_id)
    .executeTakeFirstOrThrow()
  deny(removeRefusal(principal, { role: grant.role, unit, streetAdmins: Number(admins.n) }))
  await trx.deleteFrom('role_grants').where('id', '=', grantId).execute()
  after((app) => forgetAccount(app, grant.user_id))
  await logModeration(trx, { actorId: principal.userId, action: 'grant.remove', targetType: 'user', targetId: grant.user_id, unitId: grant.unit_id, reason: ROLE_NAMES[grant.role] })
  return { ok: true }
}

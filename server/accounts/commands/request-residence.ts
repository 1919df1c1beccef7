import type { Residence } from '../../../types'
import type { Trx } from '../../core/db'
import { badInput, forbidden } from '../../core/errors'
import { can, type Principal } from '../policy'
import type { AfterCommit } from '../../core/write'
import { forgetAccount } from '../account-cache'
import { currentResidence } from '../queries'
import { normaliseRoom } from '../rules'

/** Asks to be bound to a 楼组 and room; a pending request is replaced rather than duplicated. */
export async function requestResidence(
  trx: Trx,
  principal: Principal,
  input: { buildingId: number; room: string },
  now: Date,
  after: AfterCommit,
): Promise<Residence> {
  if (!can(principal, 'residence.request')) throw forbidden()
  const building = await trx.selectFrom('units').select(['id', 'level']).where('id', '=', input.buildingId).executeTakeFirst()
  if (!building || building.level !== 'building') throw badInput('buildingId', '请选择您所在的楼组')
  const room = normaliseRoom(input.room)
  if (!room) throw badInput('room', '请填写房号')
  const requestedAt = now.toISOString()
  const pending = await trx
    .selectFrom('residences')
    .select('id')
    .where('user_id', '=', principal.userId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (pending) {
    await trx.updateTable('residences').set({ building_id: input.buildingId, room, requested_at: requestedAt }).where('id', '=', pending.id).execute()
  } else {
    await trx
      .insertInto('residences')
      .values({ user_id: principal.userId, building_id: input.buildingId, room, status: 'pending', is_representative: 0, requested_at: requestedAt })
      .execute()
  }
  after((app) => forgetAccount(app, principal.userId))
  return (await currentResidence(trx, principal.userId))!
}

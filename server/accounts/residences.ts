import type { Kysely } from 'kysely'
import type { VerificationRequest, VerificationStatus } from '../../types'
import type { Database } from '../db/schema'
import { badInput } from '../core/errors'
import type { Trx } from '../core/db'
import type { Principal } from './permissions'
import { latestResidence } from './principal'

/** Trims and normalises a room number so "3-201", "3－201 " and "3-201" are one household. */
export function normaliseRoom(room: string): string {
  return room.trim().replace(/[－—]/g, '-').replace(/\s+/g, '').toUpperCase()
}

/** Asks to be bound to a 楼组 and room; a pending request is replaced rather than duplicated. */
export async function requestResidence(trx: Trx, userId: number, buildingId: number, rawRoom: string) {
  const building = await trx.selectFrom('units').select(['id', 'level']).where('id', '=', buildingId).executeTakeFirst()
  if (!building || building.level !== 'building') throw badInput('buildingId', '请选择您所在的楼组')
  const room = normaliseRoom(rawRoom)
  if (!room) throw badInput('room', '请填写房号')
  const now = new Date().toISOString()
  const pending = await trx
    .selectFrom('residences')
    .select('id')
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (pending) {
    await trx.updateTable('residences').set({ building_id: buildingId, room, requested_at: now }).where('id', '=', pending.id).execute()
  } else {
    await trx
      .insertInto('residences')
      .values({ user_id: userId, building_id: buildingId, room, status: 'pending', is_representative: 0, requested_at: now })
      .execute()
  }
  return (await latestResidence(trx, userId))!
}

function verificationQuery(db: Kysely<Database>) {
  return db
    .selectFrom('residences as r')
    .innerJoin('units as b', 'b.id', 'r.building_id')
    .innerJoin('units as e', 'e.id', 'b.parent_id')
    .innerJoin('units as n', 'n.id', 'e.parent_id')
    .select([
      'r.id',
      'r.user_id',
      'r.building_id',
      'r.room',
      'r.status',
      'r.reason',
      'r.requested_at',
      'r.reviewed_at',
      'b.name as building_name',
      'e.name as estate_name',
    ])
}

type VerificationRow = Awaited<ReturnType<ReturnType<typeof verificationQuery>['executeTakeFirstOrThrow']>>

const toRequest = (r: VerificationRow): VerificationRequest => ({
  id: r.id,
  userId: r.user_id,
  buildingId: r.building_id,
  buildingName: r.building_name,
  estateName: r.estate_name,
  room: r.room,
  status: r.status as VerificationStatus,
  reason: r.reason,
  requestedAt: r.requested_at,
  reviewedAt: r.reviewed_at,
})

/** Requests in the 居民区 (or 街镇) the staff member serves. */
export async function listVerifications(db: Kysely<Database>, p: Principal, status: VerificationStatus) {
  const unitIds = p.grants.map((g) => g.unitId)
  if (unitIds.length === 0) return []
  const rows = await verificationQuery(db)
    .where('r.status', '=', status)
    .where((eb) => eb.or([eb('n.id', 'in', unitIds), eb('n.parent_id', 'in', unitIds)]))
    .orderBy('r.requested_at', status === 'pending' ? 'asc' : 'desc')
    .limit(200)
    .execute()
  return rows.map(toRequest)
}

/**
 * Approves or rejects a pending request; returns null when it was no longer pending.
 * An approval supersedes the resident's earlier residence (they moved).
 */
export async function reviewResidence(
  trx: Trx,
  id: number,
  reviewerId: number,
  decision: 'approved' | 'rejected',
  body: { reason?: string; isRepresentative?: boolean },
): Promise<VerificationRequest | null> {
  const now = new Date().toISOString()
  const updated = await trx
    .updateTable('residences')
    .set({
      status: decision,
      reason: decision === 'rejected' ? (body.reason ?? null) : null,
      is_representative: body.isRepresentative ? 1 : 0,
      reviewed_by: reviewerId,
      reviewed_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('user_id')
    .executeTakeFirst()
  if (!updated) return null
  if (decision === 'approved') {
    await trx
      .updateTable('residences')
      .set({ status: 'superseded' })
      .where('user_id', '=', updated.user_id)
      .where('status', '=', 'approved')
      .where('id', '!=', id)
      .execute()
  }
  return toRequest(await verificationQuery(trx).where('r.id', '=', id).executeTakeFirstOrThrow())
}

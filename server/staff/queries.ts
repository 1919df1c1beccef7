import type { Kysely } from 'kysely'
import type { Invitation, StaffMember } from '../../types'
import type { Database } from '../db/schema'
import type { Principal } from '../accounts'
import { unitWithChain } from '../community'
import { badInput, forbidden } from '../core/errors'
import { deny, manageRefusal, type TargetUnit } from './policy'
import { invitationStatus } from './rules'

type Q = Kysely<Database>

/** The unit an invitation or a grant is for, with its chain; 400 when there is none. */
export async function targetUnit(db: Q, unitId: number): Promise<TargetUnit & { name: string }> {
  const unit = await unitWithChain(db, unitId)
  if (!unit) throw badInput('unitId', '没有这个单元')
  return unit
}

/**
 * The units whose people the caller manages: the one asked for (a 街镇 with its 居民区), or else every
 * 街镇 they administer with its 居民区 and every 居民区 they serve on the committee.
 */
export async function managedUnits(db: Q, p: Principal, unitId: number | undefined): Promise<number[]> {
  if (unitId !== undefined) {
    const unit = await targetUnit(db, unitId)
    deny(manageRefusal(p, unit))
    if (unit.level !== 'street') return [unit.id]
  }
  const streets = unitId !== undefined ? [unitId] : p.grants.filter((g) => g.role === 'admin').map((g) => g.unitId)
  const committees = unitId !== undefined ? [] : p.grants.filter((g) => g.role === 'moderator').map((g) => g.unitId)
  if (streets.length + committees.length === 0) throw forbidden('只有居委会和街镇工作人员可以管理人员')
  const below = streets.length
    ? (await db.selectFrom('units').select('id').where('parent_id', 'in', streets).where('level', '=', 'neighbourhood').execute()).map((r) => r.id)
    : []
  return [...new Set([...streets, ...below, ...committees])]
}

function invitationsQuery(db: Q) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.role', 'i.unit_id', 'u.name as unit_name', 'i.label', 'i.created_at', 'i.expires_at', 'i.used_at', 'i.revoked_at', 'i.used_by'])
}

type InvitationRow = Awaited<ReturnType<ReturnType<typeof invitationsQuery>['executeTakeFirstOrThrow']>>

export const toInvitation = (r: InvitationRow, now: Date): Invitation => ({
  id: r.id,
  role: r.role,
  unitId: r.unit_id,
  unitName: r.unit_name,
  label: r.label,
  status: invitationStatus(r, now),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  revokedAt: r.revoked_at,
})

export function loadInvitation(db: Q, id: number): Promise<InvitationRow | undefined> {
  return invitationsQuery(db).where('i.id', '=', id).executeTakeFirst()
}

/** Invitations of the given units, newest first (no codes: only their hashes are kept). */
async function invitationsOf(db: Q, unitIds: number[], now: Date): Promise<{ items: Invitation[] }> {
  if (unitIds.length === 0) return { items: [] }
  const rows = await invitationsQuery(db).where('i.unit_id', 'in', unitIds).orderBy('i.id', 'desc').limit(200).execute()
  return { items: rows.map((r) => toInvitation(r, now)) }
}

/** A 街镇's invitations and those of its 居民区 (the admin command's list-invites). */
export async function streetInvitations(db: Q, streetId: number, now: Date): Promise<{ items: Invitation[] }> {
  const units = await db.selectFrom('units').select('id').where((eb) => eb.or([eb('id', '=', streetId), eb('parent_id', '=', streetId)])).execute()
  return invitationsOf(db, units.map((u) => u.id), now)
}

export async function listInvitations(db: Q, p: Principal, unitId: number | undefined, now: Date): Promise<{ items: Invitation[] }> {
  return invitationsOf(db, await managedUnits(db, p, unitId), now)
}

/** Everyone holding a role in the units the caller manages; names and phones only where stored. */
export async function listStaff(db: Q, p: Principal, unitId: number | undefined): Promise<{ items: StaffMember[] }> {
  const units = await managedUnits(db, p, unitId)
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .innerJoin('users as p', 'p.id', 'g.user_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.unit_id', 'u.name', 'u.level', 'g.label', 'g.created_at', 'p.real_name', 'p.phone'])
    .where('g.unit_id', 'in', units)
    .orderBy('u.level', 'desc')
    .orderBy('g.unit_id')
    .orderBy('g.id')
    .execute()
  return {
    items: rows.map((r) => ({
      grantId: r.id,
      userId: r.user_id,
      role: r.role,
      unitId: r.unit_id,
      unitName: r.name,
      unitLevel: r.level,
      label: r.label,
      since: r.created_at,
      realName: r.real_name,
      phone: r.phone,
    })),
  }
}

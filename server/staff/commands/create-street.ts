import type { Trx } from '../../core/db'
import { conflict } from '../../core/errors'
import { logModeration } from '../../core/audit'

/** The admin command's first step on an empty server: the 街镇 its admins will be invited to. */
export async function createStreet(trx: Trx, name: string, now: Date): Promise<number> {
  const existing = await trx.selectFrom('units').select('id').where('level', '=', 'street').where('name', '=', name).executeTakeFirst()
  if (existing) throw conflict('street_exists', `已有名为“${name}”的街镇（编号 ${existing.id}） / A street named "${name}" already exists (id ${existing.id})`)
  const { id } = await trx
    .insertInto('units')
    .values({ parent_id: null, level: 'street', name, housing_type: null, households: 0, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  await logModeration(trx, { actorId: null, action: 'street.create', targetType: 'unit', targetId: id, unitId: id, reason: name })
  return id
}

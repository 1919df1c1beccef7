import type { Unit, UpdateUnitRequest } from '../../../types'
import { badInput, conflict, notFound } from '../../core/errors'
import type { Caller } from '../context'
import { recordHouseholds } from '../households'
import { unitContactRefusal, unitEditRefusal } from '../policy'
import { siblingNamed, toUnit, unitWithChain } from '../queries/units'
import { tidyName, unitFieldsProblem } from '../rules'
import { logUnitAct } from './unit-audit'

/** The 街镇 admin (or the 居委会, under its 居民区) renames a unit or corrects its housing type or households; the id stays. */
export async function updateUnit(c: Caller, id: number, body: UpdateUnitRequest): Promise<Unit> {
  const unit = await unitWithChain(c.db, id)
  if (!unit) throw notFound('单元')
  const onlyContact = unit.level === 'neighbourhood' && Object.keys(body).every((k) => k === 'contact')
  const refusal = onlyContact ? unitContactRefusal(c.principal, id, unit.chain.slice(1)) : unitEditRefusal(c.principal, id, unit.chain.slice(1))
  if (refusal) throw refusal
  const bad = unitFieldsProblem(unit.level, body)
  if (bad) throw badInput(bad.field, bad.message)
  const name = body.name === undefined ? undefined : tidyName(body.name)
  return c.write(async (trx) => {
    const before = await trx.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    if (name !== undefined && name !== before.name && before.parent_id !== null && (await siblingNamed(trx, before.parent_id, name, id))) {
      throw conflict('unit_exists', `同一上级单元下已有“${name}”`)
    }
    const now = c.now()
    const row = await trx
      .updateTable('units')
      .set({
        ...(name !== undefined ? { name } : {}),
        ...(body.housingType !== undefined ? { housing_type: body.housingType } : {}),
        ...(body.households !== undefined ? { households: body.households } : {}),
        ...(body.contact !== undefined ? { contact: body.contact.trim() || null } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    if (row.households !== before.households) await recordHouseholds(trx, id, row.households, now)
    await logUnitAct(trx, c.principal.userId, 'unit.update', id, unit.chain, body)
    return toUnit(row)
  })
}

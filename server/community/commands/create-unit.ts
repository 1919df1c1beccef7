import { UNIT_LEVEL_NAMES, type CreateUnitRequest, type Unit } from '../../../types'
import { badInput, conflict, notFound } from '../../core/errors'
import type { Caller } from '../context'
import { recordHouseholds } from '../households'
import { unitEditRefusal } from '../policy'
import { siblingNamed, toUnit, unitWithChain } from '../queries/units'
import { childLevel, tidyName, unitFieldsProblem } from '../rules'
import { logUnitAct } from './unit-audit'

/** The 街镇 admin (or the 居委会, under its 居民区) adds one unit. */
export async function createUnit(c: Caller, body: CreateUnitRequest): Promise<Unit> {
  const parent = await unitWithChain(c.db, body.parentId)
  if (!parent) throw notFound('上级单元')
  const refusal = unitEditRefusal(c.principal, null, parent.chain)
  if (refusal) throw refusal
  if (childLevel(parent.level) !== body.level) throw badInput('level', `${UNIT_LEVEL_NAMES[parent.level]}下只能添加${UNIT_LEVEL_NAMES[childLevel(parent.level) ?? parent.level]}`)
  const bad = unitFieldsProblem(body.level, body)
  if (bad) throw badInput(bad.field, bad.message)
  if (body.level === 'building' && body.households === undefined) throw badInput('households', '请填写楼组的户数')
  const name = tidyName(body.name)
  return c.write(async (trx) => {
    if (await siblingNamed(trx, parent.id, name)) throw conflict('unit_exists', `${parent.name}下已有“${name}”`)
    const now = c.now()
    const row = await trx
      .insertInto('units')
      .values({ parent_id: parent.id, level: body.level, name, housing_type: body.housingType ?? null, households: body.households ?? 0, created_at: now.toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordHouseholds(trx, row.id, row.households, now)
    await logUnitAct(trx, c.principal.userId, 'unit.create', row.id, [row.id, ...parent.chain], body)
    return toUnit(row)
  }, 201)
}

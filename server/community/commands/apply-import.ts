import type { ImportPlan, ImportRequest, ImportResult, ImportRow } from '../../../types'
import { logModeration } from '../../core/audit'
import type { Trx } from '../../core/db'
import { AppError, badInput, conflict } from '../../core/errors'
import type { Caller } from '../context'
import { recordHouseholds } from '../households'
import { importerRefusal, importRefusal } from '../policy'
import { streetPlan } from '../queries/street'
import { nameKey, type TreeUnit } from '../rules'

const pathKey = (names: string[]) => names.map(nameKey).join('\u0000')

/** The ids of the units and of every unit under them, children before parents. */
function subtrees(units: TreeUnit[], roots: number[]): number[] {
  const out: number[] = []
  const walk = (id: number) => {
    for (const u of units) if (u.parentId === id) walk(u.id)
    out.push(id)
  }
  roots.forEach(walk)
  return out
}

async function create(trx: Trx, plan: ImportPlan, units: TreeUnit[], streetId: number, now: Date): Promise<void> {
  const ids = new Map<string, number>([['', streetId]])
  const paths = new Map<number, string[]>([[streetId, []]])
  for (const u of units.slice(1)) {
    const path = [...paths.get(u.parentId!)!, u.name]
    paths.set(u.id, path)
    ids.set(pathKey(path), u.id)
  }
  // The plan lists a parent before its children.
  for (const p of plan.create) {
    const parentId = ids.get(pathKey(p.path.slice(0, -1)))!
    const { id } = await trx
      .insertInto('units')
      .values({ parent_id: parentId, level: p.level, name: p.name, housing_type: p.housingType, households: p.households, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids.set(pathKey(p.path), id)
    await recordHouseholds(trx, id, p.households, now)
  }
}

async function update(trx: Trx, plan: ImportPlan, now: Date): Promise<void> {
  for (const u of plan.update) {
    if (u.field === 'households') {
      await trx.updateTable('units').set({ households: Number(u.to) }).where('id', '=', u.unitId).execute()
      await recordHouseholds(trx, u.unitId, Number(u.to), now)
    } else {
      await trx.updateTable('units').set(u.field === 'name' ? { name: String(u.to) } : { housing_type: u.to === null ? null : String(u.to) }).where('id', '=', u.unitId).execute()
    }
  }
}

/**
 * Writes the plan a preview showed, in one transaction: new units, changed names, housing types and
 * household counts, and the missing units the admin confirmed (only those nothing refers to). Refused
 * if the tree has changed since the preview, so what was seen is what is written.
 */
export async function applyImport(c: Caller, body: ImportRequest): Promise<ImportResult> {
  const notAdmin = importerRefusal(c.principal)
  if (notAdmin) throw notAdmin
  const stored = await c.db
    .selectFrom('unit_import_previews')
    .selectAll()
    .where('token', '=', body.token)
    .where('user_id', '=', c.principal.userId)
    .where('expires_at', '>', c.now().toISOString())
    .executeTakeFirst()
  if (!stored) throw new AppError(410, 'preview_expired', '导入预览已过期或已使用，请重新上传文件预览')
  const refusal = importRefusal(c.principal, stored.street_id)
  if (refusal) throw refusal
  const streetId = stored.street_id
  const confirmed = [...new Set(body.confirmMissing ?? [])]

  return c.write(async (trx) => {
    const now = c.now()
    const planned = (await streetPlan(trx, streetId, JSON.parse(stored.rows) as ImportRow[]))!
    const { plan, units } = planned
    if (JSON.stringify(plan) !== stored.plan) throw conflict('import_stale', '预览之后社区结构已有变动，请重新上传文件预览')
    for (const id of confirmed) {
      const m = plan.missing.find((x) => x.unitId === id)
      if (!m) throw badInput('confirmMissing', `编号 ${id} 不是本次导入文件中缺少的单元`)
      if (!m.deletable) throw conflict('unit_in_use', `“${m.path.join(' ')}”已有居民、提案或其他记录，不能删除`, { unitId: id })
    }
    // A confirmed unit's subtree is missing too; confirming a parent and a child deletes each once.
    const doomed = [...new Set(subtrees(units, confirmed))]
    await create(trx, plan, units, streetId, now)
    await update(trx, plan, now)
    if (doomed.length > 0) {
      await trx.deleteFrom('unit_households').where('unit_id', 'in', doomed).execute()
      for (const id of doomed) await trx.deleteFrom('units').where('id', '=', id).execute()
    }
    await trx.deleteFrom('unit_import_previews').where('token', '=', stored.token).execute()
    const result = { streetId, created: plan.create.length, updated: new Set(plan.update.map((u) => u.unitId)).size, deleted: doomed.length }
    const changes = result.created + result.updated + result.deleted
    if (changes > 0) {
      await logModeration(trx, { actorId: c.principal.userId, action: 'community.import', targetType: 'unit', targetId: streetId, unitId: streetId, reason: JSON.stringify(result) })
    }
    return { ...result, changes }
  })
}

// Manual index inputs, entered by the 街镇: every entry is kept with who entered it and when; the latest
// entry of each leaf (or part of a sum leaf, keyed `leafId.partId`) is the one in use.
import type { Kysely } from 'kysely'
import { CHANGNING_2022, evaluateIndex, IndexInputError } from '../../src/scoring'
import type { IndexDefinition, IndexInputValue, IndexLeaf, IndexNode, IndexRule, InstrumentId } from '../../src/scoring'
import type { IndicatorInputEntry, ManualProvenance } from '../../types'
import type { Database } from '../db/schema'
import { badInput } from '../core/errors'

type Q = Kysely<Database>

export interface LeafInfo {
  leaf: IndexLeaf
  /** Parts of a sum leaf (or of a configurable sum), else null. */
  parts: IndexLeaf[] | null
  /** The instrument of a questionnaire leaf, else null. */
  instrument: InstrumentId | null
  /** Names from the top: [一级, 二级, 三级]. */
  path: string[]
}

const innerRule = (rule: IndexRule): IndexRule => (rule.kind === 'configurable' ? innerRule(rule.rule) : rule)

export function leafIndex(def: IndexDefinition = CHANGNING_2022): Map<string, LeafInfo> {
  const out = new Map<string, LeafInfo>()
  const visit = (node: IndexNode, path: string[]) => {
    if ('rule' in node) {
      const rule = innerRule(node.rule)
      out.set(node.id, {
        leaf: node,
        parts: rule.kind === 'sum' ? rule.parts : null,
        instrument: rule.kind === 'questionnaire' ? (rule.instrument as InstrumentId) : null,
        path: [...path, node.name],
      })
      return
    }
    node.children.forEach((child) => visit(child, [...path, node.name]))
  }
  def.children.forEach((child) => visit(child, []))
  return out
}

export const LEAVES = leafIndex()

/** Who entered an input, as staff read it: "长宁示范街道 工作人员 #3". */
async function enterers(db: Q, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select(['g.user_id', 'g.role', 'u.name'])
    .where('g.user_id', 'in', ids)
    .orderBy('g.id')
    .execute()
  const out = new Map<number, string>()
  for (const id of ids) {
    const grant = rows.find((r) => r.user_id === id && r.role === 'admin') ?? rows.find((r) => r.user_id === id)
    out.set(id, grant ? `${grant.name}${grant.role === 'admin' ? '工作人员' : '居委会'} #${id}` : `用户 #${id}`)
  }
  return out
}

export async function inputHistory(db: Q, unitId: number, period: string): Promise<IndicatorInputEntry[]> {
  const rows = await db
    .selectFrom('indicator_inputs')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .orderBy('id', 'desc')
    .execute()
  const names = await enterers(db, [...new Set(rows.map((r) => r.entered_by))])
  const seen = new Set<string>()
  return rows.map((r) => {
    const current = !seen.has(r.leaf_id)
    seen.add(r.leaf_id)
    const [leafId, partId] = r.leaf_id.split('.')
    const info = LEAVES.get(leafId)
    const part = partId ? info?.parts?.find((p) => p.id === partId) : undefined
    return {
      id: r.id,
      leafId: r.leaf_id,
      leafName: part ? `${info!.leaf.name} · ${part.name}` : info?.leaf.name ?? r.leaf_id,
      value: r.value === null ? null : (JSON.parse(r.value) as IndexInputValue),
      note: r.note,
      enteredAt: r.entered_at,
      enteredBy: { id: r.entered_by, label: names.get(r.entered_by) ?? `用户 #${r.entered_by}` },
      current,
    }
  })
}

/** The entry in use for each key (`leafId` or `leafId.partId`). */
export async function latestManual(db: Q, unitId: number, period: string): Promise<Map<string, ManualProvenance>> {
  const out = new Map<string, ManualProvenance>()
  for (const e of await inputHistory(db, unitId, period)) {
    if (e.current) out.set(e.leafId, { value: e.value, note: e.note, enteredAt: e.enteredAt, enteredBy: e.enteredBy })
  }
  return out
}

/**
 * Splits a PUT body into stored keys and checks every value with the scoring library (the same
 * checks the index applies), so a bad entry is refused at once with the library's Chinese message.
 */
export function manualEntries(inputs: Record<string, unknown>): { key: string; value: IndexInputValue | null }[] {
  const entries: { key: string; value: IndexInputValue | null }[] = []
  for (const [key, value] of Object.entries(inputs)) {
    const field = `inputs.${key}`
    const [leafId, partId, extra] = key.split('.')
    const info = LEAVES.get(leafId)
    if (!info || extra !== undefined) throw badInput(field, `没有“${key}”这一指标`)
    if (partId !== undefined) {
      if (!info.parts?.some((p) => p.id === partId)) throw badInput(field, `${info.leaf.name}没有“${partId}”这一项`)
      check(leafId, { [partId]: value }, field)
      entries.push({ key, value: value as IndexInputValue | null })
      continue
    }
    if (info.parts) {
      // A sum leaf: each part is its own entry, so later entries for one part keep the others.
      if (value === null) {
        for (const p of info.parts) entries.push({ key: `${leafId}.${p.id}`, value: null })
        continue
      }
      if (typeof value !== 'object' || Array.isArray(value)) throw badInput(field, `${info.leaf.name}应按分项填写`)
      for (const [pid, pv] of Object.entries(value as Record<string, unknown>)) {
        if (!info.parts.some((p) => p.id === pid)) throw badInput(`${field}.${pid}`, `${info.leaf.name}没有“${pid}”这一项`)
        check(leafId, { [pid]: pv }, `${field}.${pid}`)
        entries.push({ key: `${leafId}.${pid}`, value: pv as IndexInputValue | null })
      }
      continue
    }
    if (value === null) {
      entries.push({ key, value: null })
      continue
    }
    if (info.instrument && typeof value !== 'number') throw badInput(field, `${info.leaf.name}：请填写 0–1 之间的问卷得分率`)
    check(leafId, value, field)
    entries.push({ key, value: value as IndexInputValue })
  }
  return entries
}

function check(leafId: string, value: unknown, field: string): unknown {
  if (value === undefined) throw badInput(field, '请填写数值')
  if (value === null) return null
  try {
    evaluateIndex(CHANGNING_2022, { [leafId]: { value: value as IndexInputValue, source: 'manual' } })
  } catch (err) {
    if (err instanceof IndexInputError) throw badInput(field, err.message)
    throw err
  }
  return value
}

// Index rules as pure functions: the leaves of the Changning index (with their parts and
// instruments) and the check of a manual entry, by the scoring library's own rules. No I/O.
import { CHANGNING_2022, evaluateIndex, IndexInputError } from '../../src/scoring'
import type { IndexDefinition, IndexInputValue, IndexLeaf, IndexNode, IndexRule, InstrumentId } from '../../src/scoring'
import { badInput } from '../core/errors'

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

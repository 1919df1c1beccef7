// The 街镇's side-by-side view: every 居民区's index for one period, in one answer, as a table of the total,
// the first- and the second-level indicators (the leaves are on each 居民区's own report).
import type { IndexNodeResult, IndexResult } from '../../../src/scoring'
import type { ComparisonItem, IndexComparison } from '../../../types'
import { can } from '../../accounts'
import { badInput, forbidden } from '../../core/errors'
import { buildingsUnder, unitInfo, type Reader } from '../../surveys'
import { periodOf } from './neighbourhood'
import { evaluatePeriod, type Caches } from './report'

const TABLE_DEPTH = 2

interface Row extends ComparisonItem {
  leaves: string[]
}

/** The total and the indicators down to TABLE_DEPTH, each with the leaves under it. */
function rowsOf(result: IndexResult): { row: Row; node: { points: number } }[] {
  const out: { row: Row; node: { points: number } }[] = []
  const leavesOf = (n: IndexNodeResult): string[] => ('children' in n ? n.children.flatMap(leavesOf) : [n.id])
  out.push({ row: { id: result.id, name: '总分', depth: 0, max: result.max, leaves: result.children.flatMap(leavesOf) }, node: result })
  const walk = (nodes: IndexNodeResult[], depth: number) => {
    for (const n of nodes) {
      if (!('children' in n)) continue
      out.push({ row: { id: n.id, name: n.name, depth, max: n.max, leaves: leavesOf(n) }, node: n })
      if (depth < TABLE_DEPTH) walk(n.children, depth + 1)
    }
  }
  walk(result.children, 1)
  return out
}

export async function compareNeighbourhoods(r: Reader, q: { streetId?: number; period?: string }): Promise<IndexComparison> {
  const p = r.principal
  const streetId = q.streetId ?? p.grants.find((g) => g.role === 'admin')?.unitId
  if (streetId === undefined) throw forbidden('只有街镇工作人员可以比较各居民区')
  const street = await unitInfo(r.db, streetId)
  if (!street || street.level !== 'street') throw badInput('streetId', '请选择一个街镇')
  if (!p.grants.some((g) => g.role === 'admin' && g.unitId === streetId) || !can(p, 'indicators.read', street.chain)) {
    throw forbidden('只有本街镇的工作人员可以比较各居民区')
  }
  const period = periodOf(r, q.period)
  const units = await r.db.selectFrom('units').select(['id', 'name']).where('parent_id', '=', streetId).where('level', '=', 'neighbourhood').orderBy('id').execute()
  const cache: Caches = new Map()
  // One 居民区 after another: each evaluation is several queries, and SQLite has one connection.
  const evaluated: { id: number; name: string; result: IndexResult }[] = []
  for (const nb of units) {
    const buildings = await buildingsUnder(r.db, nb.id)
    evaluated.push({ ...nb, result: (await evaluatePeriod(r.db, nb, buildings, period, cache)).result })
  }
  const items = evaluated.length ? rowsOf(evaluated[0].result).map(({ row }) => ({ id: row.id, name: row.name, depth: row.depth, max: row.max })) : []
  return {
    street: { id: street.id, name: street.name },
    period,
    items,
    neighbourhoods: evaluated.map((nb) => {
      const missing = new Set(nb.result.missing)
      return {
        id: nb.id,
        name: nb.name,
        cells: rowsOf(nb.result).map(({ row, node }) => ({ points: node.points, missing: row.leaves.filter((l) => missing.has(l)).length })),
      }
    }),
  }
}

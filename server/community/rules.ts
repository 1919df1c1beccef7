// The community tree's rules, without I/O: names, levels, and the import of a 街镇's tree from a
// spreadsheet (reading its rows, and the plan of what an import would change).
import {
  HOUSING_TYPE_NAMES,
  IMPORT_COLUMNS,
  type HousingType,
  type ImportColumn,
  type ImportError,
  type ImportPlan,
  type ImportRow,
  type MissingUnit,
  type PlannedUnit,
  type PlannedUpdate,
  type UnitLevel,
} from '../../types'

export const MAX_NAME_LENGTH = 40
export const MAX_HOUSEHOLDS = 10_000
/** Shanghai's largest 街镇 have a few thousand 楼组. */
export const MAX_IMPORT_ROWS = 5_000

const CHILD_LEVEL: Record<UnitLevel, UnitLevel | null> = { street: 'neighbourhood', neighbourhood: 'estate', estate: 'building', building: null }
export const childLevel = (level: UnitLevel): UnitLevel | null => CHILD_LEVEL[level]

/** How a name is written for keeps: no outer spaces, inner runs of spaces as one. */
export const tidyName = (s: string): string => s.trim().replace(/\s+/g, ' ')

/** What two spellings of one name have in common (全角 and 半角, spaces): names match on this. */
export const nameKey = (s: string): string => tidyName(s.normalize('NFKC')).toLowerCase()

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001F\u007F]/

/** Why a name cannot be kept, or null. */
export function nameProblem(name: string): string | null {
  if (tidyName(name) === '') return '名称不能为空'
  if (CONTROL.test(name)) return '名称含有控制字符（如换行、制表符），请删去'
  if (tidyName(name).length > MAX_NAME_LENGTH) return `名称不能超过 ${MAX_NAME_LENGTH} 个字`
  return null
}

/** Why a household count cannot be kept, or null. */
export function householdsProblem(n: number): string | null {
  if (!Number.isInteger(n) || n <= 0) return '户数须为正整数'
  if (n > MAX_HOUSEHOLDS) return `户数不能超过 ${MAX_HOUSEHOLDS}`
  return null
}

const HOUSING_BY_NAME = new Map(Object.entries(HOUSING_TYPE_NAMES).map(([id, name]) => [name, id as HousingType]))

/**
 * The rows of an import file, as text cells with the header first. Every bad cell is named; a row with
 * any bad cell is left out of `rows`. Wholly empty rows are skipped.
 */
export function readImportRows(grid: string[][]): { rows: ImportRow[]; errors: ImportError[]; count: number } {
  const errors: ImportError[] = []
  const header = (grid[0] ?? []).map((c) => tidyName(c))
  const at = new Map<ImportColumn, number>()
  for (const col of IMPORT_COLUMNS) {
    const i = header.indexOf(col)
    if (i < 0) errors.push({ row: 1, column: col, value: '', message: `表头缺少“${col}”列，请使用导入模板` })
    else at.set(col, i)
  }
  if (errors.length > 0) return { rows: [], errors, count: 0 }
  const body = grid.slice(1)
  if (body.length > MAX_IMPORT_ROWS) return { rows: [], errors: [{ row: 1, column: null, value: String(body.length), message: `一次最多导入 ${MAX_IMPORT_ROWS} 行` }], count: body.length }

  const rows: ImportRow[] = []
  const buildings = new Map<string, number>()
  const estateOf = new Map<string, { neighbourhood: string; housingType: HousingType; row: number }>()
  let count = 0
  body.forEach((cells, i) => {
    const row = i + 2
    const cell = (col: ImportColumn) => cells[at.get(col)!] ?? ''
    if (IMPORT_COLUMNS.every((col) => tidyName(cell(col)) === '')) return
    count++
    const bad = (column: ImportColumn | null, message: string) => errors.push({ row, column, value: column ? cell(column) : '', message })
    const before = errors.length
    for (const col of ['居民区', '小区', '楼组'] as const) {
      const problem = nameProblem(cell(col))
      if (problem) bad(col, `${col}${problem}`)
    }
    const housingType = HOUSING_BY_NAME.get(tidyName(cell('住房类型')))
    if (!housingType) bad('住房类型', `住房类型须为以下之一：${[...HOUSING_BY_NAME.keys()].join('、')}`)
    const text = tidyName(cell('户数'))
    const households = /^\d+(\.0+)?$/.test(text) ? Number(text) : NaN
    const hProblem = text === '' ? '户数不能为空' : householdsProblem(households)
    if (hProblem) bad('户数', hProblem)
    if (errors.length > before) return

    const [nb, es, b] = [cell('居民区'), cell('小区'), cell('楼组')].map(tidyName)
    const estateKey = nameKey(es)
    const known = estateOf.get(estateKey)
    if (known && nameKey(known.neighbourhood) !== nameKey(nb)) {
      return bad('居民区', `小区“${es}”在第 ${known.row} 行属于“${known.neighbourhood}”，一个小区只能属于一个居民区`)
    }
    if (known && known.housingType !== housingType) {
      return bad('住房类型', `小区“${es}”在第 ${known.row} 行的住房类型是“${HOUSING_TYPE_NAMES[known.housingType]}”，同一小区须一致`)
    }
    if (!known) estateOf.set(estateKey, { neighbourhood: nb, housingType: housingType!, row })
    const buildingKey = `${estateKey}\u0000${nameKey(b)}`
    const twin = buildings.get(buildingKey)
    if (twin !== undefined) return bad('楼组', `“${es}${b}”与第 ${twin} 行重复`)
    buildings.set(buildingKey, row)
    rows.push({ row, neighbourhood: nb, estate: es, housingType: housingType!, building: b, households })
  })
  return { rows, errors, count }
}

/** A unit of the 街镇 as the plan sees it. */
export interface TreeUnit {
  id: number
  parentId: number | null
  level: UnitLevel
  name: string
  housingType: string | null
  households: number
}

/** What refers to a unit itself (its residences, its proposals, anything else). */
export interface UnitUse {
  residents: boolean
  proposals: boolean
  other: boolean
}

type BelowStreet = Exclude<UnitLevel, 'street'>

/**
 * What importing `rows` into the 街镇 would change. Units match by name under their parent (a 居民区 by
 * name under the 街镇, a 小区 under its 居民区, a 楼组 under its 小区), so a rename made in the app keeps
 * the id as long as the file then uses the new name. Units the file does not list are `missing`.
 */
export function planImport(streetId: number, units: TreeUnit[], use: Map<number, UnitUse>, rows: ImportRow[]): ImportPlan {
  const children = new Map<string, TreeUnit>()
  const byParent = new Map<number, TreeUnit[]>()
  for (const u of units) {
    if (u.parentId === null) continue
    children.set(`${u.parentId}\u0000${nameKey(u.name)}`, u)
    byParent.set(u.parentId, [...(byParent.get(u.parentId) ?? []), u])
  }
  const create: PlannedUnit[] = []
  const update: PlannedUpdate[] = []
  const matched = new Set<number>()
  const planned = new Set<string>()

  // Finds or plans one unit; returns its id (null when it is to be created).
  const place = (parentId: number | null, path: string[], level: BelowStreet, housingType: HousingType | null, households: number): number | null => {
    const name = path[path.length - 1]
    const found = parentId === null ? undefined : children.get(`${parentId}\u0000${nameKey(name)}`)
    if (!found) {
      const key = path.map(nameKey).join('\u0000')
      if (!planned.has(key)) create.push({ level, name, path, housingType, households })
      planned.add(key)
      return null
    }
    if (matched.has(found.id)) return found.id
    matched.add(found.id)
    const change = (field: PlannedUpdate['field'], from: string | number | null, to: string | number | null) => {
      if (from !== to) update.push({ unitId: found.id, path, field, from, to })
    }
    change('name', found.name, name)
    if (level === 'estate') change('housingType', found.housingType, housingType)
    if (level === 'building') change('households', found.households, households)
    return found.id
  }
  for (const r of rows) {
    const nb = place(streetId, [r.neighbourhood], 'neighbourhood', null, 0)
    const es = place(nb, [r.neighbourhood, r.estate], 'estate', r.housingType, 0)
    place(es, [r.neighbourhood, r.estate, r.building], 'building', null, r.households)
  }

  const missing: MissingUnit[] = []
  // Depth first, parents before children; a missing unit's whole subtree is missing (matching goes down).
  const visit = (u: TreeUnit, path: string[]): UnitUse => {
    const here = [...path, u.name]
    const entry = matched.has(u.id) ? null : missing.push({ unitId: u.id, name: u.name, level: u.level as BelowStreet, path: here, hasResidents: false, hasProposals: false, deletable: false }) - 1
    const own = use.get(u.id) ?? { residents: false, proposals: false, other: false }
    const total = { ...own }
    for (const c of byParent.get(u.id) ?? []) {
      const sub = visit(c, here)
      total.residents ||= sub.residents
      total.proposals ||= sub.proposals
      total.other ||= sub.other
    }
    if (entry !== null) {
      const m = missing[entry]
      m.hasResidents = total.residents
      m.hasProposals = total.proposals
      m.deletable = !total.residents && !total.proposals && !total.other
    }
    return total
  }
  for (const u of byParent.get(streetId) ?? []) visit(u, [])
  return { create, update, missing }
}

/** Why these fields do not fit a unit of this level, or null: only 小区 carry a housing type, only 楼组 households. */
/** A 居委会 contact: a phone and office hours fit in this. */
export const MAX_CONTACT_LENGTH = 100

export function unitFieldsProblem(
  level: UnitLevel,
  f: { name?: string; housingType?: HousingType; households?: number; contact?: string },
): { field: string; message: string } | null {
  const name = f.name === undefined ? null : nameProblem(f.name)
  if (name) return { field: 'name', message: name }
  if (f.contact !== undefined && level !== 'neighbourhood') return { field: 'contact', message: '联系方式填在居民区上' }
  if (f.housingType !== undefined && level !== 'estate') return { field: 'housingType', message: '只有小区有住房类型' }
  if (f.households !== undefined && level !== 'building') return { field: 'households', message: '户数按楼组填写，上级单元的户数由楼组汇总' }
  const households = f.households === undefined ? null : householdsProblem(f.households)
  return households ? { field: 'households', message: households } : null
}

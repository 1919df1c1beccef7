import { IMPORT_COLUMNS } from '../../types'
import { nameKey, planImport, readImportRows, unitFieldsProblem, type TreeUnit, type UnitUse } from '../../server/community/rules'
import { unitEditRefusal, importRefusal } from '../../server/community/policy'

const HEADER = [...IMPORT_COLUMNS]
const read = (...rows: string[][]) => readImportRows([HEADER, ...rows])

describe('reading import rows', () => {
  it('reads valid rows, skipping empty ones, with the spreadsheet row numbers', () => {
    const r = read(['梧桐居民区', '梧桐新村', '售后公房', '1号楼', '36'], ['', '', '', '', ''], [' 梧桐居民区 ', '梧桐新村', '售后公房', '2号楼', '40.0'])
    expect(r.errors).toEqual([])
    expect(r.count).toBe(2)
    expect(r.rows).toEqual([
      { row: 2, neighbourhood: '梧桐居民区', estate: '梧桐新村', housingType: 'public_sold', building: '1号楼', households: 36 },
      { row: 4, neighbourhood: '梧桐居民区', estate: '梧桐新村', housingType: 'public_sold', building: '2号楼', households: 40 },
    ])
  })

  it('reads the columns by their header, in any order', () => {
    const r = readImportRows([['户数', '楼组', '住房类型', '小区', '居民区'], ['36', '1号楼', '老洋房', '华山路洋房', '梧桐居民区']])
    expect(r.rows[0]).toMatchObject({ neighbourhood: '梧桐居民区', estate: '华山路洋房', housingType: 'old_villa', households: 36 })
  })

  it('refuses a file without the template header', () => {
    const r = readImportRows([['居民区', '小区', '楼组'], ['a', 'b', 'c']])
    expect(r.errors).toEqual([
      { row: 1, column: '住房类型', value: '', message: expect.stringContaining('住房类型') },
      { row: 1, column: '户数', value: '', message: expect.stringContaining('户数') },
    ])
  })

  it('names every bad cell', () => {
    const long = '长'.repeat(41)
    const r = read(
      ['梧桐居民区', '梧桐新村', '别墅', '1号楼', '36'],
      ['梧桐居民区', '梧桐新村', '售后公房', '2号楼', ''],
      ['梧桐居民区', '梧桐新村', '售后公房', '3号楼', '0'],
      ['梧桐居民区', '梧桐新村', '售后公房', '4号楼', '12.5'],
      ['梧桐居民区', '', '售后公房', '5号楼', '10'],
      ['梧桐居民区', '梧桐新村', '售后公房', long, '10'],
      ['梧桐居民区', '梧桐新村', '售后公房', '7\u0007号楼', '10'],
      ['梧桐居民区', '梧桐新村', '售后公房', '-3', '-3'],
    )
    expect(r.rows).toEqual([])
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [2, '住房类型', '别墅'],
      [3, '户数', ''],
      [4, '户数', '0'],
      [5, '户数', '12.5'],
      [6, '小区', ''],
      [7, '楼组', long],
      [8, '楼组', '7\u0007号楼'],
      [9, '户数', '-3'],
    ])
    expect(r.errors[6].message).toContain('控制字符')
    expect(r.errors[5].message).toContain('40')
  })

  it('refuses a duplicate 楼组, a 小区 under two 居民区 and a 小区 of two housing types', () => {
    const r = read(
      ['梧桐居民区', '梧桐新村', '售后公房', '1号楼', '36'],
      ['梧桐居民区', '梧桐新村', '售后公房', '１号楼', '30'],
      ['香樟居民区', '梧桐新村', '售后公房', '2号楼', '36'],
      ['梧桐居民区', '梧桐新村', '普通商品房', '3号楼', '36'],
      // The same 楼组 name in another 小区 is fine.
      ['梧桐居民区', '安和花园', '普通商品房', '1号楼', '60'],
    )
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '楼组'],
      [4, '居民区'],
      [5, '住房类型'],
    ])
    expect(r.errors[0].message).toContain('第 2 行')
    expect(r.rows.map((x) => x.row)).toEqual([2, 6])
  })

  it('matches names whatever their width and spacing', () => {
    expect(nameKey(' Ａ栋 ')).toBe(nameKey('a栋'))
  })
})

describe('the import plan', () => {
  const units: TreeUnit[] = [
    { id: 1, parentId: null, level: 'street', name: '街道', housingType: null, households: 0 },
    { id: 2, parentId: 1, level: 'neighbourhood', name: '梧桐居民区', housingType: null, households: 0 },
    { id: 3, parentId: 2, level: 'estate', name: '梧桐新村', housingType: 'public_sold', households: 0 },
    { id: 4, parentId: 3, level: 'building', name: '1号楼', housingType: null, households: 36 },
    { id: 5, parentId: 3, level: 'building', name: '2号楼', housingType: null, households: 36 },
    { id: 6, parentId: 1, level: 'neighbourhood', name: '香樟居民区', housingType: null, households: 0 },
    { id: 7, parentId: 6, level: 'estate', name: '香樟苑', housingType: 'resettlement', households: 0 },
    { id: 8, parentId: 7, level: 'building', name: '1号楼', housingType: null, households: 48 },
  ]
  const none = new Map<number, UnitUse>()
  const row = (neighbourhood: string, estate: string, building: string, households: number, housingType: 'public_sold' | 'commercial' | 'resettlement' = 'public_sold') => ({
    row: 2,
    neighbourhood,
    estate,
    housingType,
    building,
    households,
  })
  const same = [row('梧桐居民区', '梧桐新村', '1号楼', 36), row('梧桐居民区', '梧桐新村', '2号楼', 36), row('香樟居民区', '香樟苑', '1号楼', 48, 'resettlement')]

  it('changes nothing when the file matches the tree', () => {
    expect(planImport(1, units, none, same)).toEqual({ create: [], update: [], missing: [] })
  })

  it('updates counts, housing types and spellings, and adds new units under their parents', () => {
    const plan = planImport(1, units, none, [
      row('梧桐居民区', '梧桐新村', '１号楼', 40, 'commercial'),
      row('梧桐居民区', '梧桐新村', '2号楼', 36, 'commercial'),
      row('梧桐居民区', '梧桐新村', '3号楼', 20, 'commercial'),
      row('香樟居民区', '香樟苑', '1号楼', 48, 'resettlement'),
      row('银杏居民区', '银杏苑', '1号楼', 10),
      row('银杏居民区', '银杏苑', '2号楼', 12),
    ])
    expect(plan.update).toEqual([
      { unitId: 3, path: ['梧桐居民区', '梧桐新村'], field: 'housingType', from: 'public_sold', to: 'commercial' },
      { unitId: 4, path: ['梧桐居民区', '梧桐新村', '１号楼'], field: 'name', from: '1号楼', to: '１号楼' },
      { unitId: 4, path: ['梧桐居民区', '梧桐新村', '１号楼'], field: 'households', from: 36, to: 40 },
    ])
    expect(plan.create.map((c) => [c.level, c.path.join('/'), c.households])).toEqual([
      ['building', '梧桐居民区/梧桐新村/3号楼', 20],
      ['neighbourhood', '银杏居民区', 0],
      ['estate', '银杏居民区/银杏苑', 0],
      ['building', '银杏居民区/银杏苑/1号楼', 10],
      ['building', '银杏居民区/银杏苑/2号楼', 12],
    ])
    expect(plan.create[2].housingType).toBe('public_sold')
    expect(plan.missing).toEqual([])
  })

  it('lists the units the file leaves out, with what keeps them', () => {
    const use = new Map<number, UnitUse>([[8, { residents: true, proposals: false, other: false }]])
    const plan = planImport(1, units, use, [row('梧桐居民区', '梧桐新村', '1号楼', 36)])
    expect(plan.missing).toEqual([
      { unitId: 5, name: '2号楼', level: 'building', path: ['梧桐居民区', '梧桐新村', '2号楼'], hasResidents: false, hasProposals: false, deletable: true },
      { unitId: 6, name: '香樟居民区', level: 'neighbourhood', path: ['香樟居民区'], hasResidents: true, hasProposals: false, deletable: false },
      { unitId: 7, name: '香樟苑', level: 'estate', path: ['香樟居民区', '香樟苑'], hasResidents: true, hasProposals: false, deletable: false },
      { unitId: 8, name: '1号楼', level: 'building', path: ['香樟居民区', '香樟苑', '1号楼'], hasResidents: true, hasProposals: false, deletable: false },
    ])
  })
})

describe('who may change the tree', () => {
  const p = (grants: { role: 'admin' | 'moderator'; unitId: number }[]) => ({ userId: 1, grants, referees: [], residence: null })
  it('lets only the 街镇 admin import', () => {
    expect(importRefusal(p([{ role: 'admin', unitId: 1 }]), 1)).toBeNull()
    expect(importRefusal(p([{ role: 'admin', unitId: 9 }]), 1)?.statusCode).toBe(403)
    expect(importRefusal(p([{ role: 'moderator', unitId: 1 }]), 1)?.statusCode).toBe(403)
  })
  it('lets the 居委会 change units under its 居民区 but not the 居民区 itself', () => {
    expect(unitEditRefusal(p([{ role: 'moderator', unitId: 2 }]), 4, [3, 2, 1])).toBeNull()
    expect(unitEditRefusal(p([{ role: 'moderator', unitId: 2 }]), null, [2, 1])).toBeNull()
    expect(unitEditRefusal(p([{ role: 'moderator', unitId: 2 }]), 2, [1])?.statusCode).toBe(403)
    expect(unitEditRefusal(p([{ role: 'admin', unitId: 1 }]), 2, [1])).toBeNull()
    expect(unitEditRefusal(p([{ role: 'admin', unitId: 9 }]), 2, [1])?.statusCode).toBe(403)
  })
  it('keeps housing types on 小区 and households on 楼组', () => {
    expect(unitFieldsProblem('building', { housingType: 'commercial' })?.field).toBe('housingType')
    expect(unitFieldsProblem('estate', { households: 3 })?.field).toBe('households')
    expect(unitFieldsProblem('building', { households: 0 })?.field).toBe('households')
    expect(unitFieldsProblem('building', { name: '  ' })?.field).toBe('name')
    expect(unitFieldsProblem('building', { name: '3号楼', households: 20 })).toBeNull()
  })
})

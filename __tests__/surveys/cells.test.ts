import { cellStrata, MIN_STORED_CELL, MIXED_HOUSING, storedCells, type BuildingPlace } from '../../server/surveys/cells'

// 居民区 1 → 小区 10 (楼组 100, 101), 小区 20 (楼组 200).
const buildings: BuildingPlace[] = [
  { id: 100, estateId: 10, neighbourhoodId: 1, households: 40, housingType: 'commercial' },
  { id: 101, estateId: 10, neighbourhoodId: 1, households: 60, housingType: 'commercial' },
  { id: 200, estateId: 20, neighbourhoodId: 1, households: 100, housingType: 'public' },
]

describe('stored cells', () => {
  const estate10 = [...buildings, { id: 102, estateId: 10, neighbourhoodId: 1, households: 30, housingType: 'commercial' }]

  it('keeps a 楼组 with enough app respondents, and one without any', () => {
    const cells = storedCells(buildings, new Map([[100, 5], [200, 3]]))
    expect(cells.get(100)).toBe(100)
    expect(cells.get(101)).toBe(101)
    expect(cells.get(200)).toBe(200)
  })

  it('moves small 楼组 to their 小区 when together they are enough', () => {
    const cells = storedCells(estate10, new Map([[100, 5], [101, 1], [102, 2], [200, 4]]))
    expect(cells.get(101)).toBe(10)
    expect(cells.get(102)).toBe(10)
    expect(cells.get(100)).toBe(100)
  })

  it('counts only the people a 小区 cell would hold, not the crowded 楼组 beside them', () => {
    // 小区 10 has 6 respondents, but its cell would hold the single one of 101: it goes to the 居民区,
    // which then takes in the smallest other cell until it holds MIN_STORED_CELL.
    const cells = storedCells(buildings, new Map([[100, 5], [101, 1], [200, 3]]))
    expect(cells.get(101)).toBe(1)
    expect(cells.get(200)).toBe(1)
    expect(cells.get(100)).toBe(100)
  })

  it('needs MIN_STORED_CELL respondents, not households', () => {
    expect(storedCells(buildings, new Map([[100, MIN_STORED_CELL]])).get(100)).toBe(100)
    expect(storedCells(buildings, new Map([[100, MIN_STORED_CELL - 1]])).get(100)).toBe(1)
  })

  it('holds every app respondent in a cell of none or at least MIN_STORED_CELL, whatever the counts', () => {
    for (let seed = 0; seed < 200; seed++) {
      const counts = new Map(estate10.map((b, i) => [b.id, (seed * (i + 7) * 31) % 6]))
      const cells = storedCells(estate10, counts)
      const held = new Map<number, number>()
      for (const b of estate10) held.set(cells.get(b.id)!, (held.get(cells.get(b.id)!) ?? 0) + (counts.get(b.id) ?? 0))
      const total = [...counts.values()].reduce((x, y) => x + y, 0)
      for (const n of held.values()) expect(n === 0 || n >= Math.min(MIN_STORED_CELL, total)).toBe(true)
    }
  })

  it('weights a 小区 cell by the 楼组 it stands for, and says when its 楼组 are of several housing types', () => {
    const strata = cellStrata(buildings, new Set([100, 10, 1]))
    expect(strata.get(100)).toEqual({ households: 40, housingType: 'commercial' })
    expect(strata.get(10)).toEqual({ households: 60, housingType: 'commercial' })
    expect(strata.get(1)).toEqual({ households: 100, housingType: 'public' })
    const mixed = cellStrata(buildings, new Set([1]))
    expect(mixed.get(1)).toEqual({ households: 200, housingType: MIXED_HOUSING })
  })

  it('leaves out the 楼组 no cell stands for', () => {
    const strata = cellStrata(buildings, new Set([200]))
    expect([...strata.keys()]).toEqual([200])
  })
})

// The unit a survey's answers are stored under once it closes: a 楼组 only when enough of its residents
// answered in the app. A row saying "2号楼" is as good as a name when 2号楼 has one respondent (the
// participation table says who answered, the residences where they live), so the answers of a 楼组
// with fewer than MIN_STORED_CELL app respondents move to its 小区, and to the 居民区 when the 小区's
// such 楼组 together are still too few. Every answer of a 楼组 moves together (paper ones too), so that
// each 楼组 is weighted through exactly one cell. Pure: no I/O.

/** A cell of answers hides each app respondent among at least this many. */
export const MIN_STORED_CELL = 3

export interface BuildingPlace {
  id: number
  estateId: number
  neighbourhoodId: number
  households: number
  housingType: string | null
}

/**
 * The cell each 楼组's answers are stored under, given its app respondents. A cell is anonymous when
 * the app respondents whose answers it holds are none or at least k: whoever knows this rule and who
 * answered can tell which 楼组 went where, so a cell hides people only among the people it holds.
 */
export function storedCells(buildings: BuildingPlace[], respondents: Map<number, number>, k = MIN_STORED_CELL): Map<number, number> {
  const app = (b: BuildingPlace) => respondents.get(b.id) ?? 0
  const cells = new Map<number, number>()
  for (const b of buildings) cells.set(b.id, app(b) === 0 || app(b) >= k ? b.id : b.estateId)
  const held = (cell: number) => buildings.reduce((n, b) => (cells.get(b.id) === cell ? n + app(b) : n), 0)
  for (const estate of new Set(buildings.map((b) => b.estateId))) {
    if (held(estate) >= k) continue
    for (const b of buildings) if (cells.get(b.id) === estate) cells.set(b.id, b.neighbourhoodId)
  }
  // A 居民区 cell still too small takes in the smallest other cells until it hides its people.
  for (const nb of new Set(buildings.map((b) => b.neighbourhoodId))) {
    while (held(nb) > 0 && held(nb) < k) {
      const others = [...new Set(buildings.filter((b) => b.neighbourhoodId === nb && cells.get(b.id) !== nb && app(b) > 0).map((b) => cells.get(b.id)!))]
      if (others.length === 0) break
      const smallest = others.reduce((x, y) => (held(y) < held(x) ? y : x))
      for (const b of buildings) if (cells.get(b.id) === smallest) cells.set(b.id, nb)
    }
  }
  return cells
}

/** The housing type of a cell whose 楼组 are of several types. */
export const MIXED_HOUSING = 'mixed'

export interface Stratum {
  households: number
  /** Shared by every 楼组 the stratum stands for, MIXED_HOUSING when they differ, null when unknown. */
  housingType: string | null
}

/**
 * The weighting strata for answers stored in `cells`: a 楼组 cell stands for itself, a 小区 cell for the
 * 楼组 of that 小区 without a cell of their own, a 居民区 cell for the rest of the 居民区. A 楼组 that no
 * cell stands for (nobody of it or around it answered) is left out, as before cells existed.
 */
export function cellStrata(buildings: BuildingPlace[], cells: Set<number>): Map<number, Stratum> {
  const strata = new Map<number, Stratum>()
  for (const b of buildings) {
    const cell = [b.id, b.estateId, b.neighbourhoodId].find((unit) => cells.has(unit))
    if (cell === undefined) continue
    const s = strata.get(cell)
    if (!s) strata.set(cell, { households: b.households, housingType: b.housingType })
    else {
      s.households += b.households
      if (s.housingType !== b.housingType) s.housingType = MIXED_HOUSING
    }
  }
  return strata
}

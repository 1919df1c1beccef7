// Scores a questionnaire: respondent scores, the community score (post-stratified when household
// counts per stratum are given), its interval, reliability, sample adequacy and subgroups.
// One pass over the responses; memory grows with items and strata, not with respondents.

import type {
  Instrument,
  InstrumentItem,
  InstrumentResponse,
  InstrumentScore,
  ItemStat,
  ScoreInterval,
  ScoreOptions,
  ScoreStatus,
  SubgroupScore,
} from '../../types/scoring'
import { round2 } from './format'
import {
  AlphaAccumulator,
  addMoment,
  assertConfidence,
  emptyMoments,
  finitePopulationCorrection,
  meanInterval,
  requiredSampleSize,
  type Moments,
} from './stats'
import { DEFAULT_MIN_CELL_SIZE, suppressionReasons } from './suppression'

const DEFAULT_MIN_ANSWERED_SHARE = 0.5
const DEFAULT_CONFIDENCE = 0.95

// What a respondent gave for an item.
const NUMERIC = 0
const DK = 1
const BLANK = 2 // null, absent, or off the scale

/**
 * Reads one respondent at a time into per-item accumulators. Items are added as they are read;
 * the rare excluded respondent is taken back out, which saves a second pass over the items.
 * Sums are of x' − min, exact for integer answers, so taking out leaves no residue.
 */
class ItemTally {
  readonly sumShifted: Float64Array
  readonly countU: Float64Array
  readonly sumRaw: Float64Array
  readonly countRaw: Float64Array
  readonly countDk: Float64Array
  readonly countBlank: Float64Array
  readonly ranges: Float64Array
  /** The current respondent's normalised answers (NaN = missing). */
  readonly u: Float64Array
  answered = 0
  counted = 0
  sum = 0
  complete = true

  private readonly ids: string[]
  private readonly mins: Float64Array
  private readonly maxs: Float64Array
  private readonly reversed: boolean[]
  private readonly knowledge: boolean[]
  private readonly raw: Float64Array
  private readonly state: Uint8Array

  constructor(items: InstrumentItem[]) {
    const k = items.length
    this.ids = items.map((item) => item.id)
    this.mins = Float64Array.from(items, (item) => item.scale.min)
    this.maxs = Float64Array.from(items, (item) => item.scale.max)
    this.ranges = Float64Array.from(items, (item) => item.scale.max - item.scale.min)
    this.reversed = items.map((item) => item.reverse === true)
    this.knowledge = items.map((item) => item.kind === 'knowledge')
    this.sumShifted = new Float64Array(k)
    this.countU = new Float64Array(k)
    this.sumRaw = new Float64Array(k)
    this.countRaw = new Float64Array(k)
    this.countDk = new Float64Array(k)
    this.countBlank = new Float64Array(k)
    this.u = new Float64Array(k)
    this.raw = new Float64Array(k)
    this.state = new Uint8Array(k)
  }

  read(answers: InstrumentResponse['answers']): void {
    this.answered = 0
    this.counted = 0
    this.sum = 0
    this.complete = true
    for (let i = 0; i < this.ids.length; i++) {
      const a = answers[this.ids[i]]
      if (typeof a === 'number' && a >= this.mins[i] && a <= this.maxs[i]) {
        const shifted = this.shifted(i, a)
        this.state[i] = NUMERIC
        this.raw[i] = a
        this.u[i] = shifted / this.ranges[i]
        this.sumShifted[i] += shifted
        this.countU[i]++
        this.sumRaw[i] += a
        this.countRaw[i]++
        this.answered++
        this.counted++
        this.sum += this.u[i]
        continue
      }
      const dk = a === 'dk'
      this.state[i] = dk ? DK : BLANK
      if (dk) this.countDk[i]++
      else this.countBlank[i]++
      if (this.knowledge[i]) {
        // Not aware: a 不清楚 is an answer, a blank is not, and both count 0.
        this.u[i] = 0
        this.countU[i]++
        this.counted++
        if (dk) this.answered++
      } else {
        this.u[i] = Number.NaN
        this.complete = false
      }
    }
  }

  /** x' − min, with x' = min + max − x for a reversed item. */
  private shifted(i: number, a: number): number {
    return this.reversed[i] ? this.maxs[i] - a : a - this.mins[i]
  }

  undo(): void {
    for (let i = 0; i < this.ids.length; i++) {
      if (this.state[i] === NUMERIC) {
        this.sumShifted[i] -= this.shifted(i, this.raw[i])
        this.countU[i]--
        this.sumRaw[i] -= this.raw[i]
        this.countRaw[i]--
        continue
      }
      if (this.state[i] === DK) this.countDk[i]--
      else this.countBlank[i]--
      if (this.knowledge[i]) this.countU[i]--
    }
  }
}

/** Respondent scores per stratum, indexed by the stratum's number (one cell when unweighted). */
type Cells = (Moments | undefined)[]

interface Summary {
  n: number
  mean: number
  /** Weighted standard deviation with the n/(n − 1) correction; the plain s when unweighted. */
  sd: number
  designEffect: number
  effectiveN: number
}

function addToCell(cells: Cells, stratum: number, score: number): void {
  addMoment((cells[stratum] ??= emptyMoments()), score)
}

/**
 * Weighted mean and spread from per-stratum moments. Every respondent of a stratum has the same
 * weight, so Σw(y − ȳ)² = Σ_h w_h (M2_h + n_h (ȳ_h − ȳ)²). Cells of weight 0 are left out.
 */
function summarize(cells: Cells, weights: Float64Array): Summary | null {
  let n = 0
  let sumW = 0
  let sumW2 = 0
  let sumWY = 0
  for (let h = 0; h < cells.length; h++) {
    const cell = cells[h]
    const w = weights[h]
    if (!cell || w === 0) continue
    n += cell.n
    sumW += w * cell.n
    sumW2 += w * w * cell.n
    sumWY += w * cell.n * cell.mean
  }
  if (n === 0) return null
  const mean = sumWY / sumW
  let m2 = 0
  for (let h = 0; h < cells.length; h++) {
    const cell = cells[h]
    const w = weights[h]
    if (!cell || w === 0) continue
    m2 += w * (cell.m2 + cell.n * (cell.mean - mean) ** 2)
  }
  const sd = n > 1 ? Math.sqrt((m2 / sumW) * (n / (n - 1))) : 0
  return { n, mean, sd, designEffect: (n * sumW2) / (sumW * sumW), effectiveN: (sumW * sumW) / sumW2 }
}

/** Kish's approximation: the variance of the weighted mean is s_w²/n_eff. */
function intervalOf(summary: Summary, maxPoints: number, confidence: number, population: number | null): ScoreInterval {
  const fpc = finitePopulationCorrection(summary.n, population)
  const score = meanInterval(summary.mean, summary.sd, summary.effectiveN, summary.n - 1, confidence, fpc)
  return { score, points: [round2(score[0] * maxPoints), round2(score[1] * maxPoints)] }
}

/** Households per stratum, keeping the strata that have households. */
function stratumFrame(strata: Record<string, number> | undefined): Map<string, number> | null {
  if (!strata) return null
  const frame = new Map<string, number>()
  for (const [key, households] of Object.entries(strata)) {
    if (Number.isFinite(households) && households > 0) frame.set(key, households)
  }
  return frame
}

function positiveOrNull(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) && x > 0 ? x : null
}

export function scoreInstrument(
  instrument: Instrument,
  responses: InstrumentResponse[],
  options: ScoreOptions = {},
): InstrumentScore {
  const minAnsweredShare = options.minAnsweredShare ?? DEFAULT_MIN_ANSWERED_SHARE
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE
  const minCellSize = options.minCellSize ?? DEFAULT_MIN_CELL_SIZE
  const breakdowns = options.breakdowns ?? []
  assertConfidence(confidence)

  const items = instrument.items
  const k = items.length
  for (const item of items) {
    if (!(item.scale.max > item.scale.min)) throw new RangeError(`${instrument.id}.${item.id}: scale max must exceed min`)
  }
  // answered ≥ share·k, without float trouble (0.3 × 10 = 3.0000000000000004).
  const neededAnswers = Math.ceil(minAnsweredShare * k - 1e-9)
  const tally = new ItemTally(items)
  const alpha = new AlphaAccumulator(k)
  const frame = stratumFrame(options.strata)
  // Strata are numbered as met, so each respondent costs one string lookup per cell map.
  const strataIndex = new Map<string, number>()
  const strataKeys: string[] = []
  const cells: Cells = []
  const groupCells = breakdowns.map(() => new Map<string, Cells>())
  let excluded = 0
  let scored = 0

  for (const response of responses) {
    tally.read(response?.answers ?? {})
    if (tally.counted === 0 || tally.answered < neededAnswers) {
      tally.undo()
      excluded++
      continue
    }
    scored++
    if (tally.complete) alpha.add(tally.u)

    const score = tally.sum / tally.counted
    const key = frame ? response.stratum ?? '' : ''
    let stratum = strataIndex.get(key)
    if (stratum === undefined) {
      stratum = strataKeys.push(key) - 1
      strataIndex.set(key, stratum)
    }
    addToCell(cells, stratum, score)
    for (let b = 0; b < breakdowns.length; b++) {
      const group = (breakdowns[b] === 'stratum' ? response.stratum : response.groups?.[breakdowns[b]]) ?? ''
      let byGroup = groupCells[b].get(group)
      if (!byGroup) groupCells[b].set(group, (byGroup = []))
      addToCell(byGroup, stratum, score)
    }
  }

  // Post-stratification weights w_h = (N_h/N)/(n_h/n), over the strata that have respondents.
  const warnings: string[] = []
  const weights = new Float64Array(strataKeys.length).fill(1)
  let weighted = false
  let outOfFrame = 0
  if (frame) {
    const respondentsIn = (key: string): number => {
      const h = strataIndex.get(key)
      return h === undefined ? 0 : cells[h]?.n ?? 0
    }
    let households = 0
    let inFrame = 0
    const uncovered: string[] = []
    for (const [key, N] of frame) {
      const n = respondentsIn(key)
      if (n === 0) uncovered.push(key)
      households += n > 0 ? N : 0
      inFrame += n
    }
    strataKeys.forEach((key, h) => {
      if (!frame.has(key)) outOfFrame += cells[h]?.n ?? 0
    })
    if (inFrame > 0) {
      weighted = true
      strataKeys.forEach((key, h) => {
        const N = frame.get(key)
        weights[h] = N === undefined ? 0 : (N / households) / (respondentsIn(key) / inFrame)
      })
      if (uncovered.length > 0) warnings.push(`分层 ${uncovered.join('、')} 没有有效问卷，其权重按其余分层重新分配`)
      if (outOfFrame > 0) warnings.push(`${outOfFrame} 份有效问卷的分层不在户数表中（或户数为 0），未计入加权得分`)
    } else if (scored > 0) {
      outOfFrame = 0
      warnings.push('没有一份有效问卷能对应到分层户数表，改为不加权计算')
    }
  }

  const frameHouseholds = frame ? [...frame.values()].reduce((a, b) => a + b, 0) : 0
  const population = positiveOrNull(options.population) ?? positiveOrNull(frameHouseholds)
  const summary = summarize(cells, weights)
  const n = summary?.n ?? 0
  if (population !== null && n > population) {
    warnings.push(`有效问卷数（${n}）多于总户数（${population}），未做有限总体校正`)
  }
  const requiredN = population === null ? null : requiredSampleSize(population)
  const status: ScoreStatus =
    n === 0 ? 'no_data' : requiredN !== null && n < requiredN ? 'insufficient_sample' : 'ok'

  const itemStats: ItemStat[] = items.map(({ id }, i) => ({
    id,
    mean: tally.countU[i] > 0 ? tally.sumShifted[i] / tally.countU[i] / tally.ranges[i] : null,
    rawMean: tally.countRaw[i] > 0 ? tally.sumRaw[i] / tally.countRaw[i] : null,
    n: tally.countU[i],
    dkShare: scored > 0 ? tally.countDk[i] / scored : 0,
    missingShare: scored > 0 ? tally.countBlank[i] / scored : 0,
  }))

  const subgroups: Record<string, SubgroupScore[]> = {}
  breakdowns.forEach((breakdown, b) => {
    const groups = [...groupCells[b].entries()]
      .map(([group, byStratum]) => ({ group, summary: summarize(byStratum, weights) }))
      .sort((x, y) => (x.group < y.group ? -1 : x.group > y.group ? 1 : 0))
    const hidden = suppressionReasons(
      groups.map(({ group, summary: s }) => ({ group, n: s?.n ?? 0 })),
      minCellSize,
    )
    subgroups[breakdown] = groups.map(({ group, summary: s }): SubgroupScore => {
      const reason = hidden.get(group)
      if (reason || !s) return { group, suppressed: true, reason: reason ?? 'small_cell' }
      // A stratum's own household count gives its finite-population correction.
      const groupPopulation = breakdown === 'stratum' && weighted ? frame?.get(group) ?? null : null
      return {
        group,
        suppressed: false,
        n: s.n,
        score: s.mean,
        points: round2(s.mean * instrument.maxPoints),
        interval: intervalOf(s, instrument.maxPoints, confidence, groupPopulation),
      }
    })
  })

  return {
    instrumentId: instrument.id,
    status,
    points: summary ? round2(summary.mean * instrument.maxPoints) : null,
    maxPoints: instrument.maxPoints,
    score: summary ? summary.mean : null,
    interval: summary ? intervalOf(summary, instrument.maxPoints, confidence, population) : null,
    n,
    excluded,
    outOfFrame,
    received: responses.length,
    population,
    requiredN,
    alpha: alpha.result(),
    weighted,
    designEffect: summary ? summary.designEffect : null,
    effectiveN: summary ? summary.effectiveN : null,
    items: itemStats,
    subgroups,
    warnings,
  }
}

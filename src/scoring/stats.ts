// Statistics the scores need: quantiles (normal, Student t), intervals, sample size, Cronbach's alpha.
// Implemented here, without dependencies, because the library also runs inside the mini-program.

/** Normal inverse CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0)) return -Infinity
  if (!(p < 1)) return Infinity
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239]
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const pLow = 0.02425
  const tail = (q: number): number =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  if (p < pLow) return tail(Math.sqrt(-2 * Math.log(p)))
  if (p > 1 - pLow) return -tail(Math.sqrt(-2 * Math.log(1 - p)))
  const q = p - 0.5
  const r = q * q
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  )
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
]

/** ln Γ(x) for x ≥ 0.5 (Lanczos, g = 7), all the t distribution needs. */
function logGamma(x: number): number {
  const y = x - 1
  let sum = LANCZOS[0]
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (y + i)
  const t = y + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum)
}

/** Continued fraction of the incomplete beta (modified Lentz, Numerical Recipes' betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-15) break
  }
  return h
}

/** Regularised incomplete beta I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  // The fraction converges fast only on this side of the mean; use the symmetry otherwise.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b
}

/** P(T ≤ t) for t ≥ 0. */
function tCdfUpper(t: number, df: number): number {
  return 1 - 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5)
}

function tDensity(t: number, df: number): number {
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI)
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df))
}

/** Cornish–Fisher expansion of the t quantile around z, to 1/df⁴. */
function tExpansion(z: number, df: number): number {
  const z2 = z * z
  const g1 = (z2 + 1) * z / 4
  const g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
}

/** Student t inverse CDF for df ≥ 1 (real df allowed). Accurate to ~1e-12. */
export function tQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`tQuantile: df must be positive, got ${df}`)
  if (!(p > 0)) return -Infinity
  if (!(p < 1)) return Infinity
  if (p === 0.5) return 0
  if (p < 0.5) return -tQuantile(1 - p, df)
  if (df === 1) return Math.tan(Math.PI * (p - 0.5))
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p))
  const z = normalQuantile(p)
  let t = tExpansion(z, df)
  // Beyond ~1000 df the expansion's error is far below 1e-12.
  if (df > 1000) return t
  // Newton on the exact CDF. The CDF is concave for t > 0, so iterates left of the root
  // approach it monotonically; halving guards the first step from a far-right start.
  for (let i = 0; i < 100; i++) {
    const step = (tCdfUpper(t, df) - p) / tDensity(t, df)
    const next = t - step > 0 ? t - step : t / 2
    if (Math.abs(next - t) <= 1e-13 * next) return next
    t = next
  }
  return t
}

/** Two-sided critical value of the t distribution, e.g. 2.2622 for 95% and df = 9. */
export const tCritical = (confidence: number, df: number): number => tQuantile(1 - (1 - confidence) / 2, df)
export const zCritical = (confidence: number): number => normalQuantile(1 - (1 - confidence) / 2)

export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`)
}

/**
 * mean ± t(confidence, df) · sd/√n · fpc, clamped to [0, 1]. A census (fpc = 0) has no sampling
 * error. With df < 1 (one respondent) nothing is known about the spread, so the interval is the
 * whole scale rather than a made-up width.
 */
export function meanInterval(
  mean: number,
  sd: number,
  n: number,
  df: number,
  confidence: number,
  fpc: number,
): [number, number] {
  if (fpc === 0) return [mean, mean]
  if (df < 1) return [0, 1]
  const half = (tCritical(confidence, df) * sd * fpc) / Math.sqrt(n)
  return [Math.max(0, mean - half), Math.min(1, mean + half)]
}

/** √((N − n)/(N − 1)); 0 for a census, 1 when N is unknown or smaller than n. */
export function finitePopulationCorrection(n: number, population: number | null): number {
  if (population === null || n > population) return 1
  if (n === population) return 0
  return Math.sqrt((population - n) / (population - 1))
}

/**
 * Respondents needed for a proportion: n0 = z²p(1−p)/e², corrected for a population N as
 * n0/(1 + (n0 − 1)/N), rounded up. Defaults: 95%, ±5%, p = 0.5 (N = 3000 → 341, N = ∞ → 385).
 */
export function requiredSampleSize(
  population?: number,
  opts: { confidence?: number; margin?: number; p?: number } = {},
): number {
  const { confidence = 0.95, margin = 0.05, p = 0.5 } = opts
  assertConfidence(confidence)
  if (!(margin > 0)) throw new RangeError(`margin must be positive, got ${margin}`)
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`)
  const z = zCritical(confidence)
  const n0 = (z * z * p * (1 - p)) / (margin * margin)
  const known = population !== undefined && Number.isFinite(population) && population >= 0
  const n = known ? n0 / (1 + (n0 - 1) / population) : n0
  // The tolerance keeps an exact integer from being pushed up by float noise.
  return Math.max(0, Math.ceil(n - 1e-9))
}

/** Wilson score interval for a proportion; [0, 1] when n = 0. */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): [number, number] {
  assertConfidence(confidence)
  if (!(n > 0)) return [0, 1]
  const phat = Math.min(1, Math.max(0, successes / n))
  const z = zCritical(confidence)
  const z2n = (z * z) / n
  const centre = (phat + z2n / 2) / (1 + z2n)
  const half = (z / (1 + z2n)) * Math.sqrt((phat * (1 - phat)) / n + z2n / (4 * n))
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/** Running count, mean and sum of squared deviations (Welford): exact for constant data. */
export interface Moments {
  n: number
  mean: number
  m2: number
}

export const emptyMoments = (): Moments => ({ n: 0, mean: 0, m2: 0 })

export function addMoment(m: Moments, x: number): void {
  m.n++
  const delta = x - m.mean
  m.mean += delta / m.n
  m.m2 += delta * (x - m.mean)
}

/**
 * Cronbach's alpha accumulated in one pass over complete cases: per-item sums and sums of
 * squares, and the same for the case total. Values are shifted by the first case's, which keeps
 * the sums-of-squares formula exact for constant data and accurate otherwise.
 */
export class AlphaAccumulator {
  private n = 0
  private readonly shift: Float64Array
  private readonly sum: Float64Array
  private readonly sumSq: Float64Array
  private totalSum = 0
  private totalSumSq = 0

  constructor(private readonly k: number) {
    this.shift = new Float64Array(k)
    this.sum = new Float64Array(k)
    this.sumSq = new Float64Array(k)
  }

  add(values: ArrayLike<number>): void {
    if (this.n === 0) for (let i = 0; i < this.k; i++) this.shift[i] = values[i]
    let total = 0
    for (let i = 0; i < this.k; i++) {
      const x = values[i] - this.shift[i]
      this.sum[i] += x
      this.sumSq[i] += x * x
      total += x
    }
    this.totalSum += total
    this.totalSumSq += total * total
    this.n++
  }

  /** null with fewer than 2 items or 2 complete cases, or when the totals do not vary. */
  result(): number | null {
    const { n, k } = this
    if (k < 2 || n < 2) return null
    let itemVariance = 0
    for (let i = 0; i < k; i++) itemVariance += Math.max(0, this.sumSq[i] - (this.sum[i] * this.sum[i]) / n)
    const totalVariance = this.totalSumSq - (this.totalSum * this.totalSum) / n
    // Sums of squares (not divided by n − 1): the factors cancel in the ratio.
    if (!(totalVariance > 1e-12 * itemVariance) || totalVariance <= 0) return null
    return (k / (k - 1)) * (1 - itemVariance / totalVariance)
  }
}

/** Cronbach's alpha of a respondents × items table; rows with a null (or non-number) are skipped. */
export function cronbachAlpha(itemsByRespondent: (number | null)[][]): number | null {
  const k = itemsByRespondent.reduce((max, row) => Math.max(max, row.length), 0)
  const acc = new AlphaAccumulator(k)
  for (const row of itemsByRespondent) {
    if (row.length === k && row.every((x) => typeof x === 'number' && Number.isFinite(x))) acc.add(row as number[])
  }
  return acc.result()
}

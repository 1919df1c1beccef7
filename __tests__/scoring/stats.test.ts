import fc from 'fast-check'
import {
  cronbachAlpha,
  finitePopulationCorrection,
  meanInterval,
  normalQuantile,
  requiredSampleSize,
  tQuantile,
  wilsonInterval,
} from '../../src/scoring/stats'

describe('normal and t quantiles', () => {
  it('match tabulated values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6)
    expect(normalQuantile(0.5)).toBe(0)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6)
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 6)
  })

  it.each([
    [0.975, 1, 12.7062047],
    [0.975, 2, 4.3026527],
    [0.975, 3, 3.1824463],
    [0.975, 4, 2.7764451],
    [0.975, 9, 2.2621572],
    [0.975, 29, 2.0452296],
    [0.975, 100, 1.9839715],
    [0.975, 1000, 1.9623391],
    [0.975, 10000, 1.9602012],
    [0.995, 5, 4.032143],
    [0.95, 10, 1.8124611],
    [0.999, 3, 10.2145319],
  ])('t(%p, %p) = %p', (p, df, expected) => {
    expect(tQuantile(p, df)).toBeCloseTo(expected, 6)
  })

  it('is symmetric and infinite at the ends', () => {
    expect(tQuantile(0.025, 9)).toBeCloseTo(-2.2621572, 6)
    expect(tQuantile(0.5, 7)).toBe(0)
    expect(tQuantile(1, 7)).toBe(Infinity)
    expect(tQuantile(0, 7)).toBe(-Infinity)
  })

  it('lies above the normal quantile and falls as df grows', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.55, max: 0.9995, noNaN: true }), fc.integer({ min: 1, max: 400 }), (p, df) => {
        const t = tQuantile(p, df)
        return t >= tQuantile(p, df + 1) - 1e-9 && tQuantile(p, df + 1) >= normalQuantile(p) - 1e-9
      }),
    )
  })
})

describe('requiredSampleSize', () => {
  it('gives 341 for 3000 households and 385 for an unknown population', () => {
    expect(requiredSampleSize(3000)).toBe(341)
    expect(requiredSampleSize()).toBe(385)
    expect(requiredSampleSize(undefined)).toBe(385)
    expect(requiredSampleSize(Infinity)).toBe(385)
  })

  it('handles small populations and other settings', () => {
    expect(requiredSampleSize(100)).toBe(80) // 384.15 / (1 + 383.15/100) = 79.5
    expect(requiredSampleSize(10)).toBe(10)
    expect(requiredSampleSize(0)).toBe(0)
    expect(requiredSampleSize(undefined, { margin: 0.03 })).toBe(1068)
    expect(requiredSampleSize(undefined, { confidence: 0.99 })).toBe(664)
    expect(requiredSampleSize(undefined, { p: 0 })).toBe(0)
  })

  it('rejects settings outside their range', () => {
    expect(() => requiredSampleSize(100, { confidence: 1.5 })).toThrow(RangeError)
    expect(() => requiredSampleSize(100, { margin: 0 })).toThrow(RangeError)
  })
})

describe('wilsonInterval', () => {
  it('matches hand-computed values', () => {
    const [lo, hi] = wilsonInterval(5, 10)
    expect(lo).toBeCloseTo(0.236593, 6)
    expect(hi).toBeCloseTo(0.763407, 6)
    // 0 of n: the upper bound is z²/(n + z²).
    expect(wilsonInterval(0, 10)[0]).toBe(0)
    expect(wilsonInterval(0, 10)[1]).toBeCloseTo(1.959964 ** 2 / (10 + 1.959964 ** 2), 6)
    // Symmetric: 10 of 10 mirrors 0 of 10.
    expect(wilsonInterval(10, 10)[0]).toBeCloseTo(1 - wilsonInterval(0, 10)[1], 12)
    expect(wilsonInterval(10, 10)[0]).toBeCloseTo(0.722467, 6)
    expect(wilsonInterval(10, 10)[1]).toBe(1)
  })

  it('returns the whole range with no observations', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1])
  })
})

describe('meanInterval and the finite-population correction', () => {
  it('is mean ± t·s/√n, clamped to [0, 1]', () => {
    const half = (3.1824463 * 0.144338) / 2
    const [lo, hi] = meanInterval(0.625, 0.144338, 4, 3, 0.95, 1)
    expect(lo).toBeCloseTo(0.625 - half, 5)
    expect(hi).toBeCloseTo(0.625 + half, 5)
    expect(meanInterval(0.5, 0.7071, 2, 1, 0.95, 1)).toEqual([0, 1])
  })

  it('knows nothing of the spread with one respondent, everything in a census', () => {
    expect(meanInterval(0.6, 0, 1, 0, 0.95, 1)).toEqual([0, 1])
    expect(meanInterval(0.6, 0, 1, 0, 0.95, 0)).toEqual([0.6, 0.6])
  })

  it('computes √((N − n)/(N − 1))', () => {
    expect(finitePopulationCorrection(4, 20)).toBeCloseTo(Math.sqrt(16 / 19), 12)
    expect(finitePopulationCorrection(20, 20)).toBe(0)
    expect(finitePopulationCorrection(4, null)).toBe(1)
    expect(finitePopulationCorrection(30, 20)).toBe(1)
  })
})

describe('cronbachAlpha', () => {
  it('matches a hand-computed example', () => {
    // Item variances 1.3, 1.7, 1.0 (sum 4); totals 6, 8, 12, 14, 8 have variance 10.8.
    // alpha = 3/2 · (1 − 4/10.8) = 17/18.
    const rows = [
      [1, 2, 3],
      [2, 2, 4],
      [3, 4, 5],
      [4, 5, 5],
      [2, 3, 3],
    ]
    expect(cronbachAlpha(rows)).toBeCloseTo(17 / 18, 12)
  })

  it('uses complete cases only', () => {
    const rows = [[1, 2, 3], [2, 2, 4], [3, null, 5], [3, 4, 5], [4, 5, 5], [2, 3, 3], [5, 5]]
    expect(cronbachAlpha(rows)).toBeCloseTo(17 / 18 /* same five complete rows */, 12)
  })

  it('is null when it cannot be computed', () => {
    expect(cronbachAlpha([])).toBeNull()
    expect(cronbachAlpha([[1], [2], [3]])).toBeNull() // one item
    expect(cronbachAlpha([[1, 2], [2, null]])).toBeNull() // one complete case
    expect(cronbachAlpha([[3, 3], [3, 3], [3, 3]])).toBeNull() // no variance
  })

  it('agrees with the two-pass definition', () => {
    const matrix = fc.integer({ min: 2, max: 6 }).chain((k) =>
      fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: k, maxLength: k }), { minLength: 2, maxLength: 40 }),
    )
    fc.assert(
      fc.property(matrix, (rows) => {
        const k = rows[0].length
        const variance = (xs: number[]) => {
          const m = xs.reduce((a, b) => a + b, 0) / xs.length
          return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1)
        }
        const itemVar = rows[0].map((_, i) => variance(rows.map((r) => r[i]))).reduce((a, b) => a + b, 0)
        const totalVar = variance(rows.map((r) => r.reduce((a, b) => a + b, 0)))
        const alpha = cronbachAlpha(rows)
        if (totalVar === 0) return alpha === null
        return alpha !== null && Math.abs(alpha - (k / (k - 1)) * (1 - itemVar / totalVar)) < 1e-9
      }),
    )
  })
})

import { formatPercent, formatPercentInBand, formatPoints, round2, roundHalfUp } from '../../src/scoring/format'

describe('round2: half-up on the decimal a person reads', () => {
  it.each([
    [1.005, 1.01], // stored as 1.00499999999999989…
    [2.675, 2.68],
    [1.255, 1.26],
    [0.285, 0.29],
    [8.345, 8.35],
    [4.115, 4.12],
    [6.875, 6.88],
    [0.1 + 0.2, 0.3],
    [1.004999, 1],
    [123456.785, 123456.79],
    [1e-7, 0],
    [100, 100],
    [-1.005, -1.01],
  ])('round2(%p) = %p', (x, expected) => {
    expect(round2(x)).toBe(expected)
  })

  it('rounds every two-decimal tie up', () => {
    for (let whole = 0; whole <= 300; whole++) {
      for (let cents = 0; cents < 100; cents++) {
        const tie = Number(`${whole}.${String(cents).padStart(2, '0')}5`)
        expect([tie, round2(tie)]).toEqual([tie, (whole * 100 + cents + 1) / 100])
      }
    }
  })

  it('never returns -0', () => {
    expect(Object.is(round2(-0.001), 0)).toBe(true)
  })

  it('rounds to other precisions', () => {
    expect(roundHalfUp(89.95, 1)).toBe(90)
    expect(roundHalfUp(0.0005, 3)).toBe(0.001)
  })
})

describe('formats', () => {
  it('writes points without trailing zeros', () => {
    expect(formatPoints(2)).toBe('2')
    expect(formatPoints(1.5)).toBe('1.5')
    expect(formatPoints(4.117)).toBe('4.12')
  })

  it('writes shares as percentages with one decimal', () => {
    expect(formatPercent(0.84)).toBe('84.0%')
    expect(formatPercent(0.29)).toBe('29.0%')
    expect(formatPercent(0.8995)).toBe('90.0%')
  })

  it('does not let rounding carry a share across a band bound', () => {
    const inNinetyBand = (x: number) => x >= 0.9
    expect(formatPercentInBand(0.8999, (x) => inNinetyBand(x) === false)).toBe('89.99%')
    expect(formatPercentInBand(0.895, (x) => inNinetyBand(x) === false)).toBe('89.5%')
    expect(formatPercentInBand(0.9, inNinetyBand)).toBe('90.0%')
  })
})

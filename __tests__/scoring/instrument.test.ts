import { cronbachAlpha, scoreInstrument } from '../../src/scoring'
import { suppressionReasons } from '../../src/scoring/suppression'
import type { Instrument, InstrumentItem, InstrumentResponse } from '../../types/scoring'

const likert = (id: string, reverse = false): InstrumentItem => ({
  id,
  text: id,
  kind: 'attitude',
  scale: { min: 1, max: 5, labels: ['1', '2', '3', '4', '5'] },
  ...(reverse ? { reverse: true } : {}),
})
const known = (id: string): InstrumentItem => ({
  id,
  text: id,
  kind: 'knowledge',
  scale: { min: 0, max: 1, labels: ['不知道', '知道'], dkLabel: '不清楚' },
})

// Four Likert items, the last one reverse-worded; 10 points.
const ATTITUDE: Instrument = {
  id: 'test_attitude',
  name: '测试',
  maxPoints: 10,
  intro: '',
  reference: '',
  items: [likert('a'), likert('b'), likert('c'), likert('d', true)],
}
const KNOWLEDGE: Instrument = { ...ATTITUDE, id: 'test_knowledge', items: ['k1', 'k2', 'k3', 'k4'].map(known) }
// One item on 0–4, so each answer is a respondent score of answer/4.
const SINGLE: Instrument = {
  ...ATTITUDE,
  id: 'test_single',
  items: [{ id: 'q', text: 'q', kind: 'attitude', scale: { min: 0, max: 4, labels: ['0', '1', '2', '3', '4'] } }],
}
const single = (q: number, stratum?: string, groups?: Record<string, string>): InstrumentResponse => ({
  answers: { q },
  ...(stratum !== undefined ? { stratum } : {}),
  ...(groups ? { groups } : {}),
})

describe('respondent scores', () => {
  it('normalises answers and reverses reverse-worded items', () => {
    // u = 1, 0.75, 0.5 and, for d reversed, x' = 1 + 5 − 2 = 4 → u = 0.75; mean 0.75.
    const result = scoreInstrument(ATTITUDE, [{ answers: { a: 5, b: 4, c: 3, d: 2 } }])
    expect(result.score).toBeCloseTo(0.75, 12)
    expect(result.points).toBe(7.5)
    expect(result.items.map((item) => item.mean)).toEqual([1, 0.75, 0.5, 0.75])
    expect(result.items[3].rawMean).toBe(2) // as answered, before reversal
  })

  it('rounds points half-up once, at the end', () => {
    const odd = scoreInstrument(ATTITUDE, [{ answers: { a: 5, b: 4, c: 4, d: 2 } }])
    // u = 1, 0.75, 0.75, 0.75: mean 0.8125 → 8.125 points → 8.13.
    expect(odd.score).toBe(0.8125)
    expect(odd.points).toBe(8.13)
  })

  it("treats 'dk' and blanks on attitude items as missing", () => {
    // Two of four answered (= the 0.5 threshold): score = mean(1, 0.5).
    const result = scoreInstrument(ATTITUDE, [{ answers: { a: 5, b: 'dk', c: 3, d: null } }])
    expect(result.n).toBe(1)
    expect(result.score).toBeCloseTo(0.75, 12)
    expect(result.items[1]).toMatchObject({ id: 'b', mean: null, n: 0, dkShare: 1, missingShare: 0 })
    expect(result.items[3]).toMatchObject({ id: 'd', mean: null, n: 0, dkShare: 0, missingShare: 1 })
  })

  it("treats 'dk' and blanks on knowledge items as not aware", () => {
    // Answered 3 of 4 (1, 0, dk; the blank is not an answer): score = (1 + 0 + 0 + 0)/4.
    const result = scoreInstrument(KNOWLEDGE, [{ answers: { k1: 1, k2: 0, k3: 'dk', k4: null } }])
    expect(result.score).toBe(0.25)
    expect(result.points).toBe(2.5)
    expect(result.items.map((item) => item.n)).toEqual([1, 1, 1, 1])
    expect(result.items[2]).toMatchObject({ mean: 0, rawMean: null, dkShare: 1 })
    // All 不清楚 is a set of answers: included, scoring 0.
    const unsure = scoreInstrument(KNOWLEDGE, [{ answers: { k1: 'dk', k2: 'dk', k3: null, k4: null } }])
    expect(unsure).toMatchObject({ n: 1, excluded: 0, score: 0, points: 0 })
  })

  it('excludes respondents who answered less than the required share', () => {
    const responses: InstrumentResponse[] = [
      { answers: { a: 5, b: 'dk', c: null } }, // 1 of 4 answered
      { answers: { k1: null, k2: null, k3: null, k4: 1 } }, // answers another instrument
      { answers: { a: 4, b: 4, c: 4, d: 2 } },
    ]
    const result = scoreInstrument(ATTITUDE, responses)
    expect(result).toMatchObject({ n: 1, excluded: 2, received: 3 })
    expect(scoreInstrument(ATTITUDE, responses, { minAnsweredShare: 0.25 })).toMatchObject({ n: 2, excluded: 1 })
    // A blank knowledge questionnaire is excluded, not scored as "knows nothing".
    expect(scoreInstrument(KNOWLEDGE, [{ answers: { k4: 1 } }, { answers: {} }])).toMatchObject({ n: 0, excluded: 2 })
  })

  it('treats answers off the scale as blanks', () => {
    const result = scoreInstrument(ATTITUDE, [{ answers: { a: 7, b: 4, c: 4, d: Number.NaN } }])
    expect(result.score).toBe(0.75)
    expect(result.items[0]).toMatchObject({ n: 0, missingShare: 1 })
  })
})

describe('data a community really produces', () => {
  it('scores no responses as no_data without throwing', () => {
    const result = scoreInstrument(ATTITUDE, [])
    expect(result).toMatchObject({
      status: 'no_data',
      points: null,
      score: null,
      interval: null,
      n: 0,
      alpha: null,
      designEffect: null,
    })
    expect(result.items[0]).toMatchObject({ mean: null, n: 0, dkShare: 0 })
  })

  it("gives no_data when every answer is 'dk'", () => {
    const dk = { answers: { a: 'dk', b: 'dk', c: 'dk', d: 'dk' } } as InstrumentResponse
    expect(scoreInstrument(ATTITUDE, [dk, dk]).status).toBe('no_data')
  })

  it('gives the whole scale as the interval of a single respondent', () => {
    const result = scoreInstrument(SINGLE, [single(3)])
    expect(result.interval).toEqual({ score: [0, 1], points: [0, 10] })
    expect(result.alpha).toBeNull()
  })

  it('has no sampling error when every household answered', () => {
    const result = scoreInstrument(SINGLE, [single(3)], { population: 1 })
    expect(result.interval?.score).toEqual([0.75, 0.75])
    expect(result.status).toBe('ok')
  })

  it('gives a zero-width interval and no alpha without variance', () => {
    const same = { answers: { a: 4, b: 4, c: 4, d: 2 } }
    const result = scoreInstrument(ATTITUDE, [same, same, same])
    expect(result.interval?.score).toEqual([0.75, 0.75])
    expect(result.alpha).toBeNull()
  })

  it('ignores malformed rows', () => {
    const rows = [null, { answers: null }, { answers: { a: 5, b: 5 } }] as unknown as InstrumentResponse[]
    expect(scoreInstrument(ATTITUDE, rows)).toMatchObject({ n: 1, excluded: 2, score: 1 })
  })
})

describe('interval', () => {
  // Scores 0.5, 0.5, 0.75, 0.75: mean 0.625, s = 0.144338, t(0.975, 3) = 3.182446.
  const responses = [single(2), single(2), single(3), single(3)]

  it('is mean ± t(0.975, n − 1)·s/√n', () => {
    const result = scoreInstrument(SINGLE, responses)
    expect(result.interval?.score[0]).toBeCloseTo(0.395327, 6)
    expect(result.interval?.score[1]).toBeCloseTo(0.854673, 6)
    expect(result.interval?.points).toEqual([3.95, 8.55])
  })

  it('shrinks by √((N − n)/(N − 1)) when the population is known', () => {
    const result = scoreInstrument(SINGLE, responses, { population: 20 })
    expect(result.interval?.score[0]).toBeCloseTo(0.414237, 6)
    expect(result.interval?.score[1]).toBeCloseTo(0.835763, 6)
    expect(result.interval?.points).toEqual([4.14, 8.36])
  })

  it('is clamped to [0, 1]', () => {
    // Scores 0 and 1: mean 0.5 ± 12.71 × 0.5.
    const result = scoreInstrument(SINGLE, [single(0), single(4)])
    expect(result.interval).toEqual({ score: [0, 1], points: [0, 10] })
  })

  it('follows the confidence level', () => {
    const ninety = scoreInstrument(SINGLE, responses, { confidence: 0.9 })
    const width = (r: typeof ninety) => r.interval!.score[1] - r.interval!.score[0]
    expect(width(ninety)).toBeLessThan(width(scoreInstrument(SINGLE, responses)))
  })
})

describe('sample adequacy', () => {
  it('flags fewer valid respondents than required when N is known', () => {
    const responses = [single(2), single(2), single(3), single(3)]
    expect(scoreInstrument(SINGLE, responses, { population: 3000 })).toMatchObject({
      status: 'insufficient_sample',
      requiredN: 341,
      points: 6.25,
    })
    expect(scoreInstrument(SINGLE, responses, { population: 4 })).toMatchObject({ status: 'ok', requiredN: 4 })
    expect(scoreInstrument(SINGLE, responses)).toMatchObject({ status: 'ok', requiredN: null, population: null })
  })

  it('skips the correction and warns when there are more respondents than households', () => {
    const result = scoreInstrument(SINGLE, [single(2), single(2), single(3)], { population: 2 })
    expect(result.interval?.score[0]).toBeLessThan(0.58)
    expect(result.warnings.join()).toContain('多于总户数')
  })
})

describe('post-stratified weighting', () => {
  // Stratum A: 60 households, respondents scoring 1 and 0.5 (mean 0.75).
  // Stratum B: 40 households, respondents scoring 0, 0.25, 0.5 (mean 0.25).
  // Weighted: 0.6 × 0.75 + 0.4 × 0.25 = 0.55 (unweighted: 0.45).
  // w_A = 0.6/(2/5) = 1.5, w_B = 0.4/(3/5) = 2/3; Σw = 5, Σw² = 2 × 2.25 + 3 × 4/9 = 35/6.
  // deff = 5 × (35/6)/25 = 7/6; n_eff = 25/(35/6) = 30/7.
  const responses = [single(4, 'A'), single(2, 'A'), single(0, 'B'), single(1, 'B'), single(2, 'B')]

  it('weights strata by their share of households', () => {
    const result = scoreInstrument(SINGLE, responses, { strata: { A: 60, B: 40 } })
    expect(result.weighted).toBe(true)
    expect(result.score).toBeCloseTo(0.55, 12)
    expect(result.points).toBe(5.5)
    expect(result.designEffect).toBeCloseTo(7 / 6, 12)
    expect(result.effectiveN).toBeCloseTo(30 / 7, 12)
    expect(scoreInstrument(SINGLE, responses).score).toBeCloseTo(0.45, 12)
  })

  it('widens the interval by the design effect', () => {
    // s_w² = Σw(y − ȳ)²/Σw × n/(n − 1) = (0.570833/5) × 5/4; se = s_w/√n_eff;
    // t(0.975, 4) = 2.776445; N = 100 households → fpc = √(95/99).
    const result = scoreInstrument(SINGLE, responses, { strata: { A: 60, B: 40 } })
    expect(result.population).toBe(100)
    expect(result.interval?.score[0]).toBeCloseTo(0.053698, 6)
    expect(result.interval?.score[1]).toBe(1)
    expect(result.status).toBe('insufficient_sample') // 80 needed of 100 households
  })

  it('reweights over the strata that have respondents and says so', () => {
    const result = scoreInstrument(SINGLE, responses, { strata: { A: 60, B: 40, C: 100, D: 0 } })
    expect(result.score).toBeCloseTo(0.55, 12)
    expect(result.population).toBe(200)
    expect(result.warnings.join()).toContain('C')
  })

  it('leaves respondents of strata without a household count out of the weighted score', () => {
    const extra = [...responses, single(4, 'D'), single(4)]
    const result = scoreInstrument(SINGLE, extra, { strata: { A: 60, B: 40, D: 0 } })
    expect(result).toMatchObject({ n: 5, outOfFrame: 2, received: 7 })
    expect(result.score).toBeCloseTo(0.55, 12)
    expect(result.warnings.join()).toContain('2 份')
  })

  it('falls back to the unweighted mean when no respondent matches a stratum', () => {
    const result = scoreInstrument(SINGLE, [single(4), single(2)], { strata: { A: 60, B: 40 } })
    expect(result).toMatchObject({ weighted: false, n: 2, outOfFrame: 0, score: 0.75, designEffect: 1 })
    expect(result.warnings).toHaveLength(1)
  })

  it('reports a design effect of 1 without strata', () => {
    expect(scoreInstrument(SINGLE, responses)).toMatchObject({ weighted: false, designEffect: 1, effectiveN: 5 })
  })
})

describe('subgroups and suppression', () => {
  const group = (housing: string, count: number, answer: number) =>
    Array.from({ length: count }, () => single(answer, undefined, { housing }))

  it('hides small groups and, when only one is hidden, the next smallest too', () => {
    const responses = [...group('X', 12, 4), ...group('Y', 15, 2), ...group('Z', 3, 0)]
    const result = scoreInstrument(SINGLE, responses, { breakdowns: ['housing'] })
    expect(result.subgroups.housing).toEqual([
      { group: 'X', suppressed: true, reason: 'complementary' },
      expect.objectContaining({ group: 'Y', suppressed: false, n: 15, score: 0.5, points: 5 }),
      { group: 'Z', suppressed: true, reason: 'small_cell' },
    ])
  })

  it('needs no complementary cell when two groups are already hidden', () => {
    const responses = [...group('X', 12, 4), ...group('Y', 4, 2), ...group('Z', 3, 0)]
    const reasons = scoreInstrument(SINGLE, responses, { breakdowns: ['housing'] }).subgroups.housing.map((g) =>
      g.suppressed ? g.reason : 'shown',
    )
    expect(reasons).toEqual(['shown', 'small_cell', 'small_cell'])
  })

  it('shows every group at or above the minimum cell size', () => {
    const responses = [...group('X', 10, 4), ...group('Y', 10, 2)]
    const groups = scoreInstrument(SINGLE, responses, { breakdowns: ['housing'] }).subgroups.housing
    expect(groups.every((g) => !g.suppressed)).toBe(true)
    expect(scoreInstrument(SINGLE, responses, { breakdowns: ['housing'], minCellSize: 11 }).subgroups.housing.every((g) => g.suppressed)).toBe(true)
  })

  it('breaks down by stratum, with weights and the stratum household count', () => {
    const responses = [...group('X', 10, 4), ...group('Y', 10, 2)].map((r, i) => ({ ...r, stratum: i < 10 ? 'A' : 'B' }))
    const result = scoreInstrument(SINGLE, responses, { strata: { A: 10, B: 30 }, breakdowns: ['stratum', 'housing'] })
    const [a] = result.subgroups.stratum
    expect(a).toMatchObject({ group: 'A', suppressed: false, n: 10, score: 1 })
    // Every household of A answered: no sampling error.
    if (!a.suppressed) expect(a.interval.score).toEqual([1, 1])
    expect(result.score).toBeCloseTo(0.25 * 1 + 0.75 * 0.5, 12)
  })

  it("puts respondents without the group key in the '' group", () => {
    const responses = [...group('X', 10, 4), single(2)]
    const groups = scoreInstrument(SINGLE, responses, { breakdowns: ['housing'] }).subgroups.housing
    expect(groups.map((g) => g.group)).toEqual(['', 'X'])
    expect(groups.every((g) => g.suppressed)).toBe(true) // '' is small, X is its complement
  })

  it('suppressionReasons breaks ties by group id', () => {
    const reasons = suppressionReasons(
      [
        { group: 'b', n: 12 },
        { group: 'a', n: 12 },
        { group: 'c', n: 2 },
        { group: 'd', n: 30 },
      ],
      10,
    )
    expect([...reasons.entries()]).toEqual([
      ['c', 'small_cell'],
      ['a', 'complementary'],
    ])
    expect(suppressionReasons([{ group: 'only', n: 3 }], 10).get('only')).toBe('small_cell')
  })
})

describe('reliability', () => {
  it("computes Cronbach's alpha on the scored values of complete cases", () => {
    // Same table as the cronbachAlpha hand example (alpha 17/18), on three items of 1–5.
    const threeItems: Instrument = { ...ATTITUDE, items: [likert('a'), likert('b'), likert('c')] }
    const rows = [
      [1, 2, 3],
      [2, 2, 4],
      [3, 4, 5],
      [4, 5, 5],
      [2, 3, 3],
    ]
    const responses: InstrumentResponse[] = rows.map(([a, b, c]) => ({ answers: { a, b, c } }))
    responses.push({ answers: { a: 5, b: 'dk', c: 5 } }) // scored, but not a complete case
    const result = scoreInstrument(threeItems, responses)
    expect(result.n).toBe(6)
    expect(result.alpha).toBeCloseTo(17 / 18, 12)
    expect(result.alpha).toBeCloseTo(cronbachAlpha(rows)!, 12)
  })

  it('handles reversal before alpha', () => {
    // d mirrors a; reversed, it agrees with a, so alpha is high.
    const rows = [
      [1, 5],
      [2, 4],
      [4, 2],
      [5, 1],
    ]
    const pair: Instrument = { ...ATTITUDE, items: [likert('a'), likert('d', true)] }
    const result = scoreInstrument(pair, rows.map(([a, d]) => ({ answers: { a, d } })))
    expect(result.alpha).toBeCloseTo(1, 12)
  })
})

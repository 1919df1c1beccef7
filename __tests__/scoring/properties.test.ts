import fc from 'fast-check'
import { CHANGNING_2022, evaluateIndex, round2, scoreInstrument } from '../../src/scoring'
import type {
  Answer,
  IndexInput,
  IndexLeaf,
  IndexLeafResult,
  IndexNode,
  IndexNodeResult,
  IndexRule,
  Instrument,
  InstrumentItem,
  InstrumentResponse,
  ScoreOptions,
} from '../../types/scoring'

const itemArb: fc.Arbitrary<InstrumentItem> = fc
  .record({
    kind: fc.constantFrom<'attitude' | 'knowledge'>('attitude', 'knowledge'),
    max: fc.integer({ min: 2, max: 10 }),
    reverse: fc.boolean(),
  })
  .map(({ kind, max, reverse }) => {
    const scale = kind === 'knowledge' ? { min: 0, max: 1 } : { min: 1, max }
    return {
      id: '',
      text: '',
      kind,
      scale: { ...scale, labels: Array.from({ length: scale.max - scale.min + 1 }, String) },
      reverse,
    }
  })

const instrumentArb: fc.Arbitrary<Instrument> = fc
  .record({ items: fc.array(itemArb, { minLength: 1, maxLength: 8 }), maxPoints: fc.constantFrom(3, 5, 10) })
  .map(({ items, maxPoints }) => ({
    id: 'prop',
    name: 'prop',
    intro: '',
    reference: '',
    maxPoints,
    items: items.map((item, i) => ({ ...item, id: `q_${i}` })),
  }))

// Answers on and off the scale, 'dk', blanks and absent keys.
const answerArb: fc.Arbitrary<Answer | undefined> = fc.oneof(
  fc.integer({ min: -1, max: 11 }),
  fc.constant<Answer>('dk'),
  fc.constant(null),
  fc.constant(undefined),
)

const responsesArb = (instrument: Instrument): fc.Arbitrary<InstrumentResponse[]> =>
  fc.array(
    fc.record({
      answers: fc.tuple(...instrument.items.map(() => answerArb)).map((answers) =>
        Object.fromEntries(instrument.items.map((item, i) => [item.id, answers[i]])),
      ),
      stratum: fc.constantFrom('A', 'B', 'C', undefined),
      groups: fc.record({ housing: fc.constantFrom('x', 'y', 'z') }),
    }),
    { maxLength: 80 },
  )

const optionsArb: fc.Arbitrary<ScoreOptions> = fc.record(
  {
    strata: fc.record({ A: fc.nat(60), B: fc.nat(60), C: fc.nat(60) }, { requiredKeys: [] }),
    population: fc.integer({ min: 1, max: 500 }),
    minAnsweredShare: fc.double({ min: 0, max: 1, noNaN: true }),
    minCellSize: fc.integer({ min: 1, max: 15 }),
    breakdowns: fc.constant(['stratum', 'housing']),
  },
  { requiredKeys: [] },
)

describe('scoreInstrument on any data', () => {
  it('never throws and keeps every figure in range', () => {
    const scenario = instrumentArb.chain((instrument) =>
      fc.tuple(fc.constant(instrument), responsesArb(instrument), optionsArb),
    )
    fc.assert(
      fc.property(scenario, ([instrument, responses, options]) => {
        const result = scoreInstrument(instrument, responses, options)
        expect(result.n + result.excluded + result.outOfFrame).toBe(responses.length)
        if (result.status === 'no_data') {
          expect(result.points).toBeNull()
          return
        }
        const { points, score, interval } = result
        expect(points).toBeGreaterThanOrEqual(0)
        expect(points).toBeLessThanOrEqual(instrument.maxPoints)
        expect(score).toBeGreaterThanOrEqual(0)
        expect(score).toBeLessThanOrEqual(1)
        expect(interval!.score[0]).toBeLessThanOrEqual(score! + 1e-12)
        expect(interval!.score[1]).toBeGreaterThanOrEqual(score! - 1e-12)
        expect(interval!.score[0]).toBeGreaterThanOrEqual(0)
        expect(interval!.score[1]).toBeLessThanOrEqual(1)
        expect(result.designEffect!).toBeGreaterThanOrEqual(1 - 1e-9)
        expect(result.effectiveN!).toBeLessThanOrEqual(result.n + 1e-9)
        if (result.alpha !== null) expect(result.alpha).toBeLessThanOrEqual(1 + 1e-9)
        for (const groups of Object.values(result.subgroups)) {
          const hidden = groups.filter((g) => g.suppressed)
          if (groups.length > 1) expect(hidden.length).not.toBe(1)
          for (const g of groups) if (!g.suppressed) expect(g.n).toBeGreaterThanOrEqual(options.minCellSize ?? 10)
        }
      }),
      { numRuns: 300 },
    )
  })
})

/** Any valid input for a rule, or nothing, or a sourced wrapper. */
function inputArb(node: IndexLeaf): fc.Arbitrary<IndexInput> {
  const valueArb = (rule: IndexRule, max: number): fc.Arbitrary<IndexInput> => {
    switch (rule.kind) {
      case 'questionnaire':
      case 'bands':
        return fc.double({ min: 0, max: 1, noNaN: true })
      case 'expert':
        return fc.double({ min: 0, max, noNaN: true })
      case 'relativeBands':
        return fc.record({
          value: fc.double({ min: 0, max: 1000, noNaN: true }),
          peerAverage: fc.double({ min: 0, max: 1000, noNaN: true }),
        })
      case 'perCount':
        return fc.nat(20)
      case 'checklist':
        return fc.record(Object.fromEntries(rule.items.map((item) => [item.id, fc.boolean()])), { requiredKeys: [] })
      case 'sum':
        return fc.record(Object.fromEntries(rule.parts.map((part) => [part.id, inputArb(part)])), { requiredKeys: [] })
      case 'configurable':
        return valueArb(rule.rule, max)
    }
  }
  const value = valueArb(node.rule, node.max)
  return fc.oneof(
    value,
    value.map((v) => ({ value: v as never, source: 'manual' as const })),
    fc.constant(undefined),
  )
}

const leavesOf = (nodes: IndexNode[]): IndexLeaf[] =>
  nodes.flatMap((node) => ('rule' in node ? [node] : leavesOf(node.children)))
const leafResults = (nodes: IndexNodeResult[]): IndexLeafResult[] =>
  nodes.flatMap((node) => ('children' in node ? leafResults(node.children) : [node]))

describe('evaluateIndex on any valid input', () => {
  const definitionLeaves = leavesOf(CHANGNING_2022.children)
  const inputsArb = fc.record(Object.fromEntries(definitionLeaves.map((leaf) => [leaf.id, inputArb(leaf)])))

  it('keeps every leaf within [0, max] and totals equal to the leaves summed once', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const result = evaluateIndex(CHANGNING_2022, inputs)
        const leaves = leafResults(result.children)
        for (const leaf of leaves) {
          expect(leaf.points).toBeGreaterThanOrEqual(0)
          expect(leaf.points).toBeLessThanOrEqual(leaf.max)
          expect(leaf.rawPoints).toBeLessThanOrEqual(leaf.max)
        }
        const raw = leaves.reduce((total, leaf) => total + leaf.rawPoints, 0)
        expect(result.total).toBe(round2(raw))
        expect(result.total).toBeLessThanOrEqual(100)
        // Leaves are shown rounded; their sum can differ from the total by at most half a cent each.
        const shown = leaves.reduce((total, leaf) => total + leaf.points, 0)
        expect(Math.abs(shown - result.total)).toBeLessThanOrEqual(0.005 * leaves.length + 1e-9)
        const checkParents = (nodes: IndexNodeResult[]): void => {
          for (const node of nodes) {
            if (!('children' in node)) continue
            const sum = leafResults(node.children).reduce((total, leaf) => total + leaf.rawPoints, 0)
            expect(node.points).toBe(round2(sum))
            expect(node.points).toBeLessThanOrEqual(node.max)
            checkParents(node.children)
          }
        }
        checkParents(result.children)
      }),
      { numRuns: 300 },
    )
  })
})

describe('round2', () => {
  it('moves a value by at most half a cent and is idempotent', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const r = round2(x)
        return Math.abs(r - x) <= 0.005 + 1e-9 && round2(r) === r
      }),
    )
  })
})

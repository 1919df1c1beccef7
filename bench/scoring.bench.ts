// Times the scoring library: scoreInstrument on 100,000 respondents × 30 items (with and without
// post-stratification) and evaluateIndex on the Changning table. Run: npx tsx bench/scoring.bench.ts

import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { CHANGNING_2022, evaluateIndex, scoreInstrument } from '../src/scoring'
import type { IndexInputs, Instrument, InstrumentItem, InstrumentResponse, ScoreOptions } from '../types/scoring'
import { prng } from '../server/core/random'

const RESPONDENTS = 100_000
const ITEMS = 30
const STRATA = 40
const RUNS = 7

const random = prng(2022)
const HOUSING = ['public_sold', 'commercial', 'foreign_commercial', 'old_villa', 'resettlement']

// 24 Likert items (every fourth reversed) and 6 knowledge items.
const items: InstrumentItem[] = Array.from({ length: ITEMS }, (_, i) =>
  i < 24
    ? { id: `b_${i}`, text: '', kind: 'attitude', scale: { min: 1, max: 5, labels: ['1', '2', '3', '4', '5'] }, reverse: i % 4 === 3 }
    : { id: `b_${i}`, text: '', kind: 'knowledge', scale: { min: 0, max: 1, labels: ['不知道', '知道'], dkLabel: '不清楚' } },
)
const instrument: Instrument = { id: 'bench', name: 'bench', maxPoints: 10, intro: '', reference: '', items }

// A collection before each reading, so the figures show live data rather than garbage.
// bench/index.ts passes --expose-gc; run directly with tsx, the flag is set here.
function exposedGc(): () => void {
  const global = globalThis as { gc?: () => void }
  if (global.gc) return global.gc
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}
const gc = exposedGc()
const heapMb = (): number => {
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

const heapEmpty = heapMb()
// Built, then passed through JSON as the server reads stored answers (and as V8 then lays them out).
const generated: InstrumentResponse[] = Array.from({ length: RESPONDENTS }, () => {
  const answers: InstrumentResponse['answers'] = {}
  for (const item of items) {
    const r = random()
    answers[item.id] = r < 0.05 ? 'dk' : r < 0.08 ? null : item.kind === 'knowledge' ? (r < 0.6 ? 1 : 0) : 1 + Math.floor(random() * 5)
  }
  return { answers, stratum: `楼组${Math.floor(random() * STRATA)}`, groups: { housing: HOUSING[Math.floor(random() * 5)] } }
})
const responses: InstrumentResponse[] = JSON.parse(JSON.stringify(generated))
generated.length = 0
const strata = Object.fromEntries(Array.from({ length: STRATA }, (_, i) => [`楼组${i}`, 50 + Math.floor(random() * 200)]))

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function timeScoring(label: string, options: ScoreOptions): void {
  scoreInstrument(instrument, responses, options) // warm-up
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now()
    scoreInstrument(instrument, responses, options)
    times.push(performance.now() - start)
  }
  const ms = median(times)
  console.log(
    `scoring: scoreInstrument ${RESPONDENTS} × ${ITEMS} ${label}: median ${ms.toFixed(1)} ms over ${RUNS} runs ` +
      `(min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}; target < 300 ms: ${ms < 300 ? 'ok' : 'MISSED'})`,
  )
}

const stratified: ScoreOptions = { strata, breakdowns: ['stratum', 'housing'] }
const heapBefore = heapMb()
timeScoring('without strata', {})
timeScoring(`with ${STRATA} strata + 2 breakdowns`, stratified)
const heapAfter = heapMb()

const inputs: IndexInputs = {
  party_cohesion: 0.8,
  regional_party_building: { joint_meeting: true, resource_sharing: false },
  member_registration: 0.84,
  member_volunteers: 0.72,
  cross_appointment: { cross_appointed: true, members_effective: true },
  consultation_platform: { platform_evidence: { online_hall: true, three_meetings: true, open_process: false }, platform_committee: 1.5 },
  autonomy_teams: { teams_variety: { many_varied: true }, teams_regular: 0.85, teams_participation: 2 },
  three_carriages: { carriages_checklist: { owners_committee: true, red_property: false }, carriages_coordination: 2 },
  five_social_linkage: 4,
  internal_talent: 2,
  external_talent: 1.5,
  offline_venue: { space: true, facilitators: true },
  online_venue: { value: 0.41, source: 'platform' },
  online_needs_survey: 3,
  digital_transformation: 1,
  project_count: { value: 13, peerAverage: 10 },
  project_funding: { value: 11, peerAverage: 10 },
  needs_survey_mechanism: { online_offline: true },
  proposal_mechanism: { value: { proposals: true }, source: 'platform' },
  consultation_mechanism: { tiered: true },
  supervision_mechanism: { supervision: true },
  evaluation_mechanism: { evaluation: false },
  consultation_results: 2.5,
  brand: 2,
  democratic_atmosphere: 0.7,
  awareness: 0.66,
  satisfaction: 0.78,
  belonging: 0.81,
}
const CALLS = 20_000
for (let i = 0; i < 2_000; i++) evaluateIndex(CHANGNING_2022, inputs) // warm-up
const perCall: number[] = []
for (let run = 0; run < 5; run++) {
  const start = performance.now()
  for (let i = 0; i < CALLS; i++) evaluateIndex(CHANGNING_2022, inputs)
  perCall.push(((performance.now() - start) / CALLS) * 1000)
}
console.log(
  `scoring: evaluateIndex CHANGNING_2022 (28 leaves, all inputs): median ${median(perCall).toFixed(1)} µs per call ` +
    `(${CALLS} calls × 5 runs; target well under 1 ms)`,
)
console.log(
  `scoring: heap used ${heapEmpty.toFixed(1)} MB before the data, ${heapBefore.toFixed(1)} MB with ${RESPONDENTS} responses, ` +
    `${heapAfter.toFixed(1)} MB after ${2 * (RUNS + 1)} scoring runs (Δ ${(heapAfter - heapBefore).toFixed(1)} MB)`,
)

import { CHANGNING_2022, evaluateIndex } from '../../src/scoring'
import { AppError } from '../../server/core/errors'
import { LEAVES, manualEntries } from '../../server/indicators/rules'
import { currentYear, parsePeriod, periodBounds, previousPeriod } from '../../types/period'
import { deltasOf, radarOf } from '../../server/indicators/queries/report'

describe('periods', () => {
  it('reads years and half-years', () => {
    expect(parsePeriod('2026')).toEqual({ id: '2026', label: '2026年', start: '2026-01-01', end: '2026-12-31' })
    expect(parsePeriod('2026H1')).toEqual({ id: '2026H1', label: '2026年上半年', start: '2026-01-01', end: '2026-06-30' })
    expect(parsePeriod('2026H2')).toEqual({ id: '2026H2', label: '2026年下半年', start: '2026-07-01', end: '2026-12-31' })
    for (const bad of ['2026H3', '26', '2026h1', '1999', '2026-1', '']) expect(parsePeriod(bad)).toBeNull()
  })

  it('steps back one period', () => {
    expect(previousPeriod(parsePeriod('2026')!).id).toBe('2025')
    expect(previousPeriod(parsePeriod('2026H2')!).id).toBe('2026H1')
    expect(previousPeriod(parsePeriod('2026H1')!).id).toBe('2025H2')
  })

  it('bounds a period at Shanghai midnights', () => {
    expect(periodBounds(parsePeriod('2026')!)).toEqual({ from: '2025-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' })
    expect(periodBounds(parsePeriod('2026H1')!)).toEqual({ from: '2025-12-31T16:00:00.000Z', to: '2026-06-30T16:00:00.000Z' })
    // New Year's Eve at 17:00 UTC is already the new year in Shanghai.
    expect(currentYear(new Date('2026-12-31T16:00:00Z'))).toBe('2027')
    expect(currentYear(new Date('2026-12-31T15:59:59Z'))).toBe('2026')
  })
})

describe('manual inputs', () => {
  const refusal = (inputs: Record<string, unknown>) => {
    try {
      manualEntries(inputs)
    } catch (err) {
      if (err instanceof AppError) return { field: err.field, message: err.message }
      throw err
    }
    throw new Error('not refused')
  }

  it('knows every leaf of the Changning table', () => {
    expect(LEAVES.size).toBe(28)
    expect(LEAVES.get('satisfaction')).toMatchObject({ instrument: 'satisfaction', parts: null, path: ['实践效能', '居民感受', '满意度'] })
    expect(LEAVES.get('consultation_platform')!.parts!.map((p) => p.id)).toEqual(['platform_evidence', 'platform_committee'])
  })

  it('splits sum leaves into parts and keeps nulls as clearing entries', () => {
    expect(
      manualEntries({
        member_registration: 0.9,
        autonomy_teams: { teams_regular: 0.85, teams_participation: 2 },
        'three_carriages.carriages_coordination': 3,
        consultation_platform: null,
        party_cohesion: 0.5,
      }),
    ).toEqual([
      { key: 'member_registration', value: 0.9 },
      { key: 'autonomy_teams.teams_regular', value: 0.85 },
      { key: 'autonomy_teams.teams_participation', value: 2 },
      { key: 'three_carriages.carriages_coordination', value: 3 },
      { key: 'consultation_platform.platform_evidence', value: null },
      { key: 'consultation_platform.platform_committee', value: null },
      { key: 'party_cohesion', value: 0.5 },
    ])
  })

  it('refuses what the library refuses, with its message', () => {
    expect(refusal({ brand: 2.5 })).toEqual({ field: 'inputs.brand', message: '品牌载体：数量应为整数，收到 2.5' })
    expect(refusal({ project_count: 3 })).toEqual({ field: 'inputs.project_count', message: '项目数量：应为 {value, peerAverage}' })
    expect(refusal({ offline_venue: { space: 'yes' } }).field).toBe('inputs.offline_venue')
    expect(refusal({ offline_venue: { garden: true } }).message).toBe('线下阵地：没有“garden”这一项')
    expect(refusal({ 'autonomy_teams.nope': 1 }).field).toBe('inputs.autonomy_teams.nope')
    expect(refusal({ autonomy_teams: 3 }).message).toBe('自治团队应按分项填写')
    expect(refusal({ satisfaction: 1.5 }).field).toBe('inputs.satisfaction')
    expect(refusal({ satisfaction: { score: 0.5 } }).message).toBe('满意度：请填写 0–1 之间的问卷得分率')
    expect(refusal({ 'a.b.c': 1 }).field).toBe('inputs.a.b.c')
  })
})

describe('radar and deltas', () => {
  it('compares every node with the previous period', () => {
    const now = evaluateIndex(CHANGNING_2022, { member_registration: 0.95, brand: 3, satisfaction: 0.5 })
    const before = evaluateIndex(CHANGNING_2022, { member_registration: 0.85, brand: 5 })
    expect(radarOf(now)).toEqual([
      { id: 'party_leadership', name: '党建引领', points: 3, max: 15 },
      { id: 'participants', name: '参与主体', points: 0, max: 25 },
      { id: 'support', name: '保障支撑', points: 0, max: 20 },
      { id: 'effectiveness', name: '实践效能', points: 8, max: 40 },
    ])
    const deltas = deltasOf(now, before)
    expect(deltas[0]).toEqual({ id: 'changning_2022', name: '总分', depth: 0, points: 11, previousPoints: 6, delta: 5 })
    expect(deltas.find((d) => d.id === 'member_registration')).toEqual({ id: 'member_registration', name: '党员报到', depth: 3, points: 3, previousPoints: 2, delta: 1 })
    expect(deltas.find((d) => d.id === 'brand')!.delta).toBe(-1)
    expect(deltas.filter((d) => d.depth === 3)).toHaveLength(28)
  })
})

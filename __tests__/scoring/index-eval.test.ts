import { CHANGNING_2022, INSTRUMENTS, IndexInputError, evaluateIndex, scoreInstrument } from '../../src/scoring'
import type {
  IndexDefinition,
  IndexInputs,
  IndexLeaf,
  IndexLeafResult,
  IndexNodeResult,
  IndexResult,
} from '../../types/scoring'

const leaves = (nodes: IndexNodeResult[]): IndexLeafResult[] =>
  nodes.flatMap((node) => ('children' in node ? leaves(node.children) : [node]))

const leafOf = (result: IndexResult, id: string): IndexLeafResult => {
  const found = leaves(result.children).find((leaf) => leaf.id === id)
  if (!found) throw new Error(`no leaf ${id}`)
  return found
}

/** Scores one CHANGNING_2022 leaf. */
const score = (id: string, input: IndexInputs[string]): IndexLeafResult => leafOf(evaluateIndex(CHANGNING_2022, { [id]: input }), id)
const points = (id: string, input: IndexInputs[string]): number => score(id, input).points

const errorOf = (id: string, input: IndexInputs[string]): IndexInputError => {
  try {
    score(id, input)
  } catch (error) {
    if (error instanceof IndexInputError) return error
    throw error
  }
  throw new Error('expected an IndexInputError')
}

describe('bands (rate against inclusive lower bounds)', () => {
  it.each([
    [1, 3],
    [0.9, 3],
    [0.8999, 2],
    [0.895, 2],
    [0.8, 2],
    [0.7999, 1],
    [0.6, 1],
    [0.5999, 0],
    [0, 0],
  ])('在职党员报到率 %p → %p 分', (rate, expected) => {
    expect(points('member_registration', rate)).toBe(expected)
  })

  it.each([
    [0.9, 3],
    [0.8999, 2],
    [0.7, 2],
    [0.6999, 1],
    [0.5, 1],
    [0.4999, 0],
  ])('党员志愿者比例 %p → %p 分', (rate, expected) => {
    expect(points('member_volunteers', rate)).toBe(expected)
  })

  it.each([
    [0.5, 3],
    [0.4999, 2],
    [0.26, 2],
    [0.2599, 1],
    [0.255, 1],
    [0.1, 1],
    [0.0999, 0],
  ])('上云率 %p → %p 分', (rate, expected) => {
    expect(points('online_venue', rate)).toBe(expected)
  })

  it('forgives float noise at a bound (a rate computed from counts)', () => {
    expect(points('online_venue', 0.1 + 0.16)).toBe(2) // 0.26000000000000001
    expect(points('member_registration', (0.3 * 3) / 1)).toBe(3) // 0.8999999999999999
  })

  it('explains the band in Chinese', () => {
    expect(score('member_registration', 0.84).explanation).toBe('在职党员报到率 84.0%，80%–89% 档，得 2 分')
    expect(score('member_registration', 0.9).explanation).toBe('在职党员报到率 90.0%，90%以上 档，得 3 分')
    // Rounded to one decimal, 0.8999 would read 90.0% in the 80% band.
    expect(score('member_registration', 0.8999).explanation).toBe('在职党员报到率 89.99%，80%–89% 档，得 2 分')
    expect(score('member_registration', 0.59).explanation).toBe('在职党员报到率 59.0%，低于 60%，得 0 分')
  })

  it('rejects a rate outside [0, 1], naming the node', () => {
    const error = errorOf('member_registration', 1.2)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      code: 'out_of_range',
      nodeId: 'member_registration',
      name: 'IndexInputError',
      message: '党员报到：比例应在 0–1 之间，收到 1.2',
    })
    expect(errorOf('member_registration', -0.1).code).toBe('out_of_range')
    expect(errorOf('member_registration', Number.NaN).code).toBe('not_a_number')
    expect(errorOf('member_registration', '0.8' as unknown as number).code).toBe('not_a_number')
  })
})

describe('relativeBands (value ≥ (1 + x)·peer average)', () => {
  it.each([
    [39, 3],
    [38.99, 2],
    [36, 2],
    [35.99, 1],
    [33, 1], // 1.1 × 30 = 33.000000000000004 in floating point
    [32.99, 0],
    [30, 0],
    [12, 0],
  ])('项目数量 %p vs 平均 30 → %p 分', (value, expected) => {
    expect(points('project_count', { value, peerAverage: 30 })).toBe(expected)
  })

  it.each([
    [12, 2],
    [11.99, 1],
    [11, 1],
    [10.99, 0],
  ])('项目金额 %p vs 平均 10 → %p 分', (value, expected) => {
    expect(points('project_funding', { value, peerAverage: 10 })).toBe(expected)
  })

  it('handles a zero peer average', () => {
    expect(points('project_count', { value: 2, peerAverage: 0 })).toBe(3)
    expect(points('project_count', { value: 0, peerAverage: 0 })).toBe(0)
  })

  it('explains the comparison', () => {
    expect(score('project_count', { value: 13, peerAverage: 10 }).explanation).toBe(
      '协商议事、自组织培育、自治阵地建设相关项目数 13 个，同类社区平均 10 个，高出平均 30.0%，达到“超过平均 30%以上”档，得 3 分',
    )
    expect(score('project_funding', { value: 8, peerAverage: 10 }).explanation).toBe(
      '全过程人民民主相关项目金额 8 万元，同类社区平均 10 万元，低于平均 20.0%，未达到“超过平均 10%以上”，得 0 分',
    )
  })

  it('rejects negative or missing figures', () => {
    expect(errorOf('project_count', { value: -1, peerAverage: 10 })).toMatchObject({
      code: 'out_of_range',
      message: '项目数量：本社区数值不能小于 0，收到 -1',
    })
    expect(errorOf('project_count', { value: 1 } as never).code).toBe('not_a_number')
    expect(errorOf('project_count', 12).code).toBe('invalid_shape')
  })
})

describe('checklist', () => {
  it('adds the points of the items met', () => {
    expect(points('regional_party_building', { joint_meeting: true, resource_sharing: true })).toBe(2)
    expect(points('regional_party_building', { joint_meeting: true, resource_sharing: false })).toBe(1)
    expect(score('regional_party_building', { joint_meeting: false, resource_sharing: true }).explanation).toBe(
      '建立区域党建工作联席会议制度：否，得 0 分；建立区域化党建资源共享机制：是，得 1 分；合计 1 分',
    )
  })

  it('lists unfilled items as missing and scores them 0', () => {
    const result = score('regional_party_building', { joint_meeting: true })
    expect(result).toMatchObject({ points: 1, missing: true, missingParts: ['resource_sharing'] })
    expect(result.explanation).toContain('未填写')
  })

  it('rejects unknown items and non-boolean answers', () => {
    expect(errorOf('regional_party_building', { joint_meetings: true })).toMatchObject({
      code: 'unknown_item',
      nodeId: 'regional_party_building',
    })
    expect(errorOf('regional_party_building', { joint_meeting: 1 } as never).code).toBe('invalid_shape')
    expect(errorOf('regional_party_building', 1).code).toBe('invalid_shape')
  })
})

describe('perCount (points per item, capped)', () => {
  it.each([
    [0, 0],
    [1, 0.5],
    [3, 1.5],
    [4, 2],
    [7, 2],
  ])('线上需求调研 %p 个渠道 → %p 分', (count, expected) => {
    expect(points('online_needs_survey', count)).toBe(expected)
  })

  it('explains the cap', () => {
    expect(score('brand', 6).explanation).toBe('市级以上媒体宣传报道和市级以上部门表彰奖励 6 项，每项 1 分，4 分封顶，得 4 分')
    expect(score('brand', 2).explanation).toBe('市级以上媒体宣传报道和市级以上部门表彰奖励 2 项，每项 1 分，得 2 分')
  })

  it('rejects negative and fractional counts', () => {
    expect(errorOf('brand', -1)).toMatchObject({ code: 'negative_count', nodeId: 'brand' })
    expect(errorOf('brand', 2.5).code).toBe('not_integer')
  })
})

describe('expert (a score in [0, max])', () => {
  it('takes the score as given', () => {
    expect(points('five_social_linkage', 3.5)).toBe(3.5)
    expect(points('five_social_linkage', 5)).toBe(5)
    expect(score('external_talent', 1.5).explanation).toBe('外部专家和智库赋能情况：1.5 分（满分 2 分）')
  })

  it('rejects a score above the max or below 0', () => {
    expect(errorOf('five_social_linkage', 5.01)).toMatchObject({ code: 'out_of_range', nodeId: 'five_social_linkage' })
    expect(errorOf('external_talent', -0.5).code).toBe('out_of_range')
  })
})

describe('questionnaire', () => {
  it('takes a bare score in [0, 1]', () => {
    // 5 × 0.8234 = 4.117 → 4.12.
    expect(score('party_cohesion', 0.8234)).toMatchObject({ points: 4.12, rawPoints: 5 * 0.8234, source: 'questionnaire' })
    expect(errorOf('party_cohesion', 1.2).code).toBe('out_of_range')
  })

  it('takes an InstrumentScore and shows the sample', () => {
    const responses = Array.from({ length: 4 }, (_, i) => ({
      answers: Object.fromEntries(INSTRUMENTS.belonging.items.map((item) => [item.id, i % 2 === 0 ? 4 : 5])),
    }))
    const survey = scoreInstrument(INSTRUMENTS.belonging, responses)
    const result = score('belonging', survey)
    expect(result.rawPoints).toBeCloseTo(10 * survey.score!, 12)
    expect(result.points).toBe(survey.points)
    expect(result.explanation).toContain('有效问卷 4 份')
    expect(result.provisional).toBe(false)
  })

  it('marks a survey below the required sample as provisional', () => {
    const survey = scoreInstrument(INSTRUMENTS.awareness, [{ answers: { awa_1: 1, awa_2: 1, awa_3: 0, awa_4: 'dk' } }], {
      population: 3000,
    })
    const result = score('awareness', survey)
    // 2 of 7 items known (不清楚 and the three blanks count as not aware): 10 × 2/7 = 2.857.
    expect(result).toMatchObject({ provisional: true, missing: false, points: 2.86 })
    expect(result.explanation).toContain('样本不足（需 341 份）')
  })

  it('treats a survey without data as missing', () => {
    const result = score('satisfaction', scoreInstrument(INSTRUMENTS.satisfaction, []))
    expect(result).toMatchObject({ points: 0, missing: true })
  })

  it('rejects another instrument’s score', () => {
    const survey = scoreInstrument(INSTRUMENTS.awareness, [])
    expect(errorOf('belonging', survey)).toMatchObject({ code: 'instrument_mismatch', nodeId: 'belonging' })
  })
})

describe('sum (a leaf made of parts)', () => {
  it('adds 1 + 1 + expert 0–3 for 自治团队', () => {
    const input = { teams_variety: { many_varied: true }, teams_regular: 0.8, teams_participation: 2.5 }
    const result = score('autonomy_teams', input)
    expect(result.points).toBe(4.5)
    expect(result.parts?.map((part) => part.points)).toEqual([1, 1, 2.5])
    expect(result.explanation).toBe(
      '群众活动团队数量较多，类型丰富：是，得 1 分；建立常态化活动机制的团队比例 80.0%，80%以上 档，得 1 分；群众活动团队参与社区治理情况（专家打分）：2.5 分（满分 3 分）；合计 4.5 分',
    )
    expect(points('autonomy_teams', { ...input, teams_regular: 0.7999 })).toBe(3.5)
  })

  it('scores missing parts 0 and lists them', () => {
    const result = score('three_carriages', { carriages_checklist: { owners_committee: true, red_property: false } })
    expect(result).toMatchObject({ points: 1, missing: true, missingParts: ['carriages_coordination'] })
  })

  it('names the node when a part is invalid', () => {
    expect(errorOf('three_carriages', { carriages_coordination: 4 })).toMatchObject({
      code: 'out_of_range',
      nodeId: 'three_carriages.carriages_coordination',
      message: '三驾马车 · 三方协同：评分应在 0–3 之间，收到 4',
    })
    expect(errorOf('consultation_platform', { platform_evidence: { online_hall: 'yes' } } as never).nodeId).toBe(
      'consultation_platform.platform_evidence',
    )
    expect(errorOf('three_carriages', { coordination: 2 })).toMatchObject({ code: 'unknown_item', nodeId: 'three_carriages' })
  })
})

describe('configurable (协商平台)', () => {
  const evidence = { platform_evidence: { online_hall: true, three_meetings: true, open_process: false }, platform_committee: 1.5 }

  it('scores platform evidence plus a committee score, provisionally', () => {
    const result = score('consultation_platform', evidence)
    expect(result).toMatchObject({ kind: 'configurable', points: 3.5, provisional: true, source: 'mixed' })
    expect(result.parts?.map((part) => part.source)).toEqual(['platform', 'manual'])
    expect(result.explanation).toContain('暂定')
    const whole = evaluateIndex(CHANGNING_2022, { consultation_platform: evidence })
    expect(whole.provisional).toEqual(['consultation_platform'])
  })

  it('takes its source from the parts given, not from a missing one', () => {
    const result = score('consultation_platform', { platform_evidence: evidence.platform_evidence })
    expect(result).toMatchObject({ points: 2, source: 'platform', missingParts: ['platform_committee'] })
  })

  it('is provisional even when missing', () => {
    expect(score('consultation_platform', undefined)).toMatchObject({ points: 0, missing: true, provisional: true })
  })

  it('is final once the district configures it', () => {
    const configured: IndexDefinition = {
      id: 'platform_only',
      name: '协商平台',
      source: 'test',
      max: 5,
      children: [
        {
          id: 'consultation_platform',
          name: '协商平台',
          max: 5,
          rule: { kind: 'configurable', configured: true, note: '', rule: { kind: 'expert', measure: '协商平台评分' } },
        },
      ],
    }
    const result = evaluateIndex(configured, { consultation_platform: 4 })
    expect(result.total).toBe(4)
    expect(result.provisional).toEqual([])
    expect(leafOf(result, 'consultation_platform').explanation).toBe('协商平台评分：4 分（满分 5 分）')
  })
})

describe('sources', () => {
  it('accepts the bare value or {value, source}', () => {
    expect(score('online_venue', 0.6).source).toBe('manual')
    expect(score('online_venue', { value: 0.6, source: 'platform' })).toMatchObject({ source: 'platform', points: 3 })
    expect(score('project_count', { value: { value: 13, peerAverage: 10 }, source: 'manual' }).points).toBe(3)
    expect(score('member_registration', { value: null, source: 'manual' }).missing).toBe(true)
  })

  it('passes a sum’s source to its parts unless they say otherwise', () => {
    const result = score('consultation_platform', {
      value: { platform_evidence: { value: { online_hall: true }, source: 'platform' }, platform_committee: 1 },
      source: 'manual',
    })
    expect(result.source).toBe('manual')
    expect(result.parts?.map((part) => part.source)).toEqual(['platform', 'manual'])
  })

  it('carries the evidence hint of platform-backed items', () => {
    expect(score('proposal_mechanism', { proposals: true }).evidence).toContain('提案')
  })
})

describe('the whole index', () => {
  it('scores missing inputs 0 and lists them, without throwing', () => {
    const result = evaluateIndex(CHANGNING_2022, {})
    expect(result.total).toBe(0)
    expect(result.missing).toHaveLength(28)
    expect(leaves(result.children).every((leaf) => leaf.points === 0 && leaf.missing)).toBe(true)
  })

  it('reports input keys that match no leaf', () => {
    expect(evaluateIndex(CHANGNING_2022, { member_registraton: 0.9 }).unknownInputs).toEqual(['member_registraton'])
  })

  it('sums a complete hand-scored example', () => {
    const inputs: IndexInputs = {
      party_cohesion: 0.8, // 4
      regional_party_building: { joint_meeting: true, resource_sharing: false }, // 1
      member_registration: 0.84, // 2
      member_volunteers: 0.95, // 3
      cross_appointment: { cross_appointed: true, members_effective: true }, // 2
      consultation_platform: {
        platform_evidence: { online_hall: true, three_meetings: true, open_process: true },
        platform_committee: 2,
      }, // 5
      autonomy_teams: { teams_variety: { many_varied: true }, teams_regular: 0.5, teams_participation: 2 }, // 3
      three_carriages: { carriages_checklist: { owners_committee: true, red_property: true }, carriages_coordination: 2.5 }, // 4.5
      five_social_linkage: 4, // 4
      internal_talent: 2, // 2
      external_talent: 1, // 1
      offline_venue: { space: true, facilitators: false }, // 1
      online_venue: 0.3, // 2
      online_needs_survey: 3, // 1.5
      digital_transformation: 1, // 1
      project_count: { value: 12, peerAverage: 10 }, // 2
      project_funding: { value: 10, peerAverage: 10 }, // 0
      needs_survey_mechanism: { online_offline: true }, // 1
      proposal_mechanism: { proposals: true }, // 1
      consultation_mechanism: { tiered: false }, // 0
      supervision_mechanism: { supervision: true }, // 1
      evaluation_mechanism: { evaluation: true }, // 1
      consultation_results: 2, // 2
      brand: 1, // 1
      democratic_atmosphere: 0.7, // 2.1
      awareness: 0.655, // 6.55
      satisfaction: 0.8125, // 8.125
      belonging: 0.75, // 7.5
    }
    const result = evaluateIndex(CHANGNING_2022, inputs)
    expect(result.missing).toEqual([])
    expect(result.total).toBe(70.28) // 12 + 19.5 + 11.5 + 27.275 = 70.275 → 70.28
    const [party, participants, support, effectiveness] = result.children
    expect([party.points, participants.points, support.points, effectiveness.points]).toEqual([12, 19.5, 11.5, 27.28])
  })

  it('sums unrounded leaves and rounds once', () => {
    const expertLeaf = (id: string): IndexLeaf => ({ id, name: id, max: 1, rule: { kind: 'expert', measure: id } })
    const definition: IndexDefinition = {
      id: 'three',
      name: 'three',
      source: 'test',
      max: 3,
      children: [expertLeaf('a'), expertLeaf('b'), expertLeaf('c')],
    }
    const result = evaluateIndex(definition, { a: 0.335, b: 0.335, c: 0.335 })
    // Each leaf shows 0.34, but the total is 1.005 → 1.01, not 1.02.
    expect(leaves(result.children).map((leaf) => leaf.points)).toEqual([0.34, 0.34, 0.34])
    expect(result.total).toBe(1.01)
  })
})

import { CHANGNING_2022, INSTRUMENTS, validateIndexDefinition } from '../../src/scoring'
import type { IndexDefinition, IndexLeaf, IndexNode } from '../../types/scoring'

const isLeaf = (node: IndexNode): node is IndexLeaf => 'rule' in node
const allNodes = (nodes: IndexNode[]): IndexNode[] => nodes.flatMap((n) => [n, ...(isLeaf(n) ? [] : allNodes(n.children))])

describe('CHANGNING_2022', () => {
  const first = CHANGNING_2022.children
  const second = first.flatMap((node) => (isLeaf(node) ? [] : node.children))
  const third = second.flatMap((node) => (isLeaf(node) ? [] : node.children))

  it('has 4 first-level, 11 second-level and 28 third-level indicators, 100 points', () => {
    expect(first).toHaveLength(4)
    expect(second).toHaveLength(11)
    expect(third).toHaveLength(28)
    expect(third.every(isLeaf)).toBe(true)
    expect(first.some(isLeaf) || second.some(isLeaf)).toBe(false)
    expect(CHANGNING_2022.max).toBe(100)
    expect(first.map((node) => node.max)).toEqual([15, 25, 20, 40])
  })

  it("gives every parent a max equal to the sum of its children's", () => {
    const sum = (nodes: IndexNode[]) => nodes.reduce((total, node) => total + node.max, 0)
    expect(sum(first)).toBe(100)
    for (const node of allNodes(first)) {
      if (!isLeaf(node)) expect([node.id, sum(node.children)]).toEqual([node.id, node.max])
    }
  })

  it('is a sound definition: ASCII unique ids, rules that reach their maxima', () => {
    expect(validateIndexDefinition(CHANGNING_2022)).toEqual([])
    const ids = allNodes(first).map((node) => node.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('carries the Chinese names of the source table', () => {
    expect(first.map((node) => node.name)).toEqual(['党建引领', '参与主体', '保障支撑', '实践效能'])
    expect(third.map((node) => node.name)).toContain('居民区党组织凝聚力')
    expect(third.map((node) => node.name)).toContain('归属感')
  })

  it('feeds 38 points from the five questionnaires, each matching its instrument', () => {
    const surveyed = third.filter((node) => isLeaf(node) && node.rule.kind === 'questionnaire') as IndexLeaf[]
    expect(surveyed.reduce((total, node) => total + node.max, 0)).toBe(38)
    for (const node of surveyed) {
      if (node.rule.kind !== 'questionnaire') continue
      const instrument = INSTRUMENTS[node.rule.instrument as keyof typeof INSTRUMENTS]
      expect(instrument.maxPoints).toBe(node.max)
      expect(instrument.name).toBe(node.name)
    }
  })

  it('marks 协商平台 configurable and provisional', () => {
    const platform = third.find((node) => node.id === 'consultation_platform') as IndexLeaf
    expect(platform.rule).toMatchObject({ kind: 'configurable', configured: false })
  })

  it('lets validateIndexDefinition catch a broken table', () => {
    const broken: IndexDefinition = {
      id: 'broken',
      name: 'broken',
      source: 'test',
      max: 10,
      children: [
        { id: 'Bad-Id', name: 'x', max: 3, rule: { kind: 'checklist', items: [{ id: 'a', label: 'a', points: 1 }] } },
        { id: 'p', name: 'p', max: 5, children: [{ id: 'q', name: 'q', max: 2, rule: { kind: 'expert', measure: 'q' } }] },
      ],
    }
    expect(validateIndexDefinition(broken)).toEqual([
      'broken: max 10 but its parts add up to 8',
      'Bad-Id: id "Bad-Id" is not a lowercase ASCII id',
      'Bad-Id: max 3 but its rule gives at most 1',
      'p: max 5 but its parts add up to 2',
    ])
  })
})

describe('INSTRUMENTS', () => {
  const all = Object.entries(INSTRUMENTS)

  it('has the five instruments with their points', () => {
    expect(Object.fromEntries(all.map(([key, instrument]) => [key, instrument.maxPoints]))).toEqual({
      cohesion: 5,
      atmosphere: 3,
      awareness: 10,
      satisfaction: 10,
      belonging: 10,
    })
    for (const [key, instrument] of all) expect(instrument.id).toBe(key)
  })

  it('gives every item a stable ASCII id, unique across instruments', () => {
    const ids = all.flatMap(([, instrument]) => instrument.items.map((item) => item.id))
    expect(ids.every((id) => /^[a-z]+_\d+$/.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('labels every answer value so a survey can render the scale', () => {
    for (const [, instrument] of all) {
      for (const item of instrument.items) {
        expect(item.scale.labels).toHaveLength(item.scale.max - item.scale.min + 1)
        expect(item.text.length).toBeLessThanOrEqual(40) // short, for older residents
      }
    }
  })

  it('answers knowledge items 知道 (1) / 不知道 (0) / 不清楚 (dk)', () => {
    for (const item of INSTRUMENTS.awareness.items) {
      expect(item.kind).toBe('knowledge')
      expect(item.scale).toEqual({ min: 0, max: 1, labels: ['不知道', '知道'], dkLabel: '不清楚' })
    }
    expect(INSTRUMENTS.awareness.items.length).toBeGreaterThanOrEqual(5)
  })

  it('builds belonging on the BSCS: two items per dimension and a reverse-worded item', () => {
    const facets = INSTRUMENTS.belonging.items.filter((item) => !item.reverse).map((item) => item.facet)
    expect(facets).toEqual(['需求满足', '需求满足', '成员身份', '成员身份', '影响力', '影响力', '情感联结', '情感联结'])
    expect(INSTRUMENTS.belonging.items.some((item) => item.reverse)).toBe(true)
    expect(INSTRUMENTS.belonging.items[0].scale.labels[0]).toBe('非常不同意')
  })

  it('asks overall satisfaction and its facets', () => {
    expect(INSTRUMENTS.satisfaction.items.map((item) => item.facet)).toEqual([
      '总体',
      '居委会回应',
      '物业服务',
      '居住环境',
      '提案处理',
      '居务公开',
      '议事过程',
    ])
  })

  it('covers awareness, attitude and ability in the democratic atmosphere', () => {
    expect(new Set(INSTRUMENTS.atmosphere.items.map((item) => item.facet))).toEqual(new Set(['意识', '态度', '能力']))
  })
})

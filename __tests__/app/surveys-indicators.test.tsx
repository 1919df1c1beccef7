/**
 * The committee's side of surveys and the index: radar geometry (the points drawn for the scores), the
 * index tree's reading (sources, deltas, periods), the manual-input fields and how their values parse and
 * read, custom-question checks, the export file name, and one render of the radar.
 */
import './taro-h5'
import { createRoot } from './dom'
import { act } from 'react'
import type { RadarPoint } from '@yishi/types'
import { CHANGNING_2022 } from '@/scoring/changning2022'
import { clipPath, cssPosition, edges, radarGeometry, ratioOf } from '@/indicators/radar'
import {
  deltaText,
  draftFrom,
  formatInputValue,
  leafResults,
  manualFields,
  parseField,
  periodLabel,
  periodOptions,
  ruleText,
  sameValue,
  sourceName,
} from '@/indicators/tree'
import { alphaText, barWidth, cleanInput, closeDateToIso, isoToShanghaiDate, percent, questionProblem, splitLines, toInput } from '@/committee/surveys/labels'
import { filenameFromDisposition } from '@/committee/surveys/export'
import { buildingsUnder, servedNeighbourhoods } from '@/committee/surveys/units'
import { Radar } from '@/indicators/Radar'

const RADAR: RadarPoint[] = [
  { id: 'party_leadership', name: '党建引领', points: 15, max: 15 },
  { id: 'participants', name: '参与主体', points: 0, max: 25 },
  { id: 'support', name: '保障支撑', points: 10, max: 20 },
  { id: 'effectiveness', name: '实践效能', points: 20, max: 40 },
]

describe('radar geometry', () => {
  const g = radarGeometry(RADAR, null, { width: 100, height: 80, radius: 26, labelGap: 5 })

  it('puts the first axis straight up and the others clockwise, at equal angles', () => {
    expect(g.center).toEqual({ x: 50, y: 40 })
    expect(g.axes.map((a) => a.angle)).toEqual([-90, 0, 90, 180])
    expect(g.axes[0].end).toEqual({ x: 50, y: 14 })
    expect(g.axes[1].end).toEqual({ x: 76, y: 40 })
    expect(g.axes[2].end).toEqual({ x: 50, y: 66 })
    expect(g.axes[3].end).toEqual({ x: 24, y: 40 })
  })

  it('places each score at its share of the maximum along its axis', () => {
    // 15/15 at the rim, 0/25 at the centre, 10/20 and 20/40 half-way.
    expect(g.shape).toEqual([
      { x: 50, y: 14 },
      { x: 50, y: 40 },
      { x: 50, y: 53 },
      { x: 37, y: 40 },
    ])
    expect(g.axes.map((a) => a.ratio)).toEqual([1, 0, 0.5, 0.5])
    expect(ratioOf({ points: 12, max: 10 })).toBe(1)
    expect(ratioOf({ points: -1, max: 10 })).toBe(0)
    expect(ratioOf({ points: 3, max: 0 })).toBe(0)
  })

  it('draws guide rings at quarters, largest first, and the previous period when it matches', () => {
    expect(g.rings.map((r) => r.level)).toEqual([1, 0.75, 0.5, 0.25])
    expect(g.rings[2].points[1]).toEqual({ x: 63, y: 40 })
    expect(g.previous).toBeNull()
    const withPrev = radarGeometry(RADAR, RADAR.map((p) => ({ ...p, points: p.max / 4 })))
    expect(withPrev.previous).toHaveLength(4)
    expect(radarGeometry(RADAR, RADAR.slice(0, 2)).previous).toBeNull()
  })

  it('anchors labels away from the chart: above the top axis, left of the left one', () => {
    expect(g.axes[0].label).toMatchObject({ x: 50, y: 9, align: 'middle', valign: 'bottom' })
    expect(g.axes[1].label).toMatchObject({ x: 81, y: 40, align: 'start', valign: 'middle' })
    expect(g.axes[2].label).toMatchObject({ align: 'middle', valign: 'top' })
    expect(g.axes[3].label).toMatchObject({ x: 19, align: 'end' })
  })

  it('turns polygons into CSS: clip-path percentages of the box, and sides as rotated lines', () => {
    expect(clipPath(g.shape, 100, 80)).toBe('polygon(50% 17.5%, 50% 50%, 50% 66.25%, 37% 50%)')
    expect(cssPosition({ x: 37, y: 40 }, 100, 80)).toEqual({ left: '37%', top: '50%' })
    const sides = edges(g.rings[0].points)
    expect(sides).toHaveLength(4)
    expect(sides[0]).toEqual({ from: { x: 50, y: 14 }, length: 36.77, angle: 45 })
    expect(sides[3].angle).toBe(-45)
    expect(edges([{ x: 1, y: 1 }])).toEqual([])
  })
})

describe('reading the index', () => {
  it('names the source of each item, and says when data is missing', () => {
    expect(sourceName('questionnaire')).toBe('问卷')
    expect(sourceName('platform')).toBe('平台记录')
    expect(sourceName('manual')).toBe('手工录入')
    expect(sourceName(null)).toBe('缺数据')
  })

  it('writes changes with a sign, and 持平 for none', () => {
    expect(deltaText(1.5)).toBe('+1.5')
    expect(deltaText(-0.754)).toBe('−0.75')
    expect(deltaText(0.001)).toBe('持平')
  })

  it('offers this year and the two before, whole and by halves', () => {
    const options = periodOptions(2026)
    expect(options.slice(0, 3)).toEqual([
      { id: '2026', label: '2026年' },
      { id: '2026H2', label: '2026年下半年' },
      { id: '2026H1', label: '2026年上半年' },
    ])
    expect(options).toHaveLength(9)
    expect(periodLabel('2025H1')).toBe('2025年上半年')
  })

  it('walks every leaf of a result tree', () => {
    const tree = { children: [{ id: 'a', name: 'A', max: 5, points: 1, rawPoints: 1, children: [{ id: 'b', name: 'B', max: 5, points: 1, rawPoints: 1, kind: 'expert' as const, explanation: '', source: 'manual' as const, missing: false, missingParts: [], provisional: false }] }] }
    expect(leafResults(tree).map((l) => l.id)).toEqual(['b'])
  })
})

describe('manual inputs', () => {
  const fields = manualFields(CHANGNING_2022)
  const byKey = new Map(fields.map((f) => [f.key, f]))

  it('lists every leaf an admin can enter, parts of sum leaves one by one', () => {
    expect(byKey.get('member_registration')).toMatchObject({ name: '党员报到', max: 3, questionnaire: false })
    expect(byKey.get('consultation_platform.platform_committee')).toMatchObject({ name: '协商平台 · 评议小组打分', max: 2 })
    expect(byKey.get('autonomy_teams.teams_regular')?.rule.kind).toBe('bands')
    expect(byKey.get('belonging')?.questionnaire).toBe(true)
    expect(byKey.has('consultation_platform')).toBe(false)
    // 28 leaves, three of them sums of 2–3 parts.
    expect(fields).toHaveLength(28 - 3 + 2 + 3 + 2)
  })

  it('takes percentages as 0–100 and sends 0–1; checks the range', () => {
    const f = byKey.get('member_registration')!
    expect(parseField(f, { text: '86' })).toEqual({ value: 0.86 })
    expect(parseField(f, { text: '' })).toEqual({})
    expect(parseField(f, { text: '120' }).error).toBe('请填写 0–100 之间的百分数')
    expect(draftFrom(f.rule, 0.86)).toEqual({ text: '86' })
    expect(formatInputValue(f.rule, 0.86)).toBe('86%')
  })

  it('reads and parses the other rule kinds', () => {
    const funding = byKey.get('project_funding')!
    expect(parseField(funding, { text: '12', peer: '10.5' })).toEqual({ value: { value: 12, peerAverage: 10.5 } })
    expect(parseField(funding, { text: '12', peer: '' }).error).toContain('同类社区平均')
    expect(formatInputValue(funding.rule, { value: 12, peerAverage: 10.5 })).toBe('12 万元（同类平均 10.5 万元）')

    const venue = byKey.get('offline_venue')!
    expect(parseField(venue, { checks: { space: true, facilitators: null } })).toEqual({ value: { space: true } })
    expect(parseField(venue, { checks: {} })).toEqual({})
    expect(formatInputValue(venue.rule, { space: true, facilitators: false })).toContain('✗')
    expect(draftFrom(venue.rule, { space: true })).toEqual({ checks: { space: true, facilitators: null } })

    const brand = byKey.get('brand')!
    expect(parseField(brand, { text: '2' })).toEqual({ value: 2 })
    expect(parseField(brand, { text: '1.5' }).error).toContain('正整数')
    expect(ruleText(brand.rule, brand.max)).toContain('最多 4 分')

    const expert = byKey.get('five_social_linkage')!
    expect(parseField(expert, { text: '6' }).error).toBe('请填写 0–5 分')
    expect(formatInputValue(expert.rule, 3)).toBe('3 分')
    expect(formatInputValue(expert.rule, null)).toBe('（已清除）')
  })

  it('sends only what changed', () => {
    expect(sameValue(0.86, 0.86)).toBe(true)
    expect(sameValue(null, undefined)).toBe(true)
    expect(sameValue({ space: true }, { space: false })).toBe(false)
  })
})

describe('committee survey helpers', () => {
  it('formats rates, alpha and bars', () => {
    expect(percent(0.1234)).toBe('12.3%')
    expect(percent(null)).toBe('—')
    expect(alphaText(0.82)).toBe('回答是否前后一致（信度 α = 0.82）：一致性好')
    expect(alphaText(0.6)).toContain('偏低')
    expect(alphaText(null)).toContain('无法计算')
    expect(barWidth(0)).toBe('0%')
    expect(barWidth(0.001)).toBe('1.5%')
    expect(barWidth(0.5)).toBe('50%')
  })

  it('checks a custom question like the server does', () => {
    expect(questionProblem({ type: 'single', text: '  ', options: ['a', 'b'] })).toBe('请填写题目')
    expect(questionProblem({ type: 'single', text: '加装电梯？', options: ['支持'] })).toContain('至少需要 2 个选项')
    expect(questionProblem({ type: 'multiple', text: '改善什么？', options: ['停车', '停车'] })).toBe('有重复的选项')
    expect(questionProblem({ type: 'multiple', text: '改善什么？', options: ['停车', '绿化'], maxChoices: 3 })).toContain('1–2')
    expect(questionProblem({ type: 'likert', text: '满意吗？', labels: ['满意'] })).toContain('2–11')
    expect(questionProblem({ type: 'rating', text: '打个分' })).toBeNull()
    expect(splitLines(' 支持 \n\n不支持\r\n')).toEqual(['支持', '不支持'])
    expect(cleanInput({ type: 'likert', text: ' 满意吗？ ', labels: [' 不满意', '满意 ', ''], dkLabel: ' ' })).toEqual({
      type: 'likert',
      text: '满意吗？',
      required: true,
      labels: ['不满意', '满意'],
    })
    expect(toInput({ id: 'c2', type: 'multiple', text: '选', required: true, options: ['a', 'b'], maxChoices: 1 })).toEqual({
      id: 'c2',
      type: 'multiple',
      text: '选',
      required: true,
      options: ['a', 'b'],
      maxChoices: 1,
    })
  })

  it('turns a picked close date into the end of that day in Shanghai, and back', () => {
    expect(closeDateToIso('2030-03-20')).toBe('2030-03-20T15:59:59.000Z')
    expect(isoToShanghaiDate('2030-03-20T15:59:59.000Z')).toBe('2030-03-20')
    expect(isoToShanghaiDate(null)).toBeNull()
  })

  it('reads the export file name from Content-Disposition', () => {
    const h = `attachment; filename="index-2-2026.xlsx"; filename*=UTF-8''${encodeURIComponent('评估指标-梧桐居民区-2026年.xlsx')}`
    expect(filenameFromDisposition(h)).toBe('评估指标-梧桐居民区-2026年.xlsx')
    expect(filenameFromDisposition('attachment; filename="survey-3.csv"')).toBe('survey-3.csv')
    expect(filenameFromDisposition(null)).toBeNull()
  })

  it('finds the 居民区 a person serves and the 楼组 under a unit', () => {
    const b = (id: number, name: string, parentId: number) => ({ id, parentId, level: 'building' as const, name, housingType: null, households: 30, verifiedHouseholds: 0, children: [] })
    const estate = { id: 3, parentId: 2, level: 'estate' as const, name: '梧桐新村', housingType: null, households: 0, verifiedHouseholds: 0, children: [b(4, '1号楼', 3), b(5, '2号楼', 3)] }
    const nb = { id: 2, parentId: 1, level: 'neighbourhood' as const, name: '梧桐居民区', housingType: null, households: 0, verifiedHouseholds: 0, children: [estate] }
    const tree = [{ id: 1, parentId: null, level: 'street' as const, name: '街道', housingType: null, households: 0, verifiedHouseholds: 0, children: [nb] }]
    const me = (role: 'admin' | 'moderator', unitId: number) => ({ id: 9, label: '', roles: [{ role, unitId, unitName: '', unitLevel: 'street' as const }], residence: null, verified: false, privacyAcceptedAt: null })
    expect(servedNeighbourhoods(me('admin', 1), tree).map((n) => n.name)).toEqual(['梧桐居民区'])
    expect(servedNeighbourhoods(me('moderator', 2), tree).map((n) => n.id)).toEqual([2])
    expect(buildingsUnder(nb, tree)).toEqual([
      { id: 4, name: '1号楼', estateName: '梧桐新村' },
      { id: 5, name: '2号楼', estateName: '梧桐新村' },
    ])
  })
})


describe('the radar on screen', () => {
  it('draws four labelled axes, the current shape and the previous outline', () => {
    const container = document.createElement('div')
    document.body.appendChild(container)
    const root = createRoot(container)
    act(() => root.render(<Radar points={RADAR} previous={RADAR.map((p) => ({ ...p, points: p.max / 2 }))} previousLabel='2025年' />))
    const labels = [...container.querySelectorAll('.radar__label')].map((l) => l.textContent)
    expect(labels).toEqual(['党建引领15/15', '参与主体0/25', '保障支撑10/20', '实践效能20/40'])
    expect(container.querySelectorAll('.radar__axis')).toHaveLength(4)
    expect(container.querySelectorAll('.radar__dot')).toHaveLength(4)
    expect(container.querySelectorAll('.radar__edge--previous')).toHaveLength(4)
    const current = container.querySelector('.radar__current') as HTMLElement
    expect(current.getAttribute('style')).toContain('polygon(')
    expect(container.textContent).toContain('2025年')
    act(() => root.unmount())
    container.remove()
  })
})

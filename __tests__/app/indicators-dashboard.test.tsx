/**
 * The index dashboard: first-level cards start closed with a summary line, changes are not shown against
 * a period that had no data, and the 街镇 admin's table puts every 居民区 side by side.
 */
import './taro-h5'
import './page-hooks'
import { act } from 'react'
import type { IndexComparison, IndexReport } from '@yishi/types'
import type { IndexParentResult } from '@yishi/types/scoring'
import { CHANGNING_2022, evaluateIndex } from '@/scoring'
import { FirstLevelCard, firstLevelSummary } from '@/indicators/IndexTree'
import { leafResults, shownDeltas } from '@/indicators/tree'
import { Comparison } from '@/committee/indicators/Comparison'
import { fakeServer } from './fake-server'
import { setUpScreen } from './screen'

const screen = setUpScreen()
const text = () => screen.container.textContent ?? ''

// Nothing entered: every leaf is missing and scores 0.
const empty = evaluateIndex(CHANGNING_2022, {})
const firstLeaf = leafResults(empty)[0]

function report(previousMissing: string[]): IndexReport {
  const first = empty.children[0] as IndexParentResult
  return {
    result: empty,
    previous: { period: { id: '2025', label: '2025年', start: '', end: '' }, result: { ...empty, missing: previousMissing }, radar: [] },
    deltas: [
      { id: empty.id, name: '总分', depth: 0, points: 40, previousPoints: 2.33, delta: 37.67 },
      { id: first.id, name: first.name, depth: 1, points: 5, previousPoints: 4, delta: 1 },
      { id: firstLeaf.id, name: firstLeaf.name, depth: 3, points: 1, previousPoints: 0, delta: 1 },
    ],
    provenance: {},
  } as unknown as IndexReport
}

test('a change is not shown against a period with no data under it', () => {
  const all = leafResults(empty).map((l) => l.id)
  // 2025 had nothing at all: no comparison anywhere.
  const none = shownDeltas(report(all))
  expect(none.get(empty.id)).toEqual({ gap: '2025年缺数据' })
  expect(none.get(firstLeaf.id)).toEqual({ gap: '2025年缺数据' })
  // 2025 lacked one leaf: that leaf and the nodes above it say so, the others compare.
  const one = shownDeltas(report([firstLeaf.id]))
  expect(one.get(empty.id)).toEqual({ gap: '2025年部分缺数据' })
  expect(one.get(firstLeaf.id)).toEqual({ gap: '2025年缺数据' })
  // 2025 complete: the changes as they are.
  const full = shownDeltas(report([]))
  expect(full.get(empty.id)).toEqual({ delta: 37.67 })
})

test('a first-level card starts closed with a summary line, and opens to its leaves', async () => {
  const node = empty.children[0] as IndexParentResult
  const leaves = leafResults(node)
  expect(firstLevelSummary(node)).toContain(`${leaves.length} 项三级指标`)
  expect(firstLevelSummary(node)).toContain(`缺数据 ${leaves.length} 项`)
  await act(async () => screen.root.render(<FirstLevelCard node={node} report={report([])} deltas={shownDeltas(report([]))} />))
  expect(text()).toContain(firstLevelSummary(node))
  expect(screen.container.querySelector(`#leaf-${leaves[0].id}`)).toBeNull()
  await screen.tap('.btn', '展开明细')
  expect(screen.container.querySelector(`#leaf-${leaves[0].id}`)).not.toBeNull()
  await screen.tap('.btn', '收起明细')
  expect(screen.container.querySelector(`#leaf-${leaves[0].id}`)).toBeNull()
})

test('the 街镇 table shows every 居民区 side by side from one request, marking what lacks data', async () => {
  const table: IndexComparison = {
    street: { id: 1, name: '长宁示范街道' },
    period: { id: '2026', label: '2026年', start: '', end: '' },
    items: [
      { id: 'total', name: '总分', depth: 0, max: 100 },
      { id: 'a', name: '党建引领', depth: 1, max: 25 },
      { id: 'a1', name: '组织建设', depth: 2, max: 10 },
    ],
    neighbourhoods: [
      { id: 2, name: '梧桐居民区', cells: [{ points: 71.5, missing: 0 }, { points: 20, missing: 0 }, { points: 8, missing: 0 }] },
      { id: 3, name: '香樟居民区', cells: [{ points: 40.25, missing: 3 }, { points: 12, missing: 1 }, { points: 4, missing: 1 }] },
    ],
  }
  const server = fakeServer({ 'GET /api/indicators/compare': () => table })
  await act(async () => screen.root.render(<Comparison period='2026' />))
  expect(server.calls.filter((c) => c.path === '/api/indicators/compare')).toHaveLength(1)
  expect(text()).toContain('梧桐居民区')
  expect(text()).toContain('香樟居民区')
  expect(text()).toContain('71.5')
  expect(text()).toContain('40.25 缺')
  expect(text()).not.toContain('组织建设')
  await screen.tap('.btn', '也看二级指标')
  expect(text()).toContain('组织建设（10）')
})

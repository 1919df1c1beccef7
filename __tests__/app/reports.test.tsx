/**
 * 工作台账 in the app: the committee sees its 居民区's 台账 for the chosen period, and the download paths
 * and figures read as the server's files do.
 */
import './taro-h5'
import './page-hooks'
import { act } from 'react'
import type { Ledger } from '@yishi/types'
import { ledgerPeriodsOf } from '@yishi/types'
import { fakeServer } from './fake-server'
import { setUpScreen } from './screen'
import ReportsPage from '@/committee/reports/index'
import { figureText, ledgerDownloadPath } from '@/reports/api'

const screen = setUpScreen()

const LEDGER: Ledger = {
  unit: { id: 2, name: '梧桐居民区' },
  period: { id: '2026', kind: 'year', label: '2026年', start: '2026-01-01', end: '2026-12-31' },
  asOf: '2026-12-31T16:00:00.000Z',
  meetings: {
    counts: [
      { kind: 'hearing', name: '听证会', count: 2, attendance: 48 },
      { kind: 'representatives', name: '居民代表会议', count: 1, attendance: 30 },
    ],
    list: [],
  },
  proposals: {
    stages: [
      { stage: 'raised', name: '提出', count: 7, medianDays: null, from: null },
      { stage: 'decided', name: '决定', count: 3, medianDays: 27.5, from: '提出' },
    ],
    list: [],
    overdue: [
      {
        id: 9,
        title: '车棚照明',
        state: 'screening',
        stateName: '待审核',
        raisedAt: '2026-09-01T02:00:00.000Z',
        decidedAt: null,
        decision: null,
        implementedAt: null,
        evaluatedAt: null,
        daysOverdue: 110,
        deadlineAt: '2026-09-12T02:00:00.000Z',
      },
    ],
  },
  participation: {
    households: 470,
    verifiedHouseholds: 20,
    verifiedRate: 0.0426,
    cosigns: 35,
    cosignThresholdsReached: 2,
    votes: [],
    voteTurnout: null,
    posts: 11,
    topicsWithPosts: 3,
    surveys: [],
    surveyResponseRate: 0.128,
  },
  money: {
    lines: [{ source: 'project', sourceName: '提案项目', ref: { kind: 'proposal', id: 1 }, title: '雨棚更新', planned: 12000, spent: 9000.5, spentInPeriod: 9000.5, reportedAt: '2026-06-15T02:00:00.000Z' }],
    planned: 12000,
    spent: 9000.5,
    spentInPeriod: 9000.5,
  },
  index: { period: { id: '2026', label: '2026年', start: '2026-01-01', end: '2026-12-31' }, name: '长宁', total: 62.91, max: 100, missing: 0, provisional: 0, radar: [], items: [] },
}

test('shows the 台账 of the committee 居民区 for the chosen period, with both downloads', async () => {
  const server = fakeServer({ 'GET /api/reports': () => LEDGER })
  await act(async () => screen.root.render(<ReportsPage />))
  expect(server.calls.map((c) => c.path)).toEqual(['/api/reports'])
  const text = screen.container.textContent
  for (const shown of ['梧桐居民区 · 2026年', '数据截至 2026-12-31', '听证会', '2 次 · 48 人次', '中位 27.5 天', '车棚照明（待审核，超期 110 天）', '20 / 470 户 · 4.3%', '9,000.50 元', '62.91 / 100']) {
    expect(text).toContain(shown)
  }
  expect(screen.find('.btn', '下载 Excel')).toBeTruthy()
  expect(screen.find('.btn', '下载 PDF')).toBeTruthy()
})

test('asks for a 居民区 or a 街镇 file, and offers every period of two years', () => {
  expect(ledgerDownloadPath({ unitId: 2, period: '2026-Q3', street: false }, 'pdf')).toBe('/api/reports/download?unitId=2&period=2026-Q3&format=pdf')
  expect(ledgerDownloadPath({ unitId: 1, period: '2026', street: true }, 'xlsx')).toBe('/api/reports/street/download?unitId=1&period=2026&format=xlsx')
  expect(figureText(null, 'rate')).toBe('—')
  expect(figureText(0.375, 'rate')).toBe('37.5%')
  expect(figureText(1234.5, 'yuan')).toBe('1,234.50 元')
  expect(ledgerPeriodsOf(2026).map((p) => p.label).slice(0, 4)).toEqual(['2026年', '2026年上半年', '2026年下半年', '2026年第一季度'])
})

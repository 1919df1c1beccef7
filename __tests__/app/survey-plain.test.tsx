/** A survey's results open with a plain sentence, before any statistic. */
import './taro-h5'
import './page-hooks'
import { act } from 'react'
import type { InstrumentResult, OptionCount, QuestionResult, SurveyResults } from '@yishi/types'
import { SurveyResultsView } from '@/committee/surveys/Results'
import { plainSentence, satisfiedShare } from '@/committee/surveys/plain'
import { setUpScreen } from './screen'

const screen = setUpScreen()

const LABELS = ['非常不满意', '不太满意', '一般', '比较满意', '非常满意']
const overall = (counts: number[], dk = 0): QuestionResult => {
  const answered = counts.reduce((a, b) => a + b, 0) + dk
  const distribution: OptionCount[] = counts.map((count, i) => ({ value: i + 1, label: LABELS[i], count, share: count / answered }))
  if (dk) distribution.push({ value: 'dk', label: '说不清', count: dk, share: dk / answered })
  return { questionId: 'sat_1', text: '总的来说，您对小区的管理和服务满意吗？', type: 'likert', instrumentId: 'satisfaction', answered, suppressed: false, distribution }
}

const base = {
  surveyId: 7,
  title: '2026年年度居民感受调查',
  unit: { id: 2, name: '梧桐居民区', level: 'neighbourhood' },
  responses: { total: 312, app: 312, paper: 0, paperShare: 0 },
  paper: { paperShare: 0, committeePaperShare: 0, uncheckedPaper: 0, confirmedAt: null, heldReason: null },
  eligible: { verifiedResidents: 400, verifiedHouseholds: 350, households: 900 },
  responseRate: 0.78,
  minCellSize: 10,
  available: true,
  instruments: [],
  responseNote: null,
} as unknown as SurveyResults

test('the share satisfied counts the top two points among those with a view, with a Wilson range', () => {
  // 240 of the 292 with a view satisfied (82%); the 20 说不清 are left out of the base.
  const s = satisfiedShare([overall([6, 14, 32, 110, 130], 20)])!
  expect(s.n).toBe(292)
  expect(s.share).toBeCloseTo(240 / 292, 6)
  // Wilson's 95% interval for 240/292: 0.7739–0.8615.
  expect(s.low).toBeCloseTo(0.7739, 4)
  expect(s.high).toBeCloseTo(0.8615, 4)
  expect(Math.round(s.low * 100)).toBe(77)
  expect(Math.round(s.high * 100)).toBe(86)
  expect(satisfiedShare([{ ...overall([1, 1, 1, 1, 1]), suppressed: true }])).toBeNull()
  expect(satisfiedShare([])).toBeNull()
})

test('the sentence says how many answered and how many are satisfied, and stays plain without either', () => {
  expect(plainSentence({ ...base, questions: [overall([6, 14, 32, 110, 130], 20)] })).toBe(
    '共 312 人作答，约 82% 的居民对小区的管理和服务满意（可能在 77%–86% 之间）。',
  )
  expect(plainSentence({ ...base, responses: { ...base.responses, total: 0 }, questions: [] })).toBe('还没有人作答。')
  expect(plainSentence({ ...base, available: false, questions: [] })).toBe('共 312 人作答，问卷结束后才能看到统计。')
  const belonging = {
    instrumentId: 'belonging',
    name: '归属感',
    score: { points: 7.4, maxPoints: 10, interval: { score: [0.7, 0.78], points: [7, 7.8] } },
  } as unknown as InstrumentResult
  expect(plainSentence({ ...base, questions: [], instruments: [belonging] })).toBe('共 312 人作答，归属感得 7.4 分，满分 10 分（可能在 7–7.8 分之间）。')
})

test('the results open with the sentence, before the statistics', async () => {
  await act(async () => screen.root.render(<SurveyResultsView results={{ ...base, questions: [overall([6, 14, 32, 110, 130], 20)] }} />))
  const text = screen.container.textContent ?? ''
  const sentence = text.indexOf('约 82% 的居民对小区的管理和服务满意')
  expect(sentence).toBeGreaterThanOrEqual(0)
  expect(sentence).toBeLessThan(text.indexOf('回收情况'))
  expect(sentence).toBeLessThan(text.indexOf('每道题的回答'))
})

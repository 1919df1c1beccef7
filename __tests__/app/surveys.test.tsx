/**
 * 问卷 in the app: the answer draft that survives closing the app (with its submit key), screens and
 * progress in normal and 大字模式, length and closing time, the payload sent, readable refusals, the
 * public summary's wording, and one render of a question.
 */
import './taro-h5'
import { createRoot } from './dom'
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import { act } from 'react'
import type { SurveyQuestion } from '@yishi/types'
import { INSTRUMENTS } from '@/scoring/instruments'
import { ApiRequestError } from '@/shared/request'
import { createSurveyDraftStore, draftKey, hasAnswers, SURVEY_DRAFTS_STORAGE_KEY } from '@/surveys/draft'
import {
  answeredCount,
  answerText,
  cannotAnswerReason,
  closingText,
  firstMissing,
  isAnswered,
  lengthText,
  minutesText,
  progressShare,
  progressText,
  refusalOf,
  screenOf,
  screensFor,
  toggleOption,
  toSubmitAnswers,
} from '@/surveys/logic'
import { scoreChangeText, scoreStatusNote } from '@/surveys/summary'
import { QuestionView } from '@/surveys/QuestionView'

// The annual survey as the server builds it: the five questionnaires' items as Likert questions.
const ANNUAL = (['awareness', 'satisfaction', 'belonging', 'cohesion', 'atmosphere'] as const).flatMap((id) =>
  INSTRUMENTS[id].items.map((item): SurveyQuestion => ({ id: item.id, type: 'likert', text: item.text, required: true, instrumentId: id, scale: item.scale })),
)
const CUSTOM: SurveyQuestion[] = [
  { id: 'c1', type: 'single', text: '您家是否支持本楼加装电梯？', required: true, options: ['支持', '不支持', '看费用再定'] },
  { id: 'c2', type: 'multiple', text: '您最希望改善哪些方面？', required: true, options: ['停车', '绿化', '楼道环境', '健身设施'], maxChoices: 2 },
  { id: 'c3', type: 'rating', text: '给居住环境打个分', required: true, min: 1, max: 10 },
  { id: 'c4', type: 'text', text: '还有什么想说的？', required: false, maxLength: 200 },
]

test('检查并提交 says each answer in words, and 未回答 where there is none', () => {
  const [single, multiple, rating, text] = CUSTOM
  const likert = ANNUAL[0]
  expect(answerText(single, 2)).toBe('看费用再定')
  expect(answerText(multiple, [0, 3])).toBe('停车、健身设施')
  expect(answerText(rating, 8)).toBe('8 分')
  expect(answerText(text, '  楼道灯坏了 ')).toBe('楼道灯坏了')
  expect(answerText(likert, likert.type === 'likert' ? likert.scale.min : 0)).toBe(likert.type === 'likert' ? likert.scale.labels[0] : '')
  expect(answerText(text, '  ')).toBe('未回答')
  expect(answerText(multiple, [])).toBe('未回答')
  expect(answerText(single, undefined)).toBe('未回答')
})

describe('the answer draft', () => {
  beforeEach(() => Taro.clearStorageSync())

  it('survives closing the app: a new store (as after a restart) restores the answers and the place', () => {
    const key = draftKey(7, 12)
    const first = createSurveyDraftStore()
    first.getState().setAnswer(key, 'awa_1', 1)
    first.getState().setAnswer(key, 'awa_2', 'dk')
    first.getState().setAnswer(key, 'c2', [0, 2])
    first.getState().setAt(key, 2)
    expect(Taro.getStorageSync(SURVEY_DRAFTS_STORAGE_KEY)).toBeTruthy()

    const reopened = createSurveyDraftStore()
    expect(reopened.getState().drafts[key]).toMatchObject({ answers: { awa_1: 1, awa_2: 'dk', c2: [0, 2] }, at: 2 })
    expect(hasAnswers(reopened.getState().drafts[key])).toBe(true)
  })

  it('keeps drafts apart per survey and per person on a shared phone', () => {
    const store = createSurveyDraftStore()
    store.getState().setAnswer(draftKey(7, 12), 'bel_1', 5)
    store.getState().setAnswer(draftKey(8, 12), 'bel_1', 2)
    store.getState().setAnswer(draftKey(7, 13), 'c1', 0)
    const drafts = createSurveyDraftStore().getState().drafts
    expect(drafts['7:12'].answers).toEqual({ bel_1: 5 })
    expect(drafts['8:12'].answers).toEqual({ bel_1: 2 })
    expect(drafts['7:13'].answers).toEqual({ c1: 0 })
  })

  it('keeps one submit key for unchanged answers, across a restart, and a new one when an answer changes', () => {
    const key = draftKey(7, 12)
    const store = createSurveyDraftStore()
    store.getState().setAnswer(key, 'c1', 2)
    const payload = toSubmitAnswers(CUSTOM, store.getState().drafts[key].answers)
    const submitKey = store.getState().keyFor(key, payload)
    expect(submitKey).toMatch(/^[0-9a-f-]{36}$/)
    expect(store.getState().keyFor(key, payload)).toBe(submitKey)
    // The app was closed after the first attempt: the retry replays with the same key.
    expect(createSurveyDraftStore().getState().keyFor(key, payload)).toBe(submitKey)

    store.getState().setAnswer(key, 'c1', 0)
    expect(store.getState().keyFor(key, toSubmitAnswers(CUSTOM, store.getState().drafts[key].answers))).not.toBe(submitKey)
  })

  it('is emptied after a successful submit, also for the next launch', () => {
    const key = draftKey(7, 12)
    const store = createSurveyDraftStore()
    store.getState().setAnswer(key, 'c1', 1)
    store.getState().keyFor(key, toSubmitAnswers(CUSTOM, store.getState().drafts[key].answers))
    store.getState().clear(key)
    expect(createSurveyDraftStore().getState().drafts[key]).toBeUndefined()
    expect(hasAnswers(undefined)).toBe(false)
  })

  it('forgets drafts untouched for months when another one is written', () => {
    Taro.setStorageSync(
      SURVEY_DRAFTS_STORAGE_KEY,
      JSON.stringify({ state: { drafts: { '7:1': { answers: { c1: 0 }, at: 0, submitKey: null, submitKeyFor: null, savedAt: '2020-01-01T00:00:00.000Z' } } }, version: 1 }),
    )
    const store = createSurveyDraftStore()
    expect(store.getState().drafts['7:1']).toBeDefined()
    store.getState().setAnswer('7:2', 'c1', 1)
    expect(Object.keys(store.getState().drafts)).toEqual(['7:2'])
  })
})

describe('screens and progress', () => {
  it('shows one question a screen in 大字模式, with "第 3 题 / 共 37 题"', () => {
    const screens = screensFor(ANNUAL, true)
    expect(ANNUAL).toHaveLength(37)
    expect(screens).toHaveLength(37)
    expect(screens.every((s) => s.length === 1)).toBe(true)
    expect(progressText(screens[2], ANNUAL.length)).toBe('第 3 题 / 共 37 题')
    expect(progressShare(screens[36], 37)).toBe(1)
    expect(progressShare(screens[0], 37)).toBeCloseTo(1 / 37)
  })

  it('groups up to three questions of one questionnaire a screen in normal mode, text questions alone', () => {
    const screens = screensFor(ANNUAL, false)
    // 7 + 7 + 9 + 7 + 7 items: 3 + 3 + 3 + 3 + 3 screens, never mixing two questionnaires.
    expect(screens).toHaveLength(15)
    for (const s of screens) {
      expect(s.length).toBeLessThanOrEqual(3)
      expect(new Set(s.map((i) => ANNUAL[i].instrumentId)).size).toBe(1)
    }
    expect(screens.flat()).toEqual(ANNUAL.map((_, i) => i))
    expect(progressText(screens[1], 37)).toBe('第 4–6 题 / 共 37 题')

    const mixed = screensFor(CUSTOM, false)
    expect(mixed).toEqual([[0, 1, 2], [3]])
    expect(progressText([], 4)).toBe('共 4 题')
  })

  it('finds the screen of a question, after a switch of mode too', () => {
    const normal = screensFor(ANNUAL, false)
    expect(screenOf(normal, 4)).toBe(1)
    expect(screenOf(screensFor(ANNUAL, true), 4)).toBe(4)
    expect(screenOf(normal, 99)).toBe(0)
  })

  it('says how long a survey takes and when it closes, as a resident would', () => {
    expect(minutesText(5)).toBe('约 5 分钟')
    expect(minutesText(0)).toBe('约 1 分钟')
    expect(lengthText({ questionCount: 37, estimatedMinutes: 5 })).toBe('共 37 题，约 5 分钟')
    // In the phone's own time zone, whatever the machine running the tests uses.
    const now = dayjs('2030-03-02T10:00:00')
    const at = (d: string) => dayjs(d).toISOString()
    expect(closingText(null, now)).toBe('长期开放')
    expect(closingText(at('2030-03-02T18:00:00'), now)).toBe('今天 18:00 截止')
    expect(closingText(at('2030-03-03T18:00:00'), now)).toBe('明天 18:00 截止')
    expect(closingText(at('2030-03-20T18:00:00'), now)).toBe('3月20日 18:00 截止')
    expect(closingText(at('2030-03-01T18:00:00'), now)).toMatch(/^已于 .*截止$/)
  })
})

describe('answers', () => {
  it('counts 不清楚 as an answer only where the question offers it', () => {
    const awa = ANNUAL.find((q) => q.id === 'awa_1')!
    const bel = ANNUAL.find((q) => q.id === 'bel_1')!
    expect(isAnswered(awa, 'dk')).toBe(true)
    expect(isAnswered(bel, 'dk')).toBe(false)
    expect(isAnswered(awa, 0)).toBe(true)
    expect(isAnswered(CUSTOM[1], [])).toBe(false)
    expect(isAnswered(CUSTOM[3], '   ')).toBe(false)
    expect(isAnswered(CUSTOM[2], null)).toBe(false)
  })

  it('toggles multiple choices within the limit', () => {
    expect(toggleOption(undefined, 2, 2)).toEqual([2])
    expect(toggleOption([2], 0, 2)).toEqual([0, 2])
    expect(toggleOption([0, 2], 3, 2)).toBeNull()
    expect(toggleOption([0, 2], 2, 2)).toEqual([0])
  })

  it('sends every question once, in order, optional ones left empty as null, text trimmed', () => {
    const answers = { c3: 8, c1: 2, c2: [3, 0], c4: '  多装路灯 ' }
    expect(toSubmitAnswers(CUSTOM, answers)).toEqual([
      { questionId: 'c1', value: 2 },
      { questionId: 'c2', value: [0, 3] },
      { questionId: 'c3', value: 8 },
      { questionId: 'c4', value: '多装路灯' },
    ])
    expect(toSubmitAnswers(CUSTOM, { ...answers, c4: '' })[3]).toEqual({ questionId: 'c4', value: null })
    expect(firstMissing(CUSTOM, { c1: 0 })).toBe(1)
    expect(firstMissing(CUSTOM, answers)).toBe(-1)
    expect(answeredCount(CUSTOM, { c1: 0, c2: [], c4: 'x' })).toBe(2)
  })
})

describe('refusals', () => {
  it('reads the server refusals as plain sentences', () => {
    expect(refusalOf(new ApiRequestError(409, 'already_responded', '您已经填写过这份问卷了')).kind).toBe('submitted')
    expect(refusalOf(new ApiRequestError(403, 'not_verified', '完成住址认证后才能填写问卷'))).toMatchObject({ kind: 'verify', title: '请先认证住址' })
    expect(refusalOf(new ApiRequestError(403, 'not_eligible', '这份问卷只面向3号楼的居民'))).toMatchObject({ kind: 'ineligible', text: '这份问卷只面向3号楼的居民' })
    expect(refusalOf(new ApiRequestError(409, 'survey_not_open', '问卷已经截止了'))).toMatchObject({ kind: 'closed', text: '问卷已经截止了' })
    expect(refusalOf(new ApiRequestError(400, 'invalid_input', '第 3 题还没有回答', 'answers.bel_1'))).toMatchObject({ kind: 'invalid', questionId: 'bel_1' })
    expect(refusalOf(new ApiRequestError(400, 'invalid_input', '格式不对', 'answers.0.questionId')).questionId).toBeUndefined()
  })

  it('tells the resident a failed network keeps the answers and will not count twice', () => {
    const r = refusalOf(new ApiRequestError(0, 'network_error', '网络不给力，请稍后重试'))
    expect(r.kind).toBe('retry')
    expect(r.text).toContain('已经保存在手机上')
    expect(r.text).toContain('不会重复计算')
    expect(refusalOf(new Error('boom')).kind).toBe('retry')
  })

  it('says why a listed survey cannot be answered', () => {
    expect(cannotAnswerReason({ status: 'open', canAnswer: true, answered: false }, true)).toBeNull()
    expect(cannotAnswerReason({ status: 'open', canAnswer: false, answered: true }, true)).toBeNull()
    expect(cannotAnswerReason({ status: 'open', canAnswer: false, answered: false }, false)).toBe('认证住址后才能填写')
    expect(cannotAnswerReason({ status: 'closed', canAnswer: false, answered: false }, true)).toBe('问卷已经截止')
    expect(cannotAnswerReason({ status: 'scheduled', canAnswer: false, answered: false }, true)).toBe('问卷还没有开始')
  })
})

describe('the public summary', () => {
  it('compares with the previous wave and explains a thin sample', () => {
    expect(scoreChangeText({ points: 7.25, previousPoints: 6.5 })).toBe('比上一轮提高 0.75 分（上一轮 6.5 分）')
    expect(scoreChangeText({ points: 6, previousPoints: 6.4 })).toBe('比上一轮降低 0.4 分（上一轮 6.4 分）')
    expect(scoreChangeText({ points: 6, previousPoints: 6 })).toBe('和上一轮持平（6 分）')
    expect(scoreChangeText({ points: null, previousPoints: 6 })).toBeNull()
    expect(scoreStatusNote({ status: 'suppressed', n: 4 })).toContain('不显示分数')
    expect(scoreStatusNote({ status: 'insufficient_sample', n: 30 })).toContain('仅供参考')
    expect(scoreStatusNote({ status: 'ok', n: 60 })).toBeNull()
  })
})


describe('a question on screen', () => {
  it('offers every scale label and 不清楚 as big buttons, marks the picked one and reports taps', () => {
    const q = ANNUAL.find((x) => x.id === 'awa_2')!
    const picked: unknown[] = []
    const container = document.createElement('div')
    document.body.appendChild(container)
    const root = createRoot(container)
    act(() => root.render(<QuestionView question={q} number={2} value='dk' onChange={(v) => picked.push(v)} />))
    const text = container.textContent ?? ''
    expect(text).toContain('第 2 题')
    expect(text).toContain(q.text)
    const options = [...container.querySelectorAll('.sv-option')]
    expect(options.map((o) => o.querySelector('.sv-option__label')?.textContent)).toEqual(['不知道', '知道', '不清楚'])
    expect(options[2].className).toContain('choice--selected')
    expect(options[0].className).not.toContain('choice--selected')
    act(() => (options[1] as HTMLElement).click())
    expect(picked).toEqual([1])

    act(() => root.render(<QuestionView question={CUSTOM[2]} number={3} value={7} onChange={(v) => picked.push(v)} />))
    const tiles = [...container.querySelectorAll('.sv-rating .tile')]
    expect(tiles.map((t) => t.textContent)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
    expect(tiles[6].className).toContain('tile--selected')
    act(() => root.unmount())
    container.remove()
  })
})

import { INSTRUMENTS } from '../../src/scoring'
import type { SurveyQuestion } from '../../types'
import { AppError } from '../../server/core/errors'
import {
  buildCustomQuestions,
  estimatedMinutes,
  instrumentQuestions,
  normaliseInstruments,
  questionResult,
  surveyStatus,
  templateFor,
  validateAnswers,
} from '../../server/surveys/rules'
import { toCsv } from '../../server/surveys/tabular'
import { shanghaiDay as shanghaiDate } from '../../types/time'
import { parseCsv } from './support'

const refusal = (fn: () => unknown): { field?: string; message: string } => {
  try {
    fn()
  } catch (err) {
    if (err instanceof AppError) return { field: err.field, message: err.message }
    throw err
  }
  throw new Error('not refused')
}

describe('survey rules', () => {
  const custom = buildCustomQuestions(
    [
      { type: 'single', text: '住了多久？', options: ['不到3年', '3–10年', '10年以上'] },
      { type: 'multiple', text: '想改善什么？', options: ['停车', '绿化', '楼道', '健身'], maxChoices: 2 },
      { type: 'likert', text: '电梯方案满意吗？', labels: ['不满意', '一般', '满意'], dkLabel: '不清楚' },
      { type: 'rating', text: '打分' },
      { type: 'text', text: '建议', maxLength: 10 },
    ],
    [],
  )

  it('numbers custom questions and fills their defaults', () => {
    expect(custom.map((q) => [q.id, q.type, q.required])).toEqual([
      ['c1', 'single', true],
      ['c2', 'multiple', true],
      ['c3', 'likert', true],
      ['c4', 'rating', true],
      ['c5', 'text', false],
    ])
    expect(custom[2]).toMatchObject({ scale: { min: 1, max: 3, labels: ['不满意', '一般', '满意'], dkLabel: '不清楚' } })
    // Editing keeps known ids and numbers new ones after the highest.
    const edited = buildCustomQuestions(
      [
        { id: 'c3', type: 'rating', text: 'x' },
        { id: 'c99', type: 'rating', text: 'y' },
        { type: 'rating', text: 'z' },
      ],
      custom,
    )
    expect(edited.map((q) => q.id)).toEqual(['c3', 'c100', 'c101'])
    expect(refusal(() => buildCustomQuestions([{ type: 'multiple', text: 'x', options: ['a', 'b'], maxChoices: 3 }], []))).toEqual({
      field: 'questions.0.maxChoices',
      message: '第 1 个自定义题目最多可选项数应在 1–2 之间',
    })
    expect(refusal(() => buildCustomQuestions([{ type: 'single', text: 'x', options: ['a'] }], [])).field).toBe('questions.0.options')
    expect(refusal(() => buildCustomQuestions([{ type: 'single', text: '  ', options: ['a', 'b'] }], [])).field).toBe('questions.0.text')
  })

  it('takes instrument items as Likert questions keeping their ids and scales', () => {
    const qs = instrumentQuestions(['awareness', 'belonging'])
    expect(qs).toHaveLength(16)
    expect(qs[0]).toEqual({ id: 'awa_1', type: 'likert', text: INSTRUMENTS.awareness.items[0].text, required: true, instrumentId: 'awareness', scale: INSTRUMENTS.awareness.items[0].scale })
    expect(normaliseInstruments(['belonging', 'awareness', 'belonging'])).toEqual(['awareness', 'belonging'])
    expect(templateFor('belonging')).toMatchObject({ title: '归属感调查', questionCount: 9, estimatedMinutes: 2 })
  })

  it('estimates 8 seconds a question, rounded up to minutes', () => {
    expect([0, 1, 7, 8, 37, 100].map(estimatedMinutes)).toEqual([1, 1, 1, 2, 5, 14])
  })

  it('derives the status from the state and the clock', () => {
    const at = new Date('2030-01-10T00:00:00Z')
    const s = (state: 'draft' | 'published' | 'closed', opens: string | null, closes: string | null) => surveyStatus({ state, opens_at: opens, closes_at: closes }, at)
    expect(s('draft', null, null)).toBe('draft')
    expect(s('published', '2030-01-11T00:00:00.000Z', null)).toBe('scheduled')
    expect(s('published', '2030-01-10T00:00:00.000Z', '2030-01-10T00:00:00.001Z')).toBe('open')
    expect(s('published', null, '2030-01-10T00:00:00.000Z')).toBe('ended')
    expect(s('closed', null, '2031-01-01T00:00:00.000Z')).toBe('closed')
    // 16:00 UTC is midnight in Shanghai.
    expect(shanghaiDate(new Date('2030-01-10T15:59:59Z'))).toBe('2030-01-10')
    expect(shanghaiDate(new Date('2030-01-10T16:00:00Z'))).toBe('2030-01-11')
  })

  it('accepts answers of every type and stores them in question order', () => {
    const stored = validateAnswers(custom, [
      { questionId: 'c5', value: '  多种树 ' },
      { questionId: 'c4', value: 10 },
      { questionId: 'c3', value: 'dk' },
      { questionId: 'c2', value: [3, 0] },
      { questionId: 'c1', value: 2 },
    ])
    expect(stored).toEqual({ c1: 2, c2: [0, 3], c3: 'dk', c4: 10, c5: '多种树' })
    expect(Object.keys(stored)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5'])
    // The optional text may be skipped, blank or null.
    const base = [
      { questionId: 'c1', value: 0 },
      { questionId: 'c2', value: [1] },
      { questionId: 'c3', value: 3 },
      { questionId: 'c4', value: 1 },
    ]
    expect(validateAnswers(custom, [...base, { questionId: 'c5', value: '   ' }])).toEqual({ c1: 0, c2: [1], c3: 3, c4: 1 })
  })

  it('refuses each kind of bad answer with the question named', () => {
    const ok = [
      { questionId: 'c1', value: 0 },
      { questionId: 'c2', value: [1] },
      { questionId: 'c3', value: 3 },
      { questionId: 'c4', value: 1 },
    ]
    const withAnswer = (id: string, value: unknown) => ok.filter((a) => a.questionId !== id).concat([{ questionId: id, value: value as number }])
    expect(refusal(() => validateAnswers(custom, withAnswer('c1', 3)))).toEqual({ field: 'answers.c1', message: '第 1 题：请选择一个选项' })
    expect(refusal(() => validateAnswers(custom, withAnswer('c1', '0'))).field).toBe('answers.c1')
    expect(refusal(() => validateAnswers(custom, withAnswer('c2', [0, 1, 2]))).message).toBe('第 2 题：最多选 2 项')
    expect(refusal(() => validateAnswers(custom, withAnswer('c2', [1, 1]))).message).toBe('第 2 题：同一个选项选了两次')
    expect(refusal(() => validateAnswers(custom, withAnswer('c3', 4))).field).toBe('answers.c3')
    expect(refusal(() => validateAnswers(custom, withAnswer('c3', 2.5))).field).toBe('answers.c3')
    expect(refusal(() => validateAnswers(custom, withAnswer('c4', 11))).message).toBe('第 4 题：请打 1–10 分')
    expect(refusal(() => validateAnswers(custom, [...ok, { questionId: 'c5', value: '一二三四五六七八九十一' }])).message).toBe('第 5 题：不能超过 10 个字')
    expect(refusal(() => validateAnswers(custom, ok.slice(1))).message).toBe('第 1 题还没有回答')
    expect(refusal(() => validateAnswers(custom, [...ok, { questionId: 'c1', value: 1 }])).message).toBe('第 1 题回答了两次')
    expect(refusal(() => validateAnswers(custom, [...ok, { questionId: 'zz', value: 1 }])).field).toBe('answers.4.questionId')
    const noDk: SurveyQuestion[] = instrumentQuestions(['belonging'])
    expect(refusal(() => validateAnswers(noDk, [{ questionId: 'bel_1', value: 'dk' }])).message).toBe('第 1 题：这道题没有“不清楚”选项')
  })

  it('gives distributions only from 10 answers up, open text only to the committee, sorted', () => {
    const answers = (n: number) => Array.from({ length: n }, (_, i) => ({ c1: i % 3, c2: i % 2 ? [0, 1] : [2], c3: i < 2 ? ('dk' as const) : 3, c4: (i % 10) + 1, c5: `建议${String.fromCharCode(0x4e00 + ((i * 7) % 13))}` }))
    expect(questionResult(custom[0], answers(9), { staff: true })).toEqual({ questionId: 'c1', text: '住了多久？', type: 'single', answered: 9, suppressed: true })
    const single = questionResult(custom[0], answers(10), { staff: false })
    expect(single.distribution!.map((d) => [d.value, d.count, d.share])).toEqual([
      [0, 4, 0.4],
      [1, 3, 0.3],
      [2, 3, 0.3],
    ])
    const multiple = questionResult(custom[1], answers(10), { staff: false })
    expect(multiple.distribution!.map((d) => d.count)).toEqual([5, 5, 5, 0])
    const likert = questionResult(custom[2], answers(10), { staff: false })
    expect(likert.distribution!.map((d) => [d.value, d.label, d.count])).toEqual([
      [1, '不满意', 0],
      [2, '一般', 0],
      [3, '满意', 8],
      ['dk', '不清楚', 2],
    ])
    expect(likert.mean).toBe(3)
    const rating = questionResult(custom[3], answers(10), { staff: false })
    expect(rating.mean).toBe(5.5)
    expect(rating.distribution!.every((d) => d.count === 1)).toBe(true)
    const text = answers(10).map((a) => a.c5)
    expect(questionResult(custom[4], answers(10), { staff: true }).texts).toEqual([...text].sort())
    expect(questionResult(custom[4], answers(10), { staff: false }).texts).toBeUndefined()
  })
})

describe('CSV', () => {
  it('quotes, keeps formulas as text, starts with a BOM and ends lines with CRLF', () => {
    const csv = toCsv(
      [
        { key: 'a', header: '名称' },
        { key: 'b', header: '数值' },
      ],
      [
        { a: '含,逗号', b: 1.5 },
        { a: '含"引号"', b: -2 },
        { a: '两\r\n行', b: null },
        { a: '=SUM(A1)', b: 0 },
      ],
    )
    expect(csv.startsWith('\uFEFF名称,数值\r\n')).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(parseCsv(csv)).toEqual([
      ['名称', '数值'],
      ['含,逗号', '1.5'],
      ['含"引号"', '-2'],
      ['两\r\n行', ''],
      ["'=SUM(A1)", '0'],
    ])
  })
})

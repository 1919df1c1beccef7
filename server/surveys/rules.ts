// Survey rules as pure functions: templates, the questions a moderator may write, a survey's status
// at a moment, which answers are acceptable, and per-question distributions. No I/O.
import { DEFAULT_MIN_CELL_SIZE, INSTRUMENTS } from '../../src/scoring'
import type { InstrumentId } from '../../types/scoring'
import type {
  OptionCount,
  QuestionResult,
  SurveyQuestion,
  SurveyQuestionInput,
  SurveyState,
  SurveyStatus,
  SurveyTemplate,
  SurveyTemplateId,
} from '../../types'
import { badInput } from '../core/errors'

/** The scoring library's threshold, so questions, scores and breakdowns suppress alike. */
export const MIN_CELL_SIZE = DEFAULT_MIN_CELL_SIZE
/** Unmixed answers are rewritten together once this many have gathered (see anonymity.ts). */
export const MIX_BATCH = 10
export const SECONDS_PER_QUESTION = 8
export const MAX_QUESTIONS = 100
export const MAX_TEXT_ANSWER = 500
export const DEFAULT_TEXT_ANSWER = 200

export const INSTRUMENT_IDS = Object.keys(INSTRUMENTS) as InstrumentId[]
/** The annual survey: knowledge first (it needs no opinion), then the attitude scales. */
export const ANNUAL_INSTRUMENTS: InstrumentId[] = ['awareness', 'satisfaction', 'belonging', 'cohesion', 'atmosphere']
export const ANNUAL_TITLE = '年度居民感受调查'

const ANONYMITY_NOTE = '问卷匿名：您的回答和您的账号分开保存，谁也看不到哪份回答是谁填的。'

export function estimatedMinutes(questionCount: number): number {
  return Math.max(1, Math.ceil((questionCount * SECONDS_PER_QUESTION) / 60))
}

export function instrumentQuestions(instruments: InstrumentId[]): SurveyQuestion[] {
  return instruments.flatMap((id) =>
    INSTRUMENTS[id].items.map(
      (item): SurveyQuestion => ({ id: item.id, type: 'likert', text: item.text, required: true, instrumentId: id, scale: item.scale }),
    ),
  )
}

export function templateFor(id: SurveyTemplateId): SurveyTemplate {
  const instruments = id === 'annual' ? ANNUAL_INSTRUMENTS : id === 'blank' ? [] : [id]
  const title = id === 'annual' ? ANNUAL_TITLE : id === 'blank' ? '居民需求调查' : `${INSTRUMENTS[id].name}调查`
  const intro =
    id === 'annual'
      ? `这份问卷了解您对社区的了解、满意度和归属感，结果用于社区治理评估，并向居民公开。${ANONYMITY_NOTE}`
      : id === 'blank'
        ? `请告诉我们您的想法和需求。${ANONYMITY_NOTE}`
        : `${INSTRUMENTS[id].intro}${ANONYMITY_NOTE}`
  const questionCount = instrumentQuestions(instruments).length
  return { id, title, intro, instruments, questionCount, estimatedMinutes: estimatedMinutes(questionCount) }
}

export const TEMPLATE_IDS: SurveyTemplateId[] = ['annual', ...INSTRUMENT_IDS, 'blank']

/** Distinct, in the annual survey's order. */
export function normaliseInstruments(ids: InstrumentId[]): InstrumentId[] {
  const set = new Set(ids)
  return ANNUAL_INSTRUMENTS.filter((id) => set.has(id))
}

const CUSTOM_ID = /^c(\d+)$/

/**
 * Custom questions as stored: validated, with ids kept where the draft already had them and new
 * ones numbered after the highest so far. Throws 400 naming the question.
 */
export function buildCustomQuestions(inputs: SurveyQuestionInput[], existing: SurveyQuestion[]): SurveyQuestion[] {
  const existingIds = new Set(existing.filter((q) => !q.instrumentId).map((q) => q.id))
  let next = Math.max(0, ...existing.map((q) => Number(CUSTOM_ID.exec(q.id)?.[1] ?? 0)), ...inputs.map((q) => Number(CUSTOM_ID.exec(q.id ?? '')?.[1] ?? 0))) + 1
  const used = new Set<string>()
  return inputs.map((input, i) => {
    const field = `questions.${i}`
    const n = i + 1
    let id = input.id && existingIds.has(input.id) && !used.has(input.id) ? input.id : `c${next++}`
    if (used.has(id)) id = `c${next++}`
    used.add(id)
    const text = input.text.trim()
    if (!text) throw badInput(`${field}.text`, `第 ${n} 个自定义题目没有题干`)
    const required = input.required ?? input.type !== 'text'
    switch (input.type) {
      case 'single':
      case 'multiple': {
        const options = (input.options ?? []).map((o) => o.trim())
        if (options.length < 2) throw badInput(`${field}.options`, `第 ${n} 个自定义题目至少需要 2 个选项`)
        if (options.some((o) => !o)) throw badInput(`${field}.options`, `第 ${n} 个自定义题目有空白选项`)
        if (new Set(options).size !== options.length) throw badInput(`${field}.options`, `第 ${n} 个自定义题目有重复的选项`)
        if (input.type === 'single') return { id, type: 'single', text, required, options }
        const maxChoices = input.maxChoices
        if (maxChoices !== undefined && (maxChoices < 1 || maxChoices > options.length)) {
          throw badInput(`${field}.maxChoices`, `第 ${n} 个自定义题目最多可选项数应在 1–${options.length} 之间`)
        }
        return { id, type: 'multiple', text, required, options, ...(maxChoices !== undefined ? { maxChoices } : {}) }
      }
      case 'likert': {
        const labels = (input.labels ?? ['非常不同意', '不太同意', '一般', '比较同意', '非常同意']).map((l) => l.trim())
        if (labels.length < 2 || labels.some((l) => !l)) throw badInput(`${field}.labels`, `第 ${n} 个自定义题目的量表至少需要 2 个刻度`)
        const dkLabel = input.dkLabel?.trim()
        return { id, type: 'likert', text, required, scale: { min: 1, max: labels.length, labels, ...(dkLabel ? { dkLabel } : {}) } }
      }
      case 'rating':
        return { id, type: 'rating', text, required, min: 1, max: 10 }
      case 'text':
        return { id, type: 'text', text, required, maxLength: Math.min(MAX_TEXT_ANSWER, input.maxLength ?? DEFAULT_TEXT_ANSWER) }
    }
  })
}

/** A survey's questions: the instruments' items first, then the custom ones; at most MAX_QUESTIONS. */
export function assembleQuestions(instruments: InstrumentId[], custom: SurveyQuestion[]): SurveyQuestion[] {
  const questions = [...instrumentQuestions(instruments), ...custom]
  if (questions.length > MAX_QUESTIONS) throw badInput('questions', `一份问卷最多 ${MAX_QUESTIONS} 道题`)
  return questions
}

/** The title of a survey made of freely chosen instruments. */
export function defaultTitle(instruments: InstrumentId[]): string {
  if (instruments.length === 0) return templateFor('blank').title
  if (instruments.length === 1) return templateFor(instruments[0]).title
  return templateFor('annual').title
}

export interface SurveyTimes {
  state: SurveyState
  opens_at: string | null
  closes_at: string | null
}

export function surveyStatus(s: SurveyTimes, now: Date): SurveyStatus {
  if (s.state === 'draft') return 'draft'
  if (s.state === 'closed') return 'closed'
  const t = now.toISOString()
  if (s.opens_at && t < s.opens_at) return 'scheduled'
  if (s.closes_at && t >= s.closes_at) return 'ended'
  return 'open'
}

/** Open and close times of a survey being scheduled: close after open, and (when publishing) in the future. */
export function checkTimes(opensAt: string | null, closesAt: string | null, now: Date, publishing: boolean): void {
  if (opensAt && closesAt && closesAt <= opensAt) throw badInput('closesAt', '截止时间应晚于开始时间')
  if (publishing && closesAt && closesAt <= now.toISOString()) throw badInput('closesAt', '截止时间已经过了，请重新设置')
}

export function toIso(value: string | null | undefined, field: string): string | null | undefined {
  if (value === undefined || value === null) return value
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) throw badInput(field, '时间格式不正确')
  return d.toISOString()
}

/** Answers as a client sends them: each value's shape is checked against its question. */
export type UncheckedAnswers = { questionId: string; value: unknown }[]

export type StoredAnswers = Record<string, number | number[] | string | 'dk'>

/**
 * Checks a response against the questions and returns it keyed by question id, in question order
 * (so the stored text says nothing about the order the client sent). Throws 400 for the first problem.
 */
export function validateAnswers(questions: SurveyQuestion[], answers: UncheckedAnswers): StoredAnswers {
  const byId = new Map(questions.map((q, i) => [q.id, { q, n: i + 1 }]))
  const given = new Map<string, unknown>()
  answers.forEach((a, i) => {
    if (!byId.has(a.questionId)) throw badInput(`answers.${i}.questionId`, '问卷里没有这道题，请刷新后重新填写')
    if (given.has(a.questionId)) throw badInput(`answers.${i}.questionId`, `第 ${byId.get(a.questionId)!.n} 题回答了两次`)
    given.set(a.questionId, a.value)
  })
  const out: StoredAnswers = {}
  for (const [id, { q, n }] of byId) {
    const value = normaliseValue(q, given.get(id), n)
    if (value === null) {
      if (q.required) throw badInput(`answers.${id}`, `第 ${n} 题还没有回答`)
      continue
    }
    out[id] = value
  }
  return out
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

function normaliseValue(q: SurveyQuestion, v: unknown, n: number): number | number[] | string | null {
  if (v === undefined || v === null) return null
  const field = `answers.${q.id}`
  const bad = (message: string) => badInput(field, `第 ${n} 题：${message}`)
  switch (q.type) {
    case 'single':
      if (!isInt(v) || v < 0 || v >= q.options.length) throw bad('请选择一个选项')
      return v
    case 'multiple': {
      if (!Array.isArray(v) || !v.every((x) => isInt(x) && x >= 0 && x < q.options.length)) throw bad('请选择选项')
      if (v.length === 0) return null
      if (new Set(v).size !== v.length) throw bad('同一个选项选了两次')
      if (q.maxChoices !== undefined && v.length > q.maxChoices) throw bad(`最多选 ${q.maxChoices} 项`)
      return [...v].sort((a, b) => a - b)
    }
    case 'likert':
      if (v === 'dk') {
        if (!q.scale.dkLabel) throw bad('这道题没有“不清楚”选项')
        return 'dk'
      }
      if (!isInt(v) || v < q.scale.min || v > q.scale.max) throw bad('请选择一个选项')
      return v
    case 'rating':
      if (!isInt(v) || v < q.min || v > q.max) throw bad(`请打 ${q.min}–${q.max} 分`)
      return v
    case 'text': {
      if (typeof v !== 'string') throw bad('请填写文字')
      const text = v.trim()
      if (!text) return null
      if ([...text].length > q.maxLength) throw bad(`不能超过 ${q.maxLength} 个字`)
      return text
    }
  }
}

/** count / of, rounded to 4 decimals (0 when of is 0). */
export const share = (count: number, of: number): number => (of > 0 ? Math.round((count / of) * 10_000) / 10_000 : 0)

/** A question's figures as a viewer sees them: open text only for the committee. */
export function questionShownTo(r: QuestionResult, staff: boolean): QuestionResult {
  if (staff || r.texts === undefined) return r
  const { texts: _hidden, ...shown } = r
  return shown
}

/** Each question's figures from all responses (questionResult for each), reading every response once. */
export function questionResults(
  questions: SurveyQuestion[],
  responses: StoredAnswers[],
  opts: { staff: boolean; minCellSize?: number },
): QuestionResult[] {
  const columns = new Map(questions.map((q) => [q.id, [] as AnswerValue[]]))
  for (const r of responses) for (const id in r) columns.get(id)?.push(r[id])
  return questions.map((q) => figuresOf(q, columns.get(q.id)!, opts.minCellSize ?? MIN_CELL_SIZE, opts.staff))
}

/**
 * One question's figures from all responses. Below minCellSize answering, only the count is given;
 * open text only to the committee, sorted by content so its order says nothing about who came when.
 */
export function questionResult(q: SurveyQuestion, responses: StoredAnswers[], opts: { staff: boolean; minCellSize?: number }): QuestionResult {
  const values: AnswerValue[] = []
  for (const r of responses) if (r[q.id] !== undefined) values.push(r[q.id])
  return figuresOf(q, values, opts.minCellSize ?? MIN_CELL_SIZE, opts.staff)
}

type AnswerValue = StoredAnswers[string]

/** A question's figures from the answers given to it. */
function figuresOf(q: SurveyQuestion, values: AnswerValue[], min: number, staff: boolean): QuestionResult {
  const answered = values.length
  const base: QuestionResult = {
    questionId: q.id,
    text: q.text,
    type: q.type,
    ...(q.instrumentId ? { instrumentId: q.instrumentId } : {}),
    answered,
    suppressed: answered < min,
  }
  if (base.suppressed) return base
  if (q.type === 'text') {
    const texts = values.filter((v): v is string => typeof v === 'string').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    return questionShownTo({ ...base, texts }, staff)
  }
  // Per option from `first`: a number counts for its option, a multiple choice for each it holds.
  const tally = (labels: string[], first: number) => {
    const counts = new Array<number>(labels.length).fill(0)
    let dk = 0
    let sum = 0
    let numbers = 0
    for (const v of values) {
      if (typeof v === 'number') {
        sum += v
        numbers++
        if (v - first >= 0 && v - first < labels.length) counts[v - first]++
      } else if (Array.isArray(v)) {
        for (const x of v) if (x - first >= 0 && x - first < labels.length) counts[x - first]++
      } else if (v === 'dk') dk++
    }
    const distribution: OptionCount[] = labels.map((label, i) => ({ value: first + i, label, count: counts[i], share: share(counts[i], answered) }))
    const mean = numbers ? Math.round((sum / numbers) * 100) / 100 : null
    return { distribution, dk, mean }
  }
  switch (q.type) {
    case 'single':
    case 'multiple':
      return { ...base, distribution: tally(q.options, 0).distribution }
    case 'likert': {
      const { distribution, dk, mean } = tally(q.scale.labels, q.scale.min)
      if (q.scale.dkLabel) distribution.push({ value: 'dk', label: q.scale.dkLabel, count: dk, share: share(dk, answered) })
      return { ...base, distribution, mean }
    }
    case 'rating': {
      const labels = Array.from({ length: q.max - q.min + 1 }, (_, i) => `${q.min + i} 分`)
      const { distribution, mean } = tally(labels, q.min)
      return { ...base, distribution, mean }
    }
  }
}

// ---- paper questionnaires (the committee must not write its own grade) --------------------------

/** Paper questionnaires in one batch (a pile typed in at one sitting). */
export const MAX_PAPER_BATCH = 200

/** How many more paper questionnaires a 楼组 can take: its households not yet answered. */
export const paperRoom = (b: { households: number; online: number; paper: number }): number => Math.max(0, b.households - b.online - b.paper)

/** A wave counts for the index without the 街镇's word only if at most this share was typed in by the 居委会. */
export const COMMITTEE_PAPER_LIMIT = 0.5

/** Why the index may not use a wave yet (most answers typed in on paper by the 居委会 being evaluated,
 *  not confirmed by the 街镇), or null. */
export function paperHoldReason(w: { total: number; committeePaper: number; confirmed: boolean }): string | null {
  if (w.confirmed || share(w.committeePaper, w.total) <= COMMITTEE_PAPER_LIMIT) return null
  return `这一轮的 ${w.total} 份回答中有 ${w.committeePaper} 份是居委会录入的纸质问卷，超过一半；须经街镇确认后才计入评估指标`
}

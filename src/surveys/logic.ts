import dayjs from 'dayjs'
import type { SurveyAnswer, SurveyAnswerValue, SurveyListItem, SurveyQuestion, SurveyStatus } from '@yishi/types'
import { ApiRequestError, NETWORK_ERROR_MESSAGE } from '@/shared/request'

// How a survey reads and is answered on a phone: screens and progress, length and closing time, which
// answers count as given, the payload sent, and plain-Chinese refusals. Pure functions, tested in
// __tests__/app/surveys.test.tsx.

export type Tone = 'accent' | 'warn' | 'success' | 'danger' | 'neutral'

export const STATUS_TONE: Record<SurveyStatus, Tone> = {
  draft: 'neutral',
  scheduled: 'warn',
  open: 'accent',
  ended: 'warn',
  closed: 'neutral',
}

/** "约 5 分钟" (the server estimates 8 seconds a question, at least a minute). */
export function minutesText(minutes: number): string {
  return `约 ${Math.max(1, Math.round(minutes))} 分钟`
}

/** "共 37 题，约 5 分钟". */
export function lengthText(item: Pick<SurveyListItem, 'questionCount' | 'estimatedMinutes'>): string {
  return `共 ${item.questionCount} 题，${minutesText(item.estimatedMinutes)}`
}

/** When it closes, as a resident says it: "今天 18:00 截止", "明天 18:00 截止", "12月5日 18:00 截止". */
export function closingText(closesAt: string | null, now = dayjs()): string {
  if (!closesAt) return '长期开放'
  const at = dayjs(closesAt)
  if (!at.isValid()) return ''
  const when = at.format(at.year() === now.year() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm')
  if (at.isBefore(now)) return `已于 ${when} 截止`
  const days = at.startOf('day').diff(now.startOf('day'), 'day')
  if (days === 0) return `今天 ${at.format('HH:mm')} 截止`
  if (days === 1) return `明天 ${at.format('HH:mm')} 截止`
  return `${when} 截止`
}

/** Whether a value counts as an answer (不清楚 does; an empty text or no option picked does not). */
export function isAnswered(q: SurveyQuestion, value: SurveyAnswerValue | undefined): boolean {
  if (value === null || value === undefined) return false
  switch (q.type) {
    case 'multiple':
      return Array.isArray(value) && value.length > 0
    case 'text':
      return typeof value === 'string' && value.trim() !== ''
    case 'likert':
      return value === 'dk' ? !!q.scale.dkLabel : typeof value === 'number'
    default:
      return typeof value === 'number'
  }
}

export type AnswerMap = Record<string, SurveyAnswerValue | undefined>

/** An answer in words, for checking before submitting: the option, the scale's label, the text; 未回答 when none. */
export function answerText(q: SurveyQuestion, value: SurveyAnswerValue | undefined): string {
  if (!isAnswered(q, value)) return '未回答'
  switch (q.type) {
    case 'single':
      return q.options[value as number] ?? String(value)
    case 'multiple':
      return (value as number[]).map((i) => q.options[i] ?? String(i)).join('、')
    case 'likert':
      return value === 'dk' ? q.scale.dkLabel! : (q.scale.labels[(value as number) - q.scale.min] ?? String(value))
    case 'rating':
      return `${value as number} 分`
    default:
      return (value as string).trim()
  }
}

/** The first required question without an answer (its index), or -1 when all are done. */
export function firstMissing(questions: SurveyQuestion[], answers: AnswerMap): number {
  return questions.findIndex((q) => q.required && !isAnswered(q, answers[q.id]))
}

export function answeredCount(questions: SurveyQuestion[], answers: AnswerMap): number {
  return questions.filter((q) => isAnswered(q, answers[q.id])).length
}

/** What is sent: every question of the survey once, in its order; unanswered optional ones as null. */
export function toSubmitAnswers(questions: SurveyQuestion[], answers: AnswerMap): SurveyAnswer[] {
  return questions.map((q) => {
    const v = answers[q.id]
    if (!isAnswered(q, v)) return { questionId: q.id, value: null }
    if (q.type === 'text') return { questionId: q.id, value: (v as string).trim() }
    if (q.type === 'multiple') return { questionId: q.id, value: [...(v as number[])].sort((a, b) => a - b) }
    return { questionId: q.id, value: v as SurveyAnswerValue }
  })
}

/** A multiple-choice tap: add or remove the option; null when it would pass maxChoices. */
export function toggleOption(current: SurveyAnswerValue | undefined, option: number, maxChoices?: number): number[] | null {
  const list = Array.isArray(current) ? current : []
  if (list.includes(option)) return list.filter((o) => o !== option)
  if (maxChoices !== undefined && list.length >= maxChoices) return null
  return [...list, option].sort((a, b) => a - b)
}

// ---- screens and progress ------------------------------------------------------------------------

/** Questions per screen in normal mode; 大字模式 always shows one. */
export const NORMAL_PER_SCREEN = 3

/**
 * The screens of a survey, as lists of question indexes. 大字模式: one question a screen. Normal: up to
 * three consecutive questions of the same questionnaire (they share one instruction); a short-text
 * question always stands alone (the keyboard takes half the screen).
 */
export function screensFor(questions: SurveyQuestion[], large: boolean): number[][] {
  const screens: number[][] = []
  let current: number[] = []
  const flush = () => {
    if (current.length) screens.push(current)
    current = []
  }
  questions.forEach((q, i) => {
    if (large || q.type === 'text') {
      flush()
      screens.push([i])
      return
    }
    const prev = current.length ? questions[current[current.length - 1]] : null
    if (current.length >= NORMAL_PER_SCREEN || (prev && (prev.instrumentId ?? '') !== (q.instrumentId ?? '')) || prev?.type === 'text') flush()
    current.push(i)
  })
  flush()
  return screens
}

/** The screen showing question `index` (0 when out of range). */
export function screenOf(screens: number[][], index: number): number {
  const s = screens.findIndex((list) => list.includes(index))
  return s < 0 ? 0 : s
}

/** "第 3 题 / 共 30 题", or "第 4–6 题 / 共 37 题" for a screen of several. */
export function progressText(screen: number[], total: number): string {
  if (screen.length === 0) return `共 ${total} 题`
  const first = screen[0] + 1
  const last = screen[screen.length - 1] + 1
  return first === last ? `第 ${first} 题 / 共 ${total} 题` : `第 ${first}–${last} 题 / 共 ${total} 题`
}

/** How far along, 0–1, counting the questions up to the end of this screen. */
export function progressShare(screen: number[], total: number): number {
  if (total <= 0 || screen.length === 0) return 0
  return Math.min(1, (screen[screen.length - 1] + 1) / total)
}

// ---- refusals ------------------------------------------------------------------------------------

export type RefusalKind = 'submitted' | 'verify' | 'ineligible' | 'closed' | 'invalid' | 'retry'

export interface Refusal {
  kind: RefusalKind
  title: string
  text: string
  /** For a refused answer: the question to go back to. */
  questionId?: string
}

/** A failed submit, as the resident reads it. */
export function refusalOf(err: unknown): Refusal {
  const e = err instanceof ApiRequestError ? err : null
  if (!e || e.status === 0 || e.status >= 500 || e.status === 429) {
    return {
      kind: 'retry',
      title: '这次没有提交成功',
      text: `${e && e.status !== 0 ? e.message : NETWORK_ERROR_MESSAGE}。您的回答已经保存在手机上，稍后再点“提交”即可，不会重复计算。`,
    }
  }
  switch (e.code) {
    case 'already_responded':
      return { kind: 'submitted', title: '您已经填写过这份问卷了', text: '每人只填一次，您的回答已经收到。谢谢您！' }
    case 'not_verified':
      return { kind: 'verify', title: '请先认证住址', text: '完成住址认证后才能填写问卷，这样大家的意见才能代表本小区居民。' }
    case 'not_eligible':
      return { kind: 'ineligible', title: '这份问卷不面向您', text: e.message }
    case 'survey_not_open':
    case 'survey_closed':
      return { kind: 'closed', title: '问卷已经不能填写了', text: e.message }
    case 'not_found':
      return { kind: 'closed', title: '问卷找不到了', text: '这份问卷可能已被撤下，请回到问卷列表看看。' }
  }
  if (e.status === 400) {
    const m = /^answers\.([^.]+)/.exec(e.field ?? '')
    return { kind: 'invalid', title: '有一道题需要再看看', text: e.message, ...(m && !/^\d+$/.test(m[1]) ? { questionId: m[1] } : {}) }
  }
  return { kind: 'ineligible', title: '没有提交成功', text: e.message }
}

/** Why a listed survey cannot be answered by me, or null when it can (or is done). */
export function cannotAnswerReason(item: Pick<SurveyListItem, 'status' | 'canAnswer' | 'answered'>, verified: boolean): string | null {
  if (item.answered || item.canAnswer) return null
  if (item.status === 'scheduled') return '问卷还没有开始'
  if (item.status === 'ended' || item.status === 'closed') return '问卷已经截止'
  if (!verified) return '认证住址后才能填写'
  return '这份问卷面向其他楼组或小区的居民'
}

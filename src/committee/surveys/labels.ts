import type { ScoreStatus } from '@yishi/types/scoring'
import type { SurveyQuestion, SurveyQuestionInput, SurveyQuestionType, SurveyState } from '@yishi/types'
import { SURVEY_QUESTION_TYPE_NAMES } from '@yishi/types'
import { shanghaiDay } from '@yishi/types/time'
import { keysOf } from '@/shared/keys'
import { shanghaiInstant } from '@/shared/time'

// How surveys read to the committee, and the checks a custom question passes before it is sent (the
// same limits as the server). Pure, tested in __tests__/app/surveys-committee.test.tsx.

export const STATE_TABS: { value: SurveyState; label: string }[] = [
  { value: 'draft', label: '草稿' },
  { value: 'published', label: '已发布' },
  { value: 'closed', label: '已结束' },
]

export const SCORE_STATUS: Record<ScoreStatus, { label: string; tone: 'success' | 'warn' | 'neutral' }> = {
  ok: { label: '样本充足', tone: 'success' },
  insufficient_sample: { label: '样本不足 · 暂定', tone: 'warn' },
  no_data: { label: '没有数据', tone: 'neutral' },
}

/** 0.1234 → "12.3%"; null → "—". */
export function percent(share: number | null | undefined, decimals = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—'
  return `${(Math.round(share * 100 * 10 ** decimals) / 10 ** decimals).toFixed(decimals)}%`
}

/** Cronbach's alpha with a plain reading. */
export function alphaText(alpha: number | null): string {
  if (alpha === null || !Number.isFinite(alpha)) return '回答是否前后一致（信度 α）：无法计算，完整作答的人太少'
  const a = Math.round(alpha * 100) / 100
  const reading = a >= 0.8 ? '一致性好' : a >= 0.7 ? '一致性可以接受' : '一致性偏低，解读要谨慎'
  return `回答是否前后一致（信度 α = ${a.toFixed(2)}）：${reading}`
}

export const MAX_QUESTION_TEXT = 200
export const MAX_OPTION_TEXT = 50
export const MAX_OPTIONS = 20
export const DEFAULT_LIKERT_LABELS = ['非常不同意', '不太同意', '一般', '比较同意', '非常同意']

export const QUESTION_TYPES: SurveyQuestionType[] = keysOf(SURVEY_QUESTION_TYPE_NAMES)

/** One option or label per line; blank lines dropped. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
}

/** A stored custom question as the editor holds it. */
export function toInput(q: SurveyQuestion): SurveyQuestionInput {
  const base = { id: q.id, type: q.type, text: q.text, required: q.required }
  switch (q.type) {
    case 'single':
      return { ...base, options: [...q.options] }
    case 'multiple':
      return { ...base, options: [...q.options], ...(q.maxChoices ? { maxChoices: q.maxChoices } : {}) }
    case 'likert':
      return { ...base, labels: [...q.scale.labels], ...(q.scale.dkLabel ? { dkLabel: q.scale.dkLabel } : {}) }
    case 'rating':
      return base
    case 'text':
      return { ...base, maxLength: q.maxLength }
  }
}

export function blankQuestion(type: SurveyQuestionType): SurveyQuestionInput {
  switch (type) {
    case 'single':
    case 'multiple':
      return { type, text: '', required: true, options: [] }
    case 'likert':
      return { type, text: '', required: true, labels: [...DEFAULT_LIKERT_LABELS] }
    case 'rating':
      return { type, text: '', required: true }
    case 'text':
      return { type, text: '', required: false, maxLength: 200 }
  }
}

/** What to fix in a custom question before saving, or null. */
export function questionProblem(q: SurveyQuestionInput): string | null {
  const text = q.text.trim()
  if (!text) return '请填写题目'
  if ([...text].length > MAX_QUESTION_TEXT) return `题目最多 ${MAX_QUESTION_TEXT} 个字`
  if (q.type === 'single' || q.type === 'multiple') {
    const options = (q.options ?? []).map((o) => o.trim()).filter(Boolean)
    if (options.length < 2) return '至少需要 2 个选项（每行一个）'
    if (options.length > MAX_OPTIONS) return `最多 ${MAX_OPTIONS} 个选项`
    if (options.some((o) => [...o].length > MAX_OPTION_TEXT)) return `每个选项最多 ${MAX_OPTION_TEXT} 个字`
    if (new Set(options).size !== options.length) return '有重复的选项'
    if (q.type === 'multiple' && q.maxChoices !== undefined && (q.maxChoices < 1 || q.maxChoices > options.length)) {
      return `最多可选项数应在 1–${options.length} 之间`
    }
  }
  if (q.type === 'likert') {
    const labels = (q.labels ?? []).map((l) => l.trim()).filter(Boolean)
    if (labels.length < 2 || labels.length > 11) return '量表需要 2–11 个刻度（每行一个，从低到高）'
    if (labels.some((l) => [...l].length > 20)) return '每个刻度最多 20 个字'
    if (q.dkLabel && [...q.dkLabel.trim()].length > 10) return '“不清楚”选项最多 10 个字'
  }
  return null
}

/** The question as sent: trimmed, empty lines and empty fields dropped. */
export function cleanInput(q: SurveyQuestionInput): SurveyQuestionInput {
  const out: SurveyQuestionInput = { ...(q.id ? { id: q.id } : {}), type: q.type, text: q.text.trim(), required: q.required ?? q.type !== 'text' }
  if (q.type === 'single' || q.type === 'multiple') out.options = (q.options ?? []).map((o) => o.trim()).filter(Boolean)
  if (q.type === 'multiple' && q.maxChoices) out.maxChoices = q.maxChoices
  if (q.type === 'likert') {
    out.labels = (q.labels ?? []).map((l) => l.trim()).filter(Boolean)
    const dk = q.dkLabel?.trim()
    if (dk) out.dkLabel = dk
  }
  if (q.type === 'text' && q.maxLength) out.maxLength = q.maxLength
  return out
}

/** Bar width for a share, with a sliver for small non-zero shares so they are seen. */
export function barWidth(share: number): string {
  if (!(share > 0)) return '0%'
  return `${Math.max(1.5, Math.min(100, Math.round(share * 1000) / 10))}%`
}

/** A close date picked as 'YYYY-MM-DD' means the end of that day in Shanghai (to the second the API keeps). */
export function closeDateToIso(date: string): string {
  return shanghaiInstant(date, '23:59:59').toISOString()
}

/** 'YYYY-MM-DD' in Shanghai of an instant, or null. */
export function isoToShanghaiDate(iso: string | null | undefined): string | null {
  return (iso && shanghaiDay(iso)) || null
}

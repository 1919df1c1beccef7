import type { InstrumentResult, QuestionResult, SurveyResults } from '@yishi/types'

// A survey's results in one plain sentence, read before any statistic: how many answered and, where the
// survey asked it, how many are satisfied, with the range the true share likely lies in.

/** The share of the top two points (比较满意, 非常满意) among those with a view, with its 95% range. */
export interface SatisfiedShare {
  share: number
  low: number
  high: number
  n: number
}

// Wilson's interval: honest at small samples and near 0% or 100%, where share ± 1.96·SE is not.
function wilson(k: number, n: number): [number, number] {
  const z = 1.96
  const p = k / n
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n)
  const half = ((z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n)))
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/** From the overall satisfaction question (the first of the 满意度 set), or null when it was not asked or is suppressed. */
export function satisfiedShare(questions: QuestionResult[]): SatisfiedShare | null {
  const q = questions.find((x) => x.instrumentId === 'satisfaction')
  if (!q || q.suppressed || !q.distribution) return null
  const points = q.distribution.filter((d) => d.value !== 'dk')
  const n = points.reduce((sum, d) => sum + d.count, 0)
  if (n === 0) return null
  const top = Math.max(...points.map((d) => Number(d.value)))
  const k = points.filter((d) => Number(d.value) >= top - 1).reduce((sum, d) => sum + d.count, 0)
  const [low, high] = wilson(k, n)
  return { share: k / n, low, high, n }
}

const pct = (x: number) => `${Math.round(x * 100)}%`

function scoreClause(r: InstrumentResult): string | null {
  const s = r.score
  if (!s || s.points === null) return null
  const range = s.interval ? `（可能在 ${s.interval.points[0]}–${s.interval.points[1]} 分之间）` : ''
  return `${r.name}得 ${s.points} 分，满分 ${s.maxPoints} 分${range}`
}

/** E.g. "共 312 人作答，约 82% 的居民对小区的管理和服务满意（可能在 78%–86% 之间）。" */
export function plainSentence(r: SurveyResults): string {
  const total = r.responses.total
  if (total === 0) return '还没有人作答。'
  const answered = `共 ${total} 人作答${r.responses.paper > 0 ? `（其中纸质问卷 ${r.responses.paper} 份）` : ''}`
  if (!r.available) return `${answered}，问卷结束后才能看到统计。`
  const satisfied = satisfiedShare(r.questions)
  if (satisfied) {
    return `${answered}，约 ${pct(satisfied.share)} 的居民对小区的管理和服务满意（可能在 ${pct(satisfied.low)}–${pct(satisfied.high)} 之间）。`
  }
  const scored = r.instruments.map(scoreClause).find((c) => c !== null)
  if (scored) return `${answered}，${scored}。`
  return `${answered}。`
}

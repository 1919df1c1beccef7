import type { SummaryScore } from '@yishi/types'
import { round2 } from '@/scoring/format'

// How the public summary's scores read to residents. Pure, tested in __tests__/app/surveys.test.tsx.

/** "比上一轮提高 0.7 分" / "比上一轮降低 1.2 分" / "和上一轮持平", or null without a previous wave. */
export function scoreChangeText(s: Pick<SummaryScore, 'points' | 'previousPoints'>): string | null {
  if (s.points === null || s.previousPoints === null) return null
  const d = round2(s.points - s.previousPoints)
  if (d === 0) return `和上一轮持平（${s.previousPoints} 分）`
  return `比上一轮${d > 0 ? '提高' : '降低'} ${Math.abs(d)} 分（上一轮 ${s.previousPoints} 分）`
}

/** A plain note on the sample behind a score, or null when there is nothing to say. */
export function scoreStatusNote(s: Pick<SummaryScore, 'status' | 'n'>): string | null {
  switch (s.status) {
    case 'suppressed':
      return `有效回答不到 10 位（${s.n} 位），不显示分数。`
    case 'insufficient_sample':
      return '回答的人还不够多，这个分数仅供参考。'
    case 'no_data':
      return '这一项还没有有效回答。'
    default:
      return null
  }
}

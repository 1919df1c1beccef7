// The local sensitive-word check against the list in the database (seeded by migration 002, kept by
// admins). Matching ignores spaces and punctuation put between characters to dodge it.
import { perRow } from '../core/per-row'

export type Verdict = 'pass' | 'review' | 'risky'

export interface WordEntry {
  word: string
  level: 'review' | 'risky'
}

const SEPARATORS = /[\s\p{P}\p{S}_]/gu

export function normalise(text: string): string {
  return text.replace(SEPARATORS, '').toLowerCase()
}

export interface WordHit {
  verdict: Verdict
  words: string[]
}

// The list is kept between checks (check.ts): each word is normalised once.
const normalisedWord = perRow((e: WordEntry) => normalise(e.word))

export function matchWords(text: string, entries: WordEntry[]): WordHit {
  const haystack = normalise(text)
  const hits = entries.filter((e) => haystack.includes(normalisedWord(e)))
  const verdict: Verdict = hits.some((h) => h.level === 'risky') ? 'risky' : hits.length > 0 ? 'review' : 'pass'
  return { verdict, words: hits.map((h) => h.word) }
}

// The local sensitive-word check: the shipped list (sensitive-words.txt) seeds the database, where
// admins can edit it. Matching ignores spaces and punctuation put between characters to dodge it.

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

export function matchWords(text: string, entries: WordEntry[]): WordHit {
  const haystack = normalise(text)
  const hits = entries.filter((e) => haystack.includes(normalise(e.word)))
  const verdict: Verdict = hits.some((h) => h.level === 'risky') ? 'risky' : hits.length > 0 ? 'review' : 'pass'
  return { verdict, words: hits.map((h) => h.word) }
}

/** Parses the shipped list: "[risky]" / "[review]" section headers, one word a line, # comments. */
export function parseWordList(source: string): WordEntry[] {
  let level: WordEntry['level'] = 'risky'
  const out: WordEntry[] = []
  for (const raw of source.split('\n')) {
    const line = raw.replace(/#.*/, '').trim()
    if (!line) continue
    if (line === '[risky]' || line === '[review]') {
      level = line === '[risky]' ? 'risky' : 'review'
      continue
    }
    out.push({ word: line, level })
  }
  return out
}

// Chinese search terms, without a dictionary on the server: a text is indexed as every character and
// every pair of neighbouring characters of its Chinese runs (plus its Latin words and numbers); a query
// is cut into words by Intl.Segmenter, and each word must appear as its character pairs. So "加装电梯"
// finds "电梯加装方案" and "关于加装一部电梯" (words in any order), which a substring match would not.

const CJK = /\p{Script=Han}/u
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })

/** Characters a query word is too common to require ("电梯的问题" asks for 电梯 and 问题). */
const STOP = new Set([...'的了和与及在是吗呢吧啊也都就把被有请'])

/** Longest term kept: a Latin word or a number (a pasted link is not a search term). */
const MAX_TERM = 32

function pairs(run: string[]): string[] {
  if (run.length === 1) return run
  const out: string[] = []
  for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1])
  return out
}

function wordSegments(text: string): string[] {
  return [...segmenter.segment(text.normalize('NFKC').toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment)
}

/** Each term of a text with how often it occurs (index side). */
export function documentTerms(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (t: string) => counts.set(t, (counts.get(t) ?? 0) + 1)
  for (const word of wordSegments(text)) {
    const chars = [...word]
    if (!chars.some((c) => CJK.test(c))) {
      if (chars.length <= MAX_TERM) add(word)
      continue
    }
    for (const c of chars) if (CJK.test(c)) add(c)
  }
  // Pairs across the segmenter's word boundaries too: the query side decides which pairs it needs.
  for (const run of text.normalize('NFKC').match(/\p{Script=Han}+/gu) ?? []) for (const p of pairs([...run])) if (p.length === 2) add(p)
  return counts
}

/** The terms a document must hold to match a query; empty when nothing searchable is left. */
export function queryTerms(query: string): string[] {
  const out = new Set<string>()
  let run: string[] = []
  const flush = () => {
    for (const t of pairs(run)) out.add(t)
    run = []
  }
  for (const word of wordSegments(query.slice(0, 100))) {
    const chars = [...word]
    if (!chars.some((c) => CJK.test(c))) {
      flush()
      if (chars.length <= MAX_TERM) out.add(word)
    } else if (chars.length === 1) {
      // The segmenter leaves unknown words as single characters (加|装): join them back into a run.
      if (STOP.has(word)) flush()
      else run.push(word)
    } else {
      flush()
      for (const t of pairs(chars)) out.add(t)
    }
  }
  flush()
  // A query of a few words, not a pasted paragraph: at most 12 terms are required.
  return [...out].slice(0, 12)
}

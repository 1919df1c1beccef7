import { matchWords, normalise } from '../../server/content/words'
import { parseWordList, shippedWords } from '../../server/db/migrations/002_content'

describe('sensitive words', () => {
  const entries = parseWordList('[risky]\n去死 # 辱骂\n[review]\n加微信\n')

  it('parses sections and comments', () => {
    expect(entries).toEqual([
      { word: '去死', level: 'risky' },
      { word: '加微信', level: 'review' },
    ])
  })

  it('sees through spaces and punctuation put between characters', () => {
    expect(normalise('去 · 死！')).toBe('去死')
    expect(matchWords('你怎么不去·死', entries)).toEqual({ verdict: 'risky', words: ['去死'] })
  })

  it('holds review words and passes clean text', () => {
    expect(matchWords('有事加 微信', entries).verdict).toBe('review')
    expect(matchWords('建议在3号楼门口加装电梯', entries)).toEqual({ verdict: 'pass', words: [] })
  })

  it('ships a list with both levels', () => {
    const shipped = shippedWords()
    expect(shipped.filter((w) => w.level === 'risky').length).toBeGreaterThan(10)
    expect(shipped.filter((w) => w.level === 'review').length).toBeGreaterThan(5)
    expect(new Set(shipped.map((w) => w.word)).size).toBe(shipped.length)
  })
})

import { queryTerms, termRows } from '../../server/search'

describe('search terms', () => {
  it('cuts a query into words and asks for their character pairs, in any order', () => {
    expect(queryTerms('加装电梯')).toEqual(['加装', '电梯'])
    expect(queryTerms('  电梯的问题？ ')).toEqual(['电梯', '问题'])
    expect(queryTerms('3号楼 停车')).toEqual(['3', '号楼', '停车'])
    expect(queryTerms('WiFi 信号')).toEqual(['wifi', '信号'])
  })

  it('has nothing to search for in only common characters and punctuation', () => {
    expect(queryTerms('的')).toEqual([])
    expect(queryTerms('，。！')).toEqual([])
  })

  it('indexes every character and pair, titles weighing three times a body', () => {
    const rows = new Map(termRows('proposal', 7, '加装电梯', '电梯老旧，加装一部新电梯').map((r) => [r.term, r.weight]))
    expect(rows.get('电梯')).toBe(3 + 2)
    expect(rows.get('加装')).toBe(3 + 1)
    expect(rows.get('梯')).toBe(3 + 2)
    expect(rows.get('老旧')).toBe(1)
    expect(rows.has('，')).toBe(false)
    // A pair across a comma is not a pair of the text.
    expect(rows.has('旧加')).toBe(false)
  })
})

import { Kept } from '../../server/core/kept'
import { later } from '../support/later'

describe('kept values', () => {
  it('answers from what it kept until the time the read gave, then reads again', async () => {
    const kept = new Kept<string>(10)
    let reads = 0
    const read = jest.fn(async () => ({ value: `read ${++reads}`, until: 100 }))
    expect(await kept.get('a', 0, read)).toBe('read 1')
    expect(await kept.get('a', 99, read)).toBe('read 1')
    expect(await kept.get('a', 100, read)).toBe('read 2')
    expect(read).toHaveBeenCalledTimes(2)
  })

  it('keeps nothing the read says not to keep', async () => {
    const kept = new Kept<string | null>(10)
    const read = jest.fn(async () => ({ value: null, until: null }))
    expect(await kept.get('gone', 0, read)).toBeNull()
    expect(await kept.get('gone', 0, read)).toBeNull()
    expect(read).toHaveBeenCalledTimes(2)
  })

  it('answers a read begun before a forget, but does not keep it', async () => {
    const kept = new Kept<string>(10)
    const before = later<{ value: string; until: number }>()
    const old = kept.get('a', 0, () => before.promise)
    kept.forget()
    before.resolve({ value: 'before the change', until: 100 })
    expect(await old).toBe('before the change')
    expect(await kept.get('a', 1, async () => ({ value: 'after the change', until: 100 }))).toBe('after the change')
  })

  it('forgets only what it is told to', async () => {
    const kept = new Kept<string>(10)
    const fill = (key: string) => kept.get(key, 0, async () => ({ value: `${key} 1`, until: 100 }))
    await Promise.all(['a', 'b', 'c'].map(fill))
    kept.forget((value) => value === 'a 1')
    kept.forgetKey('b')
    const again = (key: string) => kept.get(key, 1, async () => ({ value: `${key} 2`, until: 100 }))
    expect(await Promise.all(['a', 'b', 'c'].map(again))).toEqual(['a 2', 'b 2', 'c 1'])
  })

  it('lets the oldest go once full', async () => {
    const kept = new Kept<string>(2)
    for (const key of ['a', 'b', 'c']) await kept.get(key, 0, async () => ({ value: `${key} 1`, until: 100 }))
    const again = (key: string) => kept.get(key, 1, async () => ({ value: `${key} 2`, until: 100 }))
    expect(await again('b')).toBe('b 1')
    expect(await again('c')).toBe('c 1')
    expect(await again('a')).toBe('a 2')
  })
})

import { shareNext } from '../../server/core/share-next'

describe('one run at a time, callers during a run sharing the next', () => {
  it('runs at once when idle, and gives a burst asked during a run one more run, begun after it', async () => {
    const ends: (() => void)[] = []
    let started = 0
    const ask = shareNext(
      () =>
        new Promise<number>((resolve) => {
          const n = ++started
          ends.push(() => resolve(n))
        }),
    )
    const first = ask()
    const burst = [ask(), ask(), ask()]
    expect(started).toBe(1)
    ends[0]()
    expect(await first).toBe(1)
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toBe(2)
    ends[1]()
    expect(await Promise.all(burst)).toEqual([2, 2, 2])
    // Idle again: the next caller starts its own run.
    const later = ask()
    expect(started).toBe(3)
    ends[2]()
    expect(await later).toBe(3)
  })

  it('starts the next run even when the one before it failed, and lets only that one’s callers see the failure', async () => {
    let calls = 0
    const ask = shareNext(async () => {
      calls++
      if (calls === 1) throw new Error('disk full')
      return calls
    })
    const failing = ask()
    const next = ask()
    await expect(failing).rejects.toThrow('disk full')
    expect(await next).toBe(2)
  })
})

import { SingleFlight } from '../../server/core/single-flight'
import { later } from '../support/later'

describe('single flight', () => {
  it('lets concurrent asks for one key share one load, and the next ask after it settles load again', async () => {
    const flights = new SingleFlight<string>()
    const first = later<string>()
    const load = jest.fn(() => first.promise)
    const asks = [flights.run('a', load), flights.run('a', load), flights.run('a', load)]
    first.resolve('account')
    expect(await Promise.all(asks)).toEqual(['account', 'account', 'account'])
    expect(load).toHaveBeenCalledTimes(1)
    await flights.run('a', async () => 'again')
    expect(await flights.run('a', async () => 'afresh')).toBe('afresh')
  })

  it('keeps keys apart', async () => {
    const flights = new SingleFlight<string>()
    expect(await Promise.all([flights.run('a', async () => 'A'), flights.run('b', async () => 'B')])).toEqual(['A', 'B'])
  })

  it('after forget, starts a new load instead of sharing one begun before the change', async () => {
    const flights = new SingleFlight<string>()
    const before = later<string>()
    const old = flights.run('a', () => before.promise)
    flights.forget()
    const fresh = flights.run('a', async () => 'after the change')
    before.resolve('before the change')
    expect(await old).toBe('before the change')
    expect(await fresh).toBe('after the change')
    // The old load settling does not end the new one's flight early.
    const next = later<string>()
    const sharing = [flights.run('a', () => next.promise), flights.run('a', async () => 'not asked')]
    next.resolve('shared')
    expect(await Promise.all(sharing)).toEqual(['shared', 'shared'])
  })

  it('shares a failure with those who asked, and the next ask tries again', async () => {
    const flights = new SingleFlight<string>()
    const failing = later<string>()
    const asks = [flights.run('a', () => failing.promise), flights.run('a', () => failing.promise)]
    failing.reject(new Error('database gone'))
    await expect(Promise.all(asks)).rejects.toThrow('database gone')
    await Promise.allSettled(asks)
    expect(await flights.run('a', async () => 'back')).toBe('back')
  })
})

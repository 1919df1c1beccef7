import { Redis } from 'ioredis'
import { buildApp } from '../../server/app'
import { memoryCounters, redisCounters } from '../../server/core/counters'
import { freshDatabase, LONG_WINDOW_MS, PG_URL, testConfig } from '../support/server'

const REDIS_URL = process.env.TEST_REDIS_URL || null

// The server keeps no state of its own: two instances behind a load balancer share one PostgreSQL.
;(PG_URL ? describe : describe.skip)('two instances on one PostgreSQL', () => {
  // Two instances migrate and seed a fresh PostgreSQL schema: longer than jest's default 5 s on a busy machine.
  it('accepts on one instance a session made on the other, and shares rate limits', async () => {
    const database = await freshDatabase('postgres')
    const config = testConfig({ databaseUrl: PG_URL, limits: { ...testConfig().limits, login: { max: 4, windowMs: LONG_WINDOW_MS } } })
    const a = await buildApp(config, { db: database.db, logger: false })
    const b = await buildApp(config, { db: database.reconnect(), logger: false })
    try {
      const users = (await a.inject({ method: 'GET', url: '/api/auth/dev-users' })).json().users
      const login = await a.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: users[0].id }, remoteAddress: '10.1.1.1' })
      const me = await b.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${login.json().token}` } })
      expect(me.statusCode).toBe(200)
      expect(me.json().id).toBe(users[0].id)

      const codes = []
      for (const app of [a, b, a, b, a]) {
        codes.push((await app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: users[0].id }, remoteAddress: '10.1.1.1' })).statusCode)
      }
      // One login above already counted: the limit of 4 is reached across both instances.
      expect(codes).toEqual([200, 200, 200, 429, 429])
    } finally {
      await a.close()
      await b.close()
      await database.drop()
    }
  }, 60_000)
})

;(REDIS_URL ? describe : describe.skip)('rate-limit counters in Redis', () => {
  it('counts hits per window and starts again in the next', async () => {
    const redis = new Redis(REDIS_URL!)
    const counters = redisCounters(redis)
    const key = `test-${process.pid}-${Date.now()}`
    try {
      expect(await counters.hit(key, 60_000, 120_000)).toBe(1)
      expect(await counters.hit(key, 60_000, 150_000)).toBe(2)
      expect(await counters.hit(key, 60_000, 180_000)).toBe(1)
      expect(await redis.pttl(`yishi:rl:${key}:120000`)).toBeGreaterThan(60_000)
    } finally {
      await counters.close()
    }
  })
})

describe('rate-limit counters in memory (one SQLite file)', () => {
  it('counts hits per window and starts again in the next', async () => {
    const counters = memoryCounters()
    expect(await counters.hit('a', 60_000, 120_000)).toBe(1)
    expect(await counters.hit('a', 60_000, 150_000)).toBe(2)
    expect(await counters.hit('b', 60_000, 150_000)).toBe(1)
    expect(await counters.hit('a', 60_000, 180_000)).toBe(1)
  })

  it('drops ended windows when pruned, and only those', async () => {
    const counters = memoryCounters()
    await counters.hit('ended', 60_000, 0)
    await counters.hit('open', 600_000, 0)
    counters.prune(60_000)
    expect(await counters.hit('ended', 60_000, 0)).toBe(1) // its count was forgotten
    expect(await counters.hit('open', 600_000, 60_000)).toBe(2)
  })
})

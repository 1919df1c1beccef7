import { loadConfig, type Config } from '../../server/config'
import { describeEachDatabase, LONG_WINDOW_MS, startServer, testConfig, type TestServer } from '../support/server'

// The login limit is keyed by the client's address; only the proxies TRUST_PROXY names may say what
// that address is. A window of years keeps all the attempts of a test inside one window.
// Each case starts its own seeded server, which takes seconds on a busy machine.
const CASE_MS = 30_000

describeEachDatabase('accounts: the login limit and X-Forwarded-For', (dialect) => {
  async function withServer(env: Record<string, string>, run: (s: TestServer) => Promise<void>) {
    const config: Partial<Config> = {
      trustProxy: loadConfig(env).trustProxy,
      limits: { ...testConfig().limits, login: { max: 10, windowMs: LONG_WINDOW_MS } },
    }
    const s = await startServer(dialect, { config })
    try {
      await run(s)
    } finally {
      await s.close()
    }
  }

  /** 30 logins, each claiming a different client address; their statuses. */
  async function thirtyLogins(s: TestServer, remoteAddress: string) {
    const statuses: number[] = []
    for (let i = 0; i < 30; i++) {
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/auth/dev-login',
        payload: { userId: 1 },
        remoteAddress,
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
      })
      statuses.push(res.statusCode)
    }
    return statuses
  }

  it('ignores X-Forwarded-For when TRUST_PROXY is unset: the 11th login is refused', async () => {
    await withServer({}, async (s) => {
      expect(await thirtyLogins(s, '203.0.113.7')).toEqual([...Array(10).fill(200), ...Array(20).fill(429)])
    })
  }, CASE_MS)

  it('believes the nearest proxy with TRUST_PROXY=1', async () => {
    await withServer({ TRUST_PROXY: '1' }, async (s) => {
      expect(await thirtyLogins(s, '10.0.0.2')).toEqual(Array(30).fill(200))
    })
  }, CASE_MS)

  it('believes only the listed proxies with TRUST_PROXY=<addresses>', async () => {
    await withServer({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.1' }, async (s) => {
      expect(await thirtyLogins(s, '10.0.0.2')).toEqual(Array(30).fill(200))
      // A client reaching the server directly cannot choose its own address.
      expect((await thirtyLogins(s, '203.0.113.7')).filter((status) => status === 200)).toHaveLength(10)
    })
  }, CASE_MS)

  it('says in Retry-After how many seconds remain of the window', async () => {
    await withServer({}, async (s) => {
      await thirtyLogins(s, '203.0.113.8')
      const before = Date.now()
      const refused = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: 1 }, remoteAddress: '203.0.113.8' })
      const after = Date.now()
      expect(refused.statusCode).toBe(429)
      const windowEnd = (now: number) => Math.ceil((LONG_WINDOW_MS - (now % LONG_WINDOW_MS)) / 1000)
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(windowEnd(before))
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(windowEnd(after))
    })
  }, CASE_MS)
})

describe('TRUST_PROXY', () => {
  it('is off unless set', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false)
  })

  it('takes a hop count or a list of proxy addresses', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.1' }).trustProxy).toEqual(['10.0.0.0/8', '192.0.2.1'])
  })
})

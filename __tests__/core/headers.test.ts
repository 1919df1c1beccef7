import { buildApp } from '../../server/app'
import { describeEachDatabase, freshDatabase, startServer, testConfig, type TestServer } from '../support/server'

// Starting a seeded server takes seconds on a busy machine.
const STARTUP_MS = 30_000

// Every /api answer may carry personal data: no shared or browser cache keeps it, and no browser
// sniffs it into something executable.
describeEachDatabase('http: headers on personal data', (dialect) => {
  let s: TestServer
  let resident: { authorization: string }
  beforeAll(async () => {
    s = await startServer(dialect)
    resident = await s.loginAs('居民代表 · 梧桐新村3号楼（已认证）')
  }, STARTUP_MS)
  afterAll(() => s.close())

  it.each([
    ['a signed-in read', 'GET', '/api/me', true, 200],
    ['a write', 'POST', '/api/me/privacy', true, 200],
    ['the health check', 'GET', '/api/health', false, 200],
    ['a refusal', 'GET', '/api/verifications', true, 403],
    ['an anonymous call', 'GET', '/api/me', false, 401],
    ['an unknown URL', 'GET', '/api/nothing-here', false, 404],
  ] as const)('marks %s no-store and nosniff', async (_name, method, url, signedIn, status) => {
    const res = await s.app.inject({ method, url, headers: signedIn ? resident : {} })
    expect(res.statusCode).toBe(status)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })

  it('marks bad input too', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: 'x' } })
    expect(res.statusCode).toBe(400)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })
})

describe('http: a route that chooses its own caching', () => {
  it('keeps its Cache-Control', async () => {
    const database = await freshDatabase('sqlite')
    const app = await buildApp(testConfig(), { db: database.db, logger: false })
    app.get('/api/test/cached', { config: { public: true } }, async (_request, reply) => {
      reply.header('cache-control', 'private, max-age=60')
      return { ok: true }
    })
    try {
      const res = await app.inject({ method: 'GET', url: '/api/test/cached' })
      expect(res.headers['cache-control']).toBe('private, max-age=60')
      expect(res.headers['x-content-type-options']).toBe('nosniff')
    } finally {
      await app.close()
      await database.drop()
    }
  }, STARTUP_MS)
})

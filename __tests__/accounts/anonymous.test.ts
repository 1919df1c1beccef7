import { describeEachDatabase, startServer, type TestServer } from '../support/server'

// Authentication comes before validation: an anonymous caller of a protected route is told to sign in
// and nothing else, whatever it sends, so it cannot map the API's fields by their error messages.
// WeChat's own calls are open too, each checked by its signature: fetching an image it checks, and its verdicts.
const PUBLIC_ROUTES = [
  'GET /api/auth/dev-users',
  'GET /api/health',
  // A photo or its thumbnail opens with a signed URL (<Image> sends no header); without one it is 401
  // (__tests__/media/signed-urls.test.ts).
  'GET /api/media/:id',
  'GET /api/media/:id/check-copy',
  'GET /api/media/:id/thumb',
  'GET /api/wechat/media-check-callback',
  'POST /api/auth/dev-login',
  'POST /api/auth/wechat',
  'POST /api/wechat/media-check-callback',
]

describeEachDatabase('accounts: anonymous callers', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect)
  })
  afterAll(() => s.close())

  const apiRoutes = () => s.app.routeTable.filter((r) => r.url.startsWith('/api/'))
  // Every path parameter wrong (a word where an id goes), every query parameter out of range.
  const brokenUrl = (url: string) => `${url.replace(/:[A-Za-z]+/g, 'x')}?limit=Infinity&cursor=%00&unitId=-1`

  it('opens only health and login to anonymous callers', () => {
    const open = apiRoutes()
      .filter((r) => r.public)
      .map((r) => `${r.method} ${r.url}`)
      .sort()
    expect(open).toEqual(PUBLIC_ROUTES)
  })

  it('answers every other route 401 before looking at params, query or body', async () => {
    const bodies: ({ payload: object } | { payload: string; headers: Record<string, string> } | object)[] = [
      {},
      { payload: {} },
      { payload: { __proto__: { admin: true }, title: 123, id: 'x' } },
      { payload: '{"title":', headers: { 'content-type': 'application/json' } },
      { payload: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ]
    const answers: string[] = []
    for (const r of apiRoutes().filter((route) => !route.public)) {
      for (const extra of bodies) {
        const res = await s.app.inject({ method: r.method as 'GET', url: brokenUrl(r.url), ...extra })
        const error = res.json().error
        answers.push(`${r.method} ${r.url} → ${res.statusCode} ${JSON.stringify(error)}`)
      }
    }
    expect(answers.length).toBeGreaterThan(60 * 5)
    expect(answers.filter((a) => !a.endsWith('→ 401 {"code":"unauthorized","message":"请先登录"}'))).toEqual([])
  })

  it('still validates the public routes', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: {} })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.field).toBe('userId')
  })

  it('still answers an unknown URL 404', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/no-such-thing', payload: {} })
    expect(res.statusCode).toBe(404)
  })
})

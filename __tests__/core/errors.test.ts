import { describeEachDatabase, startServer, testConfig, type TestServer } from '../support/server'

describeEachDatabase('http: errors, limits, idempotency, health', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect, { config: { bodyLimitBytes: 2048, limits: { ...testConfig().limits, login: { max: 3, windowMs: 60_000 } } } })
  })
  afterAll(() => s.close())

  it('reports the database in /api/health', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true, database: 'up', dialect })
  })

  it('answers unknown routes with JSON 404', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/nothing-here' })
    expect(res.statusCode).toBe(404)
    expect(res.json().error).toEqual({ code: 'not_found', message: '您访问的内容不存在' })
  })

  it('names the missing field in Chinese', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: {} })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toEqual({ code: 'invalid_input', field: 'userId', message: '请填写账号' })
  })

  it('refuses unknown fields, bad JSON and oversized bodies without a 500', async () => {
    const extra = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: 1, admin: true } })
    expect(extra.statusCode).toBe(400)
    expect(extra.json().error.field).toBe('admin')

    const badJson = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', headers: { 'content-type': 'application/json' }, payload: '{"userId":' })
    expect(badJson.statusCode).toBe(400)
    expect(badJson.json().error.code).toBe('invalid_json')

    const big = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: 1, pad: 'x'.repeat(4000) } })
    expect(big.statusCode).toBe(413)
    expect(big.json().error.code).toBe('body_too_large')

    const wrongType = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: 'abc' } })
    expect(wrongType.statusCode).toBe(400)
    expect(wrongType.json().error.message).toBe('账号的格式不正确')
  })

  it('replays a retried write with the same Idempotency-Key and writes once', async () => {
    const resident = await s.loginAs('居民 · 梧桐新村1号楼（未认证）')
    const b = await s.app.db.kysely.selectFrom('units').select('id').where('level', '=', 'building').executeTakeFirstOrThrow()
    const send = (room: string) =>
      s.app.inject({ method: 'POST', url: '/api/me/residence', headers: { ...resident, 'idempotency-key': 'k-1' }, payload: { buildingId: b.id, room } })
    const first = await send('101')
    const before = await s.app.db.kysely.selectFrom('residences').selectAll().where('user_id', '=', resident.userId).execute()
    const retry = await send('101')
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    const after = await s.app.db.kysely.selectFrom('residences').selectAll().where('user_id', '=', resident.userId).execute()
    expect(after).toEqual(before)

    const misuse = await send('102')
    expect(misuse.statusCode).toBe(422)
    expect(misuse.json().error.code).toBe('idempotency_key_reused')
  })

  it('lets concurrent twins of one write land once', async () => {
    const resident = await s.loginAs(/^居民 · 香樟苑1号楼/)
    const before = await s.app.db.kysely.selectFrom('idempotency_keys').select('key').where('user_id', '=', resident.userId).execute()
    const res = await Promise.all(
      [1, 2, 3].map(() => s.app.inject({ method: 'POST', url: '/api/me/privacy', headers: { ...resident, 'idempotency-key': 'twin' } })),
    )
    expect(res.map((r) => r.statusCode)).toEqual([200, 200, 200])
    const keys = await s.app.db.kysely.selectFrom('idempotency_keys').select('key').where('user_id', '=', resident.userId).execute()
    expect(keys.length - before.length).toBe(1)
  })

  it('limits logins per address with a readable 429', async () => {
    // Windows are fixed and aligned to the minute: hold the clock mid-window so the count cannot reset mid-test.
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Math.floor(Date.now() / 60_000) * 60_000 + 30_000)
    try {
      const body = { userId: 999999 }
      const codes: number[] = []
      for (let i = 0; i < 5; i++) codes.push((await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: body, remoteAddress: '10.9.9.9' })).statusCode)
      expect(codes).toEqual([404, 404, 404, 429, 429])
      const res = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: body, remoteAddress: '10.9.9.9' })
      expect(res.json().error).toEqual({ code: 'rate_limited', message: '操作太频繁了，请 1 分钟后再试' })
    } finally {
      clock.mockRestore()
    }
  })

  it('refuses dev login outside dev mode', async () => {
    const prod = await startServer(dialect, { config: { authMode: 'wechat', seedDemo: true } })
    try {
      const res = await prod.app.inject({ method: 'GET', url: '/api/auth/dev-users' })
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('dev_login_disabled')
      const login = await prod.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: 1 } })
      expect(login.statusCode).toBe(403)
      expect(await prod.app.db.kysely.selectFrom('sessions').select('user_id').execute()).toEqual([])
    } finally {
      await prod.close()
    }
  })
})

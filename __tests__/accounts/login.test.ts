import { describeEachDatabase, startServer, type TestServer } from '../support/server'

describeEachDatabase('accounts: login, me, verification', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect)
  })
  afterAll(() => s.close())

  it('lists demo users in dev mode and logs one in', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/auth/dev-users' })
    expect(res.statusCode).toBe(200)
    const users = res.json().users
    expect(users.length).toBeGreaterThanOrEqual(40)
    const resident = users.find((u: { description: string }) => u.description === '居民代表 · 梧桐新村3号楼（已认证）')
    expect(resident.label).toBe('3号楼居民')
    const login = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: resident.id } })
    expect(login.statusCode).toBe(200)
    const { token, user } = login.json()
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    expect(user).toMatchObject({ label: '3号楼居民', verified: true, roles: [] })
    expect(user.residence).toMatchObject({ buildingName: '3号楼', estateName: '梧桐新村', status: 'approved', isRepresentative: true })
    const me = await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })
    expect(me.json().id).toBe(resident.id)
  })

  it('labels every demo account as /api/me labels it', async () => {
    const users = (await s.app.inject({ method: 'GET', url: '/api/auth/dev-users' })).json().users as { id: number; label: string }[]
    for (const u of users) {
      const { token } = (await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: u.id } })).json()
      const me = await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })
      expect({ id: u.id, label: me.json().label }).toEqual({ id: u.id, label: u.label })
    }
  })

  it('stores only a hash of the session token', async () => {
    const { authorization } = await s.loginAs('居委会 · 梧桐居民区')
    const token = authorization.slice('Bearer '.length)
    const rows = await s.app.db.kysely.selectFrom('sessions').select('token_hash').execute()
    expect(rows.some((r) => r.token_hash === token)).toBe(false)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true)
  })

  it('refuses an unknown or logged-out token with 401', async () => {
    const bad = await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer nope' } })
    expect(bad.statusCode).toBe(401)
    expect(bad.json().error.code).toBe('unauthorized')
    const { authorization } = await s.loginAs(/^居民 · 安和花园1号楼/)
    expect((await s.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization } })).statusCode).toBe(200)
    expect((await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization } })).statusCode).toBe(401)
  })
})

describeEachDatabase('accounts: sign out everywhere', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect)
  })
  afterAll(() => s.close())

  it('ends every session of the caller and no one else’s', async () => {
    const phone = await s.loginAs('居委会 · 梧桐居民区')
    const laptop = await s.loginAs('居委会 · 梧桐居民区')
    const tablet = await s.loginAs('居委会 · 梧桐居民区')
    const colleague = await s.loginAs('居委会 · 香樟居民区')
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: { authorization: phone.authorization } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true })
    for (const session of [phone, laptop, tablet]) {
      expect((await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: session.authorization } })).statusCode).toBe(401)
    }
    expect((await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: colleague.authorization } })).statusCode).toBe(200)
    expect(await s.app.db.kysely.selectFrom('sessions').select('token_hash').where('user_id', '=', phone.userId).execute()).toEqual([])
    // A new login works as before.
    const again = await s.loginAs('居委会 · 梧桐居民区')
    expect((await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: again.authorization } })).statusCode).toBe(200)
  })
})

import { ACCOUNT_TTL_MS, accountCache } from '../../server/accounts/account-cache'
import { describeEachDatabase, startServer, unitId, type JsonBody, type TestServer } from '../support/server'

// Who a session is, is kept briefly per process; every change to it must show on the very next request.
describeEachDatabase('accounts: the cached account of a session', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect)
  })
  afterAll(() => s.close())

  const call = async (who: { authorization: string }, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const res = await s.app.inject({ method, url, headers: { authorization: who.authorization }, ...(payload ? { payload } : {}) })
    return { status: res.statusCode, body: res.json() as JsonBody }
  }
  const me = async (who: { authorization: string }) => (await call(who, 'GET', '/api/me')).body
  async function newcomer(): Promise<{ authorization: string; userId: number }> {
    const { id } = await s.app.db.kysely.insertInto('users').values({ demo_description: `新人 ${Math.random()}`, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow()
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: id } })
    return { authorization: `Bearer ${res.json().token}`, userId: id }
  }

  it('sees a role given and a role taken away on the next request', async () => {
    const moderator = await s.loginAs('居委会 · 梧桐居民区')
    const wutong = await unitId(s, '梧桐居民区')
    const person = await newcomer()
    expect((await me(person)).roles).toEqual([]) // cached without a role
    const code = (await call(moderator, 'POST', '/api/invitations', { role: 'moderator', unitId: wutong })).body.code
    expect((await call(person, 'POST', '/api/invitations/accept', { code })).status).toBe(200)
    expect((await me(person)).roles).toMatchObject([{ role: 'moderator', unitId: wutong }])
    expect((await call(person, 'GET', '/api/verifications')).status).toBe(200)

    const grant = (await call(moderator, 'GET', `/api/staff?unitId=${wutong}`)).body.items.find((m: JsonBody) => m.userId === person.userId)
    expect((await call(moderator, 'DELETE', `/api/staff/${grant.grantId}`)).status).toBe(200)
    expect((await me(person)).roles).toEqual([])
    expect((await call(person, 'GET', '/api/verifications')).status).toBe(403)
  })

  it('sees a residence asked for, approved and named 居民代表, and the privacy notice agreed, on the next request', async () => {
    const moderator = await s.loginAs('居委会 · 梧桐居民区')
    const person = await newcomer()
    expect(await me(person)).toMatchObject({ residence: null, verified: false, privacyAcceptedAt: null })
    expect((await call(person, 'POST', '/api/me/privacy')).status).toBe(200)
    expect((await me(person)).privacyAcceptedAt).not.toBeNull()

    const building = await unitId(s, '5号楼', '梧桐新村')
    const asked = await call(person, 'POST', '/api/me/residence', { buildingId: building, room: '1203' })
    expect(asked.status).toBe(201)
    expect((await me(person)).residence).toMatchObject({ status: 'pending', room: '1203' })
    expect((await call(moderator, 'POST', `/api/verifications/${asked.body.id}/approve`, {})).status).toBe(200)
    expect(await me(person)).toMatchObject({ verified: true, label: '5号楼居民', residence: { status: 'approved', isRepresentative: false } })
    expect((await call(moderator, 'PUT', `/api/residences/${asked.body.id}/representative`, { isRepresentative: true })).status).toBe(200)
    expect((await me(person)).residence).toMatchObject({ isRepresentative: true })
  })

  it('refuses a session on the request after it was ended, here or everywhere', async () => {
    const person = await newcomer()
    const other = { authorization: `Bearer ${(await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: person.userId } })).json().token}` }
    expect((await call(person, 'GET', '/api/me')).status).toBe(200)
    expect((await call(other, 'GET', '/api/me')).status).toBe(200)
    expect((await call(person, 'POST', '/api/auth/logout')).status).toBe(200)
    expect((await call(person, 'GET', '/api/me')).status).toBe(401)
    expect((await call(other, 'GET', '/api/me')).status).toBe(200)

    const third = { authorization: `Bearer ${(await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: person.userId } })).json().token}` }
    expect((await call(third, 'GET', '/api/me')).status).toBe(200)
    expect((await call(other, 'POST', '/api/auth/logout-all')).status).toBe(200)
    expect((await call(other, 'GET', '/api/me')).status).toBe(401)
    expect((await call(third, 'GET', '/api/me')).status).toBe(401)
  })

  it('reads a change it was not told of (another server process) once the short lifetime has passed', async () => {
    const person = await newcomer()
    const token = person.authorization.slice('Bearer '.length)
    const cache = accountCache(s.app)
    const now = new Date()
    expect((await cache.lookup(s.app.db, token, now))?.principal.grants).toEqual([])
    const wutong = await unitId(s, '梧桐居民区')
    await s.app.db.kysely.insertInto('role_grants').values({ user_id: person.userId, role: 'moderator', unit_id: wutong, label: null, created_at: now.toISOString() }).execute()
    expect((await cache.lookup(s.app.db, token, now))?.principal.grants).toEqual([])
    const later = new Date(now.getTime() + ACCOUNT_TTL_MS + 1)
    expect((await cache.lookup(s.app.db, token, later))?.principal.grants).toEqual([{ role: 'moderator', unitId: wutong }])
  })
})

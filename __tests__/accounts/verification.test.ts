import { describeEachDatabase, startServer, unitId, type TestServer } from '../support/server'

describeEachDatabase('accounts: residence verification', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect)
  })
  afterAll(() => s.close())

  const buildingId = (estate: string, building: string) => unitId(s, building, estate)

  it('takes a resident from request to verified, and logs the moderator', async () => {
    const resident = await s.loginAs('居民 · 梧桐新村1号楼（未认证）')
    const moderator = await s.loginAs('居委会 · 梧桐居民区')
    const b5 = await buildingId('梧桐新村', '5号楼')

    const req = await s.app.inject({ method: 'POST', url: '/api/me/residence', headers: resident, payload: { buildingId: b5, room: ' 5－302 ' } })
    expect(req.statusCode).toBe(201)
    expect(req.json()).toMatchObject({ buildingName: '5号楼', estateName: '梧桐新村', room: '5-302', status: 'pending' })

    // A second request while pending replaces the first instead of queueing twice.
    const again = await s.app.inject({ method: 'POST', url: '/api/me/residence', headers: resident, payload: { buildingId: b5, room: '302' } })
    expect(again.json()).toMatchObject({ id: req.json().id, room: '302' })

    const queue = await s.app.inject({ method: 'GET', url: '/api/verifications?status=pending', headers: moderator })
    const mine = queue.json().items.filter((i: { userId: number }) => i.userId === resident.userId)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ room: '302', buildingName: '5号楼' })

    const ok = await s.app.inject({ method: 'POST', url: `/api/verifications/${mine[0].id}/approve`, headers: moderator, payload: { isRepresentative: true } })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().status).toBe('approved')

    const me = (await s.app.inject({ method: 'GET', url: '/api/me', headers: resident })).json()
    expect(me).toMatchObject({ verified: true, label: '5号楼居民', residence: { status: 'approved', isRepresentative: true } })

    const log = await s.app.db.kysely.selectFrom('moderation_log').selectAll().where('target_id', '=', mine[0].id).execute()
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ actor_id: moderator.userId, action: 'verification.approve', target_type: 'residence' })

    const twice = await s.app.inject({ method: 'POST', url: `/api/verifications/${mine[0].id}/approve`, headers: moderator, payload: {} })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.code).toBe('already_reviewed')
  })

  it('rejects with a reason the resident can read', async () => {
    const moderator = await s.loginAs('居委会 · 梧桐居民区')
    const pending = (await s.app.inject({ method: 'GET', url: '/api/verifications', headers: moderator })).json().items
    const target = pending.find((p: { buildingName: string; room: string }) => p.room === '1601')
    const res = await s.app.inject({ method: 'POST', url: `/api/verifications/${target.id}/reject`, headers: moderator, payload: { reason: '请到居委会核对房产信息' } })
    expect(res.statusCode).toBe(200)
    const resident = await s.loginAs('居民 · 安和花园2号楼（待审核）')
    const me = (await s.app.inject({ method: 'GET', url: '/api/me', headers: resident })).json()
    expect(me).toMatchObject({ verified: false, label: '居民', residence: { status: 'rejected', reason: '请到居委会核对房产信息' } })
  })

  it('keeps a moderator to their own 居民区 and lets the 街镇 admin review all', async () => {
    const other = await s.loginAs('居委会 · 香樟居民区')
    const own = await s.loginAs('居委会 · 梧桐居民区')
    const ownQueue = (await s.app.inject({ method: 'GET', url: '/api/verifications', headers: own })).json().items
    const otherQueue = (await s.app.inject({ method: 'GET', url: '/api/verifications', headers: other })).json().items
    const wutong = ownQueue[0]
    expect(otherQueue.some((i: { id: number }) => i.id === wutong.id)).toBe(false)

    const refused = await s.app.inject({ method: 'POST', url: `/api/verifications/${wutong.id}/approve`, headers: other, payload: {} })
    expect(refused.statusCode).toBe(403)
    const row = await s.app.db.kysely.selectFrom('residences').select('status').where('id', '=', wutong.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('pending')

    const admin = await s.loginAs('街道工作人员 · 长宁示范街道')
    const all = (await s.app.inject({ method: 'GET', url: '/api/verifications', headers: admin })).json().items
    expect(all.length).toBe(ownQueue.length + otherQueue.length)
  })

  it('refuses a residence outside any 楼组 and an unreadable room, naming the field', async () => {
    const resident = await s.loginAs('居民 · 梧桐新村1号楼（未认证）')
    const estate = (await s.app.db.kysely.selectFrom('units').select('id').where('level', '=', 'estate').executeTakeFirstOrThrow()).id
    const notBuilding = await s.app.inject({ method: 'POST', url: '/api/me/residence', headers: resident, payload: { buildingId: estate, room: '101' } })
    expect(notBuilding.statusCode).toBe(400)
    expect(notBuilding.json().error).toMatchObject({ code: 'invalid_input', field: 'buildingId', message: '请选择您所在的楼组' })
    const badRoom = await s.app.inject({ method: 'POST', url: '/api/me/residence', headers: resident, payload: { buildingId: estate, room: '<script>' } })
    expect(badRoom.statusCode).toBe(400)
    expect(badRoom.json().error.field).toBe('room')
  })

  it('counts verified households per unit for the 上云率', async () => {
    const resident = await s.loginAs('居民 · 梧桐新村1号楼（未认证）')
    const { units } = (await s.app.inject({ method: 'GET', url: '/api/units', headers: resident })).json()
    expect(units).toHaveLength(1)
    const street = units[0]
    const wutong = street.children.find((n: { name: string }) => n.name === '梧桐居民区')
    const xincun = wutong.children.find((n: { name: string }) => n.name === '梧桐新村')
    const b3 = xincun.children.find((n: { name: string }) => n.name === '3号楼')
    expect(xincun.housingType).toBe('public_sold')
    expect(b3).toMatchObject({ households: 36, verifiedHouseholds: 6 })
    expect(xincun.households).toBe(6 * 36)
    expect(street.households).toBe(wutong.households + street.children[1].households)
  })
})

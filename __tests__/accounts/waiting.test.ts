import { median } from '../../server/accounts/queries'
import { MATRIX_ACCOUNTS } from '../support/route-matrix'
import { describeEachDatabase, startServer, unitId, type TestServer } from '../support/server'

// What a resident who is not verified yet is told: how many open topics wait for them, how long their
// 居委会 usually takes, and how to reach it.
describeEachDatabase('accounts: waiting for verification', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect)
  })
  afterAll(() => s.close())

  const get = (url: string, headers: { authorization?: string }) => s.app.inject({ method: 'GET', url, headers })

  it('counts the open topics an unverified resident cannot read yet, and none for a verified one', async () => {
    const wutong = await unitId(s, '梧桐居民区')
    const resident = await s.loginAs(MATRIX_ACCOUNTS.resident)
    const visible = (await get(`/api/topics?active=1&limit=50&unitId=${wutong}`, resident)).json().items
    expect(visible.length).toBeGreaterThan(0)

    const unverified = await s.loginAs(MATRIX_ACCOUNTS.unverified)
    const hidden = await get(`/api/topics/hidden?neighbourhoodId=${wutong}`, unverified)
    expect(hidden.statusCode).toBe(200)
    expect(hidden.json()).toEqual({ open: visible.length })
    // Without a 居民区 it counts every one: at least those of 梧桐.
    expect((await get('/api/topics/hidden', unverified)).json().open).toBeGreaterThanOrEqual(visible.length)

    expect((await get(`/api/topics/hidden?neighbourhoodId=${wutong}`, resident)).json()).toEqual({ open: 0 })
    expect((await get('/api/topics/hidden', {})).statusCode).toBe(401)
  })

  it('lets the 居委会 write its contact on the 居民区 only', async () => {
    const moderator = await s.loginAs(MATRIX_ACCOUNTS.moderator)
    const wutong = await unitId(s, '梧桐居民区')
    const set = await s.app.inject({ method: 'PATCH', url: `/api/units/${wutong}`, headers: moderator, payload: { contact: ' 电话 6201-1234，工作日 9:00–17:00 ' } })
    expect(set.statusCode).toBe(200)
    expect(set.json().contact).toBe('电话 6201-1234，工作日 9:00–17:00')

    const building = await unitId(s, '5号楼', '梧桐新村')
    const wrong = await s.app.inject({ method: 'PATCH', url: `/api/units/${building}`, headers: moderator, payload: { contact: '6201' } })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().error.message).toContain('居民区')

    const other = await s.loginAs(MATRIX_ACCOUNTS.otherModerator)
    expect((await s.app.inject({ method: 'PATCH', url: `/api/units/${wutong}`, headers: other, payload: { contact: '6209' } })).statusCode).toBe(403)
    const log = await s.app.db.kysely.selectFrom('moderation_log').select('action').where('target_id', '=', wutong).where('action', '=', 'unit.update').execute()
    expect(log.length).toBeGreaterThan(0)
  })

  it('tells a pending resident the median review time of their 居委会 and its contact', async () => {
    const wutong = await unitId(s, '梧桐居民区')
    const unverified = await s.loginAs(MATRIX_ACCOUNTS.unverified)
    expect((await get('/api/me/residence/wait', unverified)).statusCode).toBe(404)

    const b5 = await unitId(s, '5号楼', '梧桐新村')
    expect((await s.app.inject({ method: 'POST', url: '/api/me/residence', headers: unverified, payload: { buildingId: b5, room: '302' } })).statusCode).toBe(201)

    // Reviews in 梧桐 that took 2, 10 and 30 hours, whatever the demo data had.
    const db = s.app.db.kysely
    const inWutong = await db
      .selectFrom('residences as r')
      .innerJoin('units as b', 'b.id', 'r.building_id')
      .innerJoin('units as e', 'e.id', 'b.parent_id')
      .select('r.id')
      .where('e.parent_id', '=', wutong)
      .where('r.user_id', '!=', unverified.userId)
      .orderBy('r.id')
      .execute()
    expect(inWutong.length).toBeGreaterThanOrEqual(3)
    await db.updateTable('residences').set({ reviewed_at: null }).where('id', 'in', inWutong.map((r) => r.id)).execute()
    for (const [i, hours] of [2, 10, 30].entries()) {
      const requested = Date.parse('2026-03-01T08:00:00Z')
      await db
        .updateTable('residences')
        .set({ requested_at: new Date(requested).toISOString(), reviewed_at: new Date(requested + hours * 3_600_000).toISOString() })
        .where('id', '=', inWutong[i].id)
        .execute()
    }
    const wait = await get('/api/me/residence/wait', unverified)
    expect(wait.statusCode).toBe(200)
    expect(wait.json()).toEqual({ neighbourhoodName: '梧桐居民区', contact: '电话 6201-1234，工作日 9:00–17:00', typicalHours: 10, reviewedCount: 3 })
  })
})

describe('accounts: median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull()
    expect(median([30, 2, 10])).toBe(10)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })
})

import { sweep } from '../../server/maintenance'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'

const DAY = 86_400_000

// A client may retry a queued write days later (a draft kept while offline); the hourly sweep must not
// have forgotten its Idempotency-Key by then, or the retry writes a second time.
describeEachDatabase('http: how long an Idempotency-Key replays', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect)
  })
  afterAll(() => s.close())

  it('replays a retry two days later, after the sweep has run, and forgets the key after 30 days', async () => {
    const resident = await s.loginAs('居民 · 梧桐新村1号楼（未认证）')
    const b = await s.app.db.kysely.selectFrom('units').select('id').where('level', '=', 'building').executeTakeFirstOrThrow()
    const send = () =>
      s.app.inject({ method: 'POST', url: '/api/me/residence', headers: { ...resident, 'idempotency-key': 'draft-7' }, payload: { buildingId: b.id, room: '101' } })
    const residences = () => s.app.db.kysely.selectFrom('residences').selectAll().where('user_id', '=', resident.userId).execute()
    const keys = () => s.app.db.kysely.selectFrom('idempotency_keys').select('key').where('user_id', '=', resident.userId).execute()

    const first = await send()
    expect(first.statusCode).toBe(201)
    const stored = await residences()

    await sweep(s.app, Date.now() + 2 * DAY)
    const retry = await send()
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    expect(await residences()).toEqual(stored)

    await sweep(s.app, Date.now() + 29 * DAY)
    expect(await keys()).toEqual([{ key: 'draft-7' }])
    await sweep(s.app, Date.now() + 31 * DAY)
    expect(await keys()).toEqual([])
  })
})

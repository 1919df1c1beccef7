import type { IndexComparison, IndexReport } from '../../types'
import { MATRIX_ACCOUNTS } from '../support/route-matrix'
import { describeEachDatabase, startServer, unitId, type TestServer } from '../support/server'

jest.setTimeout(60_000)

// The 街镇 admin compares its 居民区 side by side: one request, each column what that 居民区's own report says.
describeEachDatabase('indicators: the 街镇 comparison', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect)
  }, 60_000)
  afterAll(() => s.close())

  const get = (url: string, headers: { authorization?: string }) => s.app.inject({ method: 'GET', url, headers })

  it('gives every 居民区 of the 街镇 in one answer, agreeing with each one report', async () => {
    const admin = await s.loginAs(MATRIX_ACCOUNTS.admin)
    const street = await unitId(s, '长宁示范街道')
    const res = await get('/api/indicators/compare?period=2026', admin)
    expect(res.statusCode).toBe(200)
    const table: IndexComparison = res.json()
    expect(table.street).toEqual({ id: street, name: '长宁示范街道' })
    expect(table.period.id).toBe('2026')

    const neighbourhoods = await s.app.db.kysely.selectFrom('units').select(['id', 'name']).where('parent_id', '=', street).orderBy('id').execute()
    expect(neighbourhoods.length).toBeGreaterThan(1)
    expect(table.neighbourhoods.map((n) => n.name)).toEqual(neighbourhoods.map((n) => n.name))

    // The rows: the total, the four first-level indicators, the second-level ones under them.
    expect(table.items[0]).toMatchObject({ name: '总分', depth: 0, max: 100 })
    expect(table.items.filter((i) => i.depth === 1)).toHaveLength(4)
    expect(table.items.some((i) => i.depth === 2)).toBe(true)
    expect(table.items.every((i) => i.depth <= 2)).toBe(true)

    for (const column of table.neighbourhoods) {
      expect(column.cells).toHaveLength(table.items.length)
      const report: IndexReport = (await get(`/api/indicators?unitId=${column.id}&period=2026`, admin)).json()
      expect(column.cells[0]).toEqual({ points: report.result.total, missing: report.result.missing.length })
      const firstLevel = table.items.flatMap((item, i) => (item.depth === 1 ? [{ item, cell: column.cells[i] }] : []))
      expect(firstLevel.map(({ item, cell }) => [item.id, cell.points])).toEqual(report.result.children.map((c) => [c.id, c.points]))
    }
  })

  it('is the 街镇 admin\'s alone', async () => {
    const street = await unitId(s, '长宁示范街道')
    for (const who of [MATRIX_ACCOUNTS.moderator, MATRIX_ACCOUNTS.resident, MATRIX_ACCOUNTS.unverified]) {
      const res = await get(`/api/indicators/compare?streetId=${street}`, await s.loginAs(who))
      expect(res.statusCode).toBe(403)
      expect(res.json().error.message).toMatch(/街镇/)
    }
    expect((await get('/api/indicators/compare', {})).statusCode).toBe(401)
    const admin = await s.loginAs(MATRIX_ACCOUNTS.admin)
    const neighbourhood = await unitId(s, '梧桐居民区')
    expect((await get(`/api/indicators/compare?streetId=${neighbourhood}`, admin)).statusCode).toBe(400)
    expect((await get('/api/indicators/compare?period=2026H3', admin)).statusCode).toBe(400)
  })
})

import { describeEachDatabase, startServer, type TestServer } from '../support/server'

// The notifications list pages with core's keyset cursor.
describeEachDatabase('notifications: paging', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect)
  })
  afterAll(() => s.close())

  it('pages newest first to the end, and refuses a cursor it did not make', async () => {
    const { authorization, userId } = await s.loginAs(/^居民 · 安和花园2号楼/)
    const list = (query: string) => s.app.inject({ method: 'GET', url: `/api/notifications${query}`, headers: { authorization } })
    const before = (await list('')).json().unread as number
    const at = new Date().toISOString()
    await s.app.db.kysely
      .insertInto('notifications')
      .values(
        [1, 2, 3, 4, 5].map((n) => ({ user_id: userId, kind: 'proposal.transition', title: `分页测试${n}`, body: '有更新', target_type: 'proposal', target_id: n, created_at: at, read_at: null })),
      )
      .execute()
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2'
      const res = await list(query)
      expect(res.statusCode).toBe(200)
      const page = res.json() as { items: { title: string }[]; nextCursor: string | null; unread: number }
      expect(page.unread).toBe(before + 5)
      seen.push(...page.items.map((i) => i.title))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.filter((t) => t.startsWith('分页测试'))).toEqual(['分页测试5', '分页测试4', '分页测试3', '分页测试2', '分页测试1'])

    const bad = await list('?cursor=not-a-cursor')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({ code: 'invalid_input', field: 'cursor' })
  })
})

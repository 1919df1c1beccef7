import { MATRIX_ACCOUNTS, routeMatrix, signInEach, type RouteCase } from '../support/route-matrix'
import { describeEachDatabase, startServer, unitId, type TestServer } from '../support/server'

// Every 居务公开 route called as every role. "ok": the permission check let the caller through (whatever
// came after it); 401 and 403: it did not. The resident is the demo's 居务监督委员会 member.
type Role = 'anonymous' | 'unverified' | 'resident' | 'outsider' | 'moderator' | 'otherModerator' | 'admin'
type Expect = 'ok' | 401 | 403
const ROLES: Role[] = ['anonymous', 'unverified', 'resident', 'outsider', 'moderator', 'otherModerator', 'admin']

const READERS: Record<Role, Expect> = { anonymous: 401, unverified: 403, resident: 'ok', outsider: 403, moderator: 'ok', otherModerator: 403, admin: 'ok' }
const RESIDENTS: Record<Role, Expect> = { anonymous: 401, unverified: 403, resident: 'ok', outsider: 403, moderator: 403, otherModerator: 403, admin: 403 }
const COMMITTEE: Record<Role, Expect> = { anonymous: 401, unverified: 403, resident: 403, outsider: 403, moderator: 'ok', otherModerator: 403, admin: 'ok' }

interface Ids {
  nb: number
  street: number
  key: string
  question: number
  supervisor: number
  resident: number
}

const CASES: RouteCase<Ids, Role>[] = [
  { method: 'GET', route: '/api/affairs', url: (i) => `/api/affairs?unitId=${i.nb}`, expect: READERS },
  {
    method: 'GET',
    route: '/api/affairs/summary',
    url: (i) => `/api/affairs/summary?streetId=${i.street}`,
    expect: { anonymous: 401, unverified: 403, resident: 403, outsider: 403, moderator: 403, otherModerator: 403, admin: 'ok' },
  },
  { method: 'GET', route: '/api/affairs/entries/:key', url: (i) => `/api/affairs/entries/${i.key}`, expect: READERS },
  { method: 'GET', route: '/api/affairs/entries/:key/notice', url: (i) => `/api/affairs/entries/${i.key}/notice`, expect: READERS },
  { method: 'POST', route: '/api/affairs/entries/:key/questions', url: (i) => `/api/affairs/entries/${i.key}/questions`, body: () => ({ body: '请问发票在哪里看？' }), expect: RESIDENTS },
  { method: 'POST', route: '/api/affairs/entries/:key/flags', url: (i) => `/api/affairs/entries/${i.key}/flags`, body: () => ({ body: '缺少发票照片' }), expect: RESIDENTS },
  { method: 'POST', route: '/api/affairs/entries/:key/corrections', url: (i) => `/api/affairs/entries/${i.key}/corrections`, body: () => ({ body: '金额更正', amount: 1 }), expect: COMMITTEE },
  {
    method: 'POST',
    route: '/api/affairs/funds',
    url: () => '/api/affairs/funds',
    body: (i) => ({ unitId: i.nb, title: '绿植', body: '楼道绿植', amount: 10, spentOn: '2025-01-02' }),
    expect: COMMITTEE,
  },
  { method: 'GET', route: '/api/affairs/queue', url: (i) => `/api/affairs/queue?unitId=${i.nb}`, expect: COMMITTEE },
  { method: 'POST', route: '/api/affairs/questions/:id/answer', url: (i) => `/api/affairs/questions/${i.question}/answer`, body: () => ({ answer: '已补充发票照片' }), expect: COMMITTEE },
  { method: 'GET', route: '/api/affairs/supervisors/candidates', url: (i) => `/api/affairs/supervisors/candidates?unitId=${i.nb}`, expect: COMMITTEE },
  { method: 'POST', route: '/api/affairs/supervisors', url: () => '/api/affairs/supervisors', body: (i) => ({ unitId: i.nb, userId: i.resident }), expect: COMMITTEE },
  { method: 'DELETE', route: '/api/affairs/supervisors/:id', url: (i) => `/api/affairs/supervisors/${i.supervisor}`, expect: COMMITTEE },
]

const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = { ...MATRIX_ACCOUNTS, outsider: '居民 · 香樟苑1号楼（已认证）' }

describeEachDatabase('permissions: 居务公开 routes × role', (dialect) => {
  let s: TestServer
  const headers = {} as Record<Role, Record<string, string>>
  let ids: Ids
  beforeAll(async () => {
    s = await startServer(dialect)
    Object.assign(headers, await signInEach(s, ACCOUNTS))
    const db = s.app.db.kysely
    const nb = await unitId(s, '梧桐居民区')
    const fund = await db.selectFrom('affairs_entries').select('id').where('kind', '=', 'fund').where('neighbourhood_id', '=', nb).orderBy('id').executeTakeFirstOrThrow()
    const flag = await db.selectFrom('affairs_questions').select('id').where('answered_at', 'is', null).where('neighbourhood_id', '=', nb).executeTakeFirstOrThrow()
    // A second member to remove, so the seeded one (the resident) keeps flagging.
    const other = await s.loginAs('居民 · 梧桐新村3号楼（已认证）')
    const appointed = await s.app.inject({ method: 'POST', url: '/api/affairs/supervisors', headers: headers.moderator, payload: { unitId: nb, userId: other.userId } })
    ids = { nb, street: await unitId(s, '长宁示范街道'), key: `fund-${fund.id}`, question: flag.id, supervisor: appointed.json().id, resident: other.userId }
  })
  afterAll(() => s.close())

  routeMatrix({ app: () => s.app, ids: () => ids, roles: ROLES, headers: (r) => headers[r], cases: CASES, prefixes: ['/api/affairs'] })
})

import { MATRIX_ACCOUNTS, routeMatrix, signInEach, type RouteCase } from '../support/route-matrix'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'

// Every route of accounts, community and content, called as every role. "ok" means the permission
// check let the caller through (whatever the outcome after it); 401 and 403 mean it did not.
type Role = 'anonymous' | 'unverified' | 'resident' | 'moderator' | 'otherModerator' | 'admin'
type Expect = 'ok' | 401 | 403
const ROLES: Role[] = ['anonymous', 'unverified', 'resident', 'moderator', 'otherModerator', 'admin']

const PUBLIC: Record<Role, Expect> = { anonymous: 'ok', unverified: 'ok', resident: 'ok', moderator: 'ok', otherModerator: 'ok', admin: 'ok' }
const SIGNED_IN: Record<Role, Expect> = { ...PUBLIC, anonymous: 401 }
const STAFF: Record<Role, Expect> = { ...SIGNED_IN, unverified: 403, resident: 403 }
const STAFF_OF_WUTONG: Record<Role, Expect> = { ...STAFF, otherModerator: 403 }
const ADMIN: Record<Role, Expect> = { ...STAFF, moderator: 403, otherModerator: 403 }

interface Ids {
  pendingWutong: number
  building: number
  estate: number
  street: number
}

const CASES: RouteCase<Ids, Role>[] = [
  { method: 'GET', route: '/api/health', url: () => '/api/health', expect: PUBLIC },
  { method: 'GET', route: '/api/auth/dev-users', url: () => '/api/auth/dev-users', expect: PUBLIC },
  { method: 'POST', route: '/api/auth/dev-login', url: () => '/api/auth/dev-login', body: () => ({ userId: 1 }), expect: PUBLIC },
  { method: 'POST', route: '/api/auth/wechat', url: () => '/api/auth/wechat', body: () => ({ code: 'x' }), expect: PUBLIC },
  { method: 'GET', route: '/api/me', url: () => '/api/me', expect: SIGNED_IN },
  { method: 'POST', route: '/api/me/export', url: () => '/api/me/export', expect: SIGNED_IN },
  { method: 'POST', route: '/api/me/privacy', url: () => '/api/me/privacy', expect: SIGNED_IN },
  { method: 'POST', route: '/api/me/residence', url: () => '/api/me/residence', body: (i) => ({ buildingId: i.building, room: '999' }), expect: SIGNED_IN },
  // Each asks about their own latest request: 404 for whoever has none, never a refusal.
  { method: 'GET', route: '/api/me/residence/wait', url: () => '/api/me/residence/wait', expect: SIGNED_IN },
  { method: 'GET', route: '/api/units', url: () => '/api/units', expect: SIGNED_IN },
  { method: 'POST', route: '/api/units', url: () => '/api/units', body: (i) => ({ parentId: i.estate, level: 'building', name: '9号楼', households: 20 }), expect: STAFF_OF_WUTONG },
  { method: 'PATCH', route: '/api/units/:id', url: (i) => `/api/units/${i.building}`, body: () => ({ households: 36 }), expect: STAFF_OF_WUTONG },
  { method: 'GET', route: '/api/community/import/template.xlsx', url: () => '/api/community/import/template.xlsx', expect: SIGNED_IN },
  { method: 'GET', route: '/api/community/import/template.csv', url: () => '/api/community/import/template.csv', expect: SIGNED_IN },
  // Sent as JSON here: the permission check comes before the file's type is looked at.
  { method: 'POST', route: '/api/community/import/preview', url: (i) => `/api/community/import/preview?streetId=${i.street}`, body: () => ({ file: '居民区' }), expect: ADMIN },
  { method: 'POST', route: '/api/community/import', url: () => '/api/community/import', body: () => ({ token: 'x' }), expect: ADMIN },
  { method: 'GET', route: '/api/verifications', url: () => '/api/verifications', expect: STAFF },
  { method: 'POST', route: '/api/verifications/:id/approve', url: (i) => `/api/verifications/${i.pendingWutong}/approve`, body: () => ({}), expect: STAFF_OF_WUTONG },
  { method: 'POST', route: '/api/verifications/:id/reject', url: (i) => `/api/verifications/${i.pendingWutong}/reject`, body: () => ({ reason: '信息不符' }), expect: STAFF_OF_WUTONG },
  { method: 'GET', route: '/api/content/words', url: () => '/api/content/words', expect: ADMIN },
  { method: 'POST', route: '/api/content/words', url: () => '/api/content/words', body: () => ({ word: '测试词', level: 'review' }), expect: ADMIN },
  { method: 'DELETE', route: '/api/content/words/:word', url: () => `/api/content/words/${encodeURIComponent('测试词')}`, expect: ADMIN },
  // The logouts last: they end the sessions the other cases use (renewed before each case).
  { method: 'POST', route: '/api/auth/logout-all', url: () => '/api/auth/logout-all', expect: SIGNED_IN },
  { method: 'POST', route: '/api/auth/logout', url: () => '/api/auth/logout', expect: SIGNED_IN },
]

const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = MATRIX_ACCOUNTS

const COVERED_PREFIXES = ['/api/health', '/api/auth/', '/api/me', '/api/units', '/api/community/', '/api/verifications', '/api/content/']

describeEachDatabase('permissions: every route × role', (dialect) => {
  let s: TestServer
  const headers = {} as Record<Role, Record<string, string>>
  let ids: Ids
  beforeAll(async () => {
    s = await startServer(dialect)
    Object.assign(headers, await signInEach(s, ACCOUNTS))
    const pending = await s.app.db.kysely
      .selectFrom('residences as r')
      .innerJoin('units as b', 'b.id', 'r.building_id')
      .innerJoin('units as e', 'e.id', 'b.parent_id')
      .innerJoin('units as n', 'n.id', 'e.parent_id')
      .select(['r.id', 'r.building_id'])
      .where('n.name', '=', '梧桐居民区')
      .where('r.status', '=', 'pending')
      .executeTakeFirstOrThrow()
    const building = await s.app.db.kysely.selectFrom('units').select('parent_id').where('id', '=', pending.building_id).executeTakeFirstOrThrow()
    const street = await s.app.db.kysely.selectFrom('units').select('id').where('level', '=', 'street').executeTakeFirstOrThrow()
    ids = { pendingWutong: pending.id, building: pending.building_id, estate: building.parent_id!, street: street.id }
  })
  afterAll(() => s.close())
  // A logout case ends the sessions of every role: the next case signs them in again.
  beforeEach(async () => {
    for (const [role, who] of Object.entries(ACCOUNTS)) {
      const me = await s.app.inject({ method: 'GET', url: '/api/me', headers: headers[role as Role] })
      if (me.statusCode === 401) headers[role as Role] = { authorization: (await s.loginAs(who)).authorization }
    }
  })

  routeMatrix({ app: () => s.app, ids: () => ids, roles: ROLES, headers: (role) => headers[role], cases: CASES, prefixes: COVERED_PREFIXES })
})

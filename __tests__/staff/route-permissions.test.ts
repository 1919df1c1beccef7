import { MATRIX_ACCOUNTS, routeMatrix, signInEach, type RouteCase } from '../support/route-matrix'
import { describeEachDatabase, startServer, unitId, type TestServer } from '../support/server'

// Every staff route, and the 居民代表 route, called as every role. "ok": the permission check let the
// caller through (whatever came after it); 401 and 403: it did not.
type Role = 'anonymous' | 'unverified' | 'resident' | 'moderator' | 'otherModerator' | 'admin'
type Expect = 'ok' | 401 | 403
const ROLES: Role[] = ['anonymous', 'unverified', 'resident', 'moderator', 'otherModerator', 'admin']

const SIGNED_IN: Record<Role, Expect> = { anonymous: 401, unverified: 'ok', resident: 'ok', moderator: 'ok', otherModerator: 'ok', admin: 'ok' }
const STAFF: Record<Role, Expect> = { ...SIGNED_IN, unverified: 403, resident: 403 }
const STAFF_OF_WUTONG: Record<Role, Expect> = { ...STAFF, otherModerator: 403 }

interface Ids {
  street: number
  wutong: number
  wutongInvitation: number
  xiangzhangPropertyGrant: number
  wutongResidence: number
}

const CASES: RouteCase<Ids, Role>[] = [
  { method: 'POST', route: '/api/invitations', url: () => '/api/invitations', body: (i) => ({ role: 'property', unitId: i.wutong }), expect: STAFF_OF_WUTONG },
  { method: 'GET', route: '/api/invitations', url: (i) => `/api/invitations?unitId=${i.wutong}`, expect: STAFF_OF_WUTONG },
  { method: 'DELETE', route: '/api/invitations/:id', url: (i) => `/api/invitations/${i.wutongInvitation}`, expect: STAFF_OF_WUTONG },
  { method: 'POST', route: '/api/invitations/accept', url: () => '/api/invitations/accept', body: () => ({ code: 'ZZZZ-ZZZZ' }), expect: SIGNED_IN },
  { method: 'GET', route: '/api/staff', url: (i) => `/api/staff?unitId=${i.wutong}`, expect: STAFF_OF_WUTONG },
  // A 物业 account of 香樟: its committee removes it, the admin then finds it gone (404, past the check).
  { method: 'DELETE', route: '/api/staff/:grantId', url: (i) => `/api/staff/${i.xiangzhangPropertyGrant}`, expect: { ...STAFF, moderator: 403 } },
  { method: 'PUT', route: '/api/residences/:id/representative', url: (i) => `/api/residences/${i.wutongResidence}/representative`, body: () => ({ isRepresentative: true }), expect: STAFF_OF_WUTONG },
]

const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = MATRIX_ACCOUNTS

describeEachDatabase('permissions: staff routes × role', (dialect) => {
  let s: TestServer
  const headers = {} as Record<Role, Record<string, string>>
  let ids: Ids
  beforeAll(async () => {
    s = await startServer(dialect)
    Object.assign(headers, await signInEach(s, ACCOUNTS))
    const db = s.app.db.kysely
    const wutong = await unitId(s, '梧桐居民区')
    const now = new Date().toISOString()
    const invitation = await db
      .insertInto('invitations')
      .values({ code_hash: 'matrix', role: 'moderator', unit_id: wutong, created_at: now, expires_at: '2999-01-01T00:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const user = await db.insertInto('users').values({ created_at: now }).returning('id').executeTakeFirstOrThrow()
    const grant = await db.insertInto('role_grants').values({ user_id: user.id, role: 'property', unit_id: await unitId(s, '香樟居民区'), label: '古北物业', created_at: now }).returning('id').executeTakeFirstOrThrow()
    const residence = await db
      .selectFrom('residences as r')
      .innerJoin('units as b', 'b.id', 'r.building_id')
      .innerJoin('units as e', 'e.id', 'b.parent_id')
      .select('r.id')
      .where('e.parent_id', '=', wutong)
      .where('r.status', '=', 'approved')
      .executeTakeFirstOrThrow()
    ids = { street: await unitId(s, '长宁示范街道'), wutong, wutongInvitation: invitation.id, xiangzhangPropertyGrant: grant.id, wutongResidence: residence.id }
  })
  afterAll(() => s.close())

  routeMatrix({
    app: () => s.app,
    ids: () => ids,
    roles: ROLES,
    headers: (role) => headers[role],
    cases: CASES,
    prefixes: ['/api/invitations', '/api/staff', '/api/residences'],
  })
})

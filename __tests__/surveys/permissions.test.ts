// Every survey and index route called as every role. "ok" means the permission check let the caller
// through (whatever the outcome after it); 401, 403 and 404 (a survey the caller may not see) mean it did not.
import { routeMatrix, type RouteCase } from '../support/route-matrix'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import { ADMIN, call, DAY, fakeClock, MODERATOR, OTHER_MODERATOR, unitId } from './support'

// Each suite starts a seeded server (PostgreSQL included); a loaded machine needs more than jest's 5 s.
jest.setTimeout(30_000)

type Role = 'anonymous' | 'unverified' | 'resident' | 'moderator' | 'otherModerator' | 'admin'
type Expect = 'ok' | 401 | 403 | 404
const ROLES: Role[] = ['anonymous', 'unverified', 'resident', 'moderator', 'otherModerator', 'admin']

const SIGNED_IN: Record<Role, Expect> = { anonymous: 401, unverified: 'ok', resident: 'ok', moderator: 'ok', otherModerator: 'ok', admin: 'ok' }
const STAFF_OF_WUTONG: Record<Role, Expect> = { ...SIGNED_IN, unverified: 403, resident: 403, otherModerator: 403 }
const ADMIN_ONLY: Record<Role, Expect> = { ...STAFF_OF_WUTONG, moderator: 403 }
/** A published survey of 梧桐: residents of 梧桐 read it; others do not see it. */
const READ: Record<Role, Expect> = { ...SIGNED_IN, unverified: 404, otherModerator: 404 }
const MANAGE_PUBLISHED: Record<Role, Expect> = { ...READ, resident: 403 }
/** A draft: only its committee and the 街镇 see it. */
const MANAGE_DRAFT: Record<Role, Expect> = { ...READ, resident: 404 }

interface Ids {
  wutong: number
  draft: number
  open: number
  closed: number
  /** A paper batch on the open survey, entered by the 居委会 (so only someone else may check it). */
  batch: number
}

/** The 街镇 only (the 居委会 may not vouch for its own paper). */
const STREET_OF_PUBLISHED: Record<Role, Expect> = { ...MANAGE_PUBLISHED, moderator: 403 }

const CASES: RouteCase<Ids, Role>[] = [
  { method: 'GET', route: '/api/surveys/templates', url: () => '/api/surveys/templates', expect: SIGNED_IN },
  { method: 'GET', route: '/api/surveys', url: () => '/api/surveys?open=1', expect: SIGNED_IN },
  { method: 'POST', route: '/api/surveys', url: () => '/api/surveys', body: (i) => ({ unitId: i.wutong, template: 'belonging' }), expect: STAFF_OF_WUTONG },
  { method: 'GET', route: '/api/surveys/:id', url: (i) => `/api/surveys/${i.open}`, expect: READ },
  { method: 'PATCH', route: '/api/surveys/:id', url: (i) => `/api/surveys/${i.draft}`, body: () => ({ title: '改名' }), expect: MANAGE_DRAFT },
  { method: 'POST', route: '/api/surveys/:id/publish', url: (i) => `/api/surveys/${i.draft}/publish`, expect: MANAGE_DRAFT },
  { method: 'POST', route: '/api/surveys/:id/responses', url: (i) => `/api/surveys/${i.open}/responses`, body: () => ({ answers: [{ questionId: 'c1', value: 0 }] }), expect: { ...SIGNED_IN, unverified: 403, moderator: 403, otherModerator: 403, admin: 403 } },
  {
    method: 'POST',
    route: '/api/surveys/:id/paper-responses',
    url: (i) => `/api/surveys/${i.open}/paper-responses`,
    body: () => ({ buildingId: 1, answers: [] }),
    expect: MANAGE_PUBLISHED,
  },
  {
    method: 'POST',
    route: '/api/surveys/:id/paper-batches',
    url: (i) => `/api/surveys/${i.open}/paper-batches`,
    body: () => ({ entries: [{ buildingId: 1, answers: [] }] }),
    expect: MANAGE_PUBLISHED,
  },
  { method: 'GET', route: '/api/surveys/:id/paper-batches', url: (i) => `/api/surveys/${i.open}/paper-batches`, expect: MANAGE_PUBLISHED },
  { method: 'POST', route: '/api/surveys/:id/paper-batches/:batchId/check', url: (i) => `/api/surveys/${i.open}/paper-batches/${i.batch}/check`, expect: STREET_OF_PUBLISHED },
  { method: 'POST', route: '/api/surveys/:id/paper-confirmation', url: (i) => `/api/surveys/${i.closed}/paper-confirmation`, expect: STREET_OF_PUBLISHED },
  { method: 'GET', route: '/api/surveys/:id/results', url: (i) => `/api/surveys/${i.closed}/results`, expect: READ },
  { method: 'GET', route: '/api/surveys/:id/export', url: (i) => `/api/surveys/${i.closed}/export?format=csv`, expect: MANAGE_PUBLISHED },
  { method: 'POST', route: '/api/surveys/:id/response-note', url: (i) => `/api/surveys/${i.closed}/response-note`, body: () => ({ text: '已整改' }), expect: MANAGE_PUBLISHED },
  { method: 'POST', route: '/api/surveys/:id/close', url: (i) => `/api/surveys/${i.open}/close`, expect: MANAGE_PUBLISHED },
  { method: 'GET', route: '/api/indicators', url: (i) => `/api/indicators?unitId=${i.wutong}`, expect: STAFF_OF_WUTONG },
  { method: 'GET', route: '/api/indicators/compare', url: () => '/api/indicators/compare', expect: ADMIN_ONLY },
  { method: 'GET', route: '/api/indicators/summary', url: (i) => `/api/indicators/summary?unitId=${i.wutong}`, expect: { ...SIGNED_IN, unverified: 403, otherModerator: 403 } },
  { method: 'GET', route: '/api/indicators/inputs', url: (i) => `/api/indicators/inputs?unitId=${i.wutong}`, expect: STAFF_OF_WUTONG },
  { method: 'PUT', route: '/api/indicators/inputs', url: () => '/api/indicators/inputs', body: (i) => ({ unitId: i.wutong, period: '2030', inputs: { brand: 1 } }), expect: ADMIN_ONLY },
  { method: 'GET', route: '/api/indicators/export', url: (i) => `/api/indicators/export?unitId=${i.wutong}&format=csv`, expect: STAFF_OF_WUTONG },
]

const COVERED_PREFIXES = ['/api/surveys', '/api/indicators']

describeEachDatabase('permissions: every survey and index route × role', (dialect) => {
  let s: TestServer
  const headers = {} as Record<Role, Record<string, string>>
  let ids: Ids
  const clock = fakeClock()

  beforeAll(async () => {
    s = await startServer(dialect, { overrides: { clock: clock.now } })
    headers.anonymous = {}
    headers.unverified = { authorization: (await s.loginAs('居民 · 梧桐新村1号楼（未认证）')).authorization }
    headers.resident = { authorization: (await s.loginAs('居民代表 · 梧桐新村3号楼（已认证）')).authorization }
    const moderator = await s.loginAs(MODERATOR)
    headers.moderator = { authorization: moderator.authorization }
    headers.otherModerator = { authorization: (await s.loginAs(OTHER_MODERATOR)).authorization }
    headers.admin = { authorization: (await s.loginAs(ADMIN)).authorization }
    const wutong = await unitId(s, '梧桐居民区')
    const make = async (publish: boolean, closed = false) => {
      const res = await call(s, moderator, 'POST', '/api/surveys', {
        unitId: wutong,
        questions: [{ type: 'single', text: '选一个', options: ['甲', '乙'] }],
        closesAt: new Date(clock.now().getTime() + DAY).toISOString(),
      })
      if (publish) await call(s, moderator, 'POST', `/api/surveys/${res.body.id}/publish`)
      if (closed) await call(s, moderator, 'POST', `/api/surveys/${res.body.id}/close`)
      return res.body.id as number
    }
    const open = await make(true)
    const building = await unitId(s, '3号楼', '梧桐新村')
    const batch = await call(s, moderator, 'POST', `/api/surveys/${open}/paper-batches`, { entries: [{ buildingId: building, answers: [{ questionId: 'c1', value: 0 }] }] })
    expect(batch.status).toBe(201)
    ids = { wutong, draft: await make(false), open, closed: await make(true, true), batch: batch.body.id }
  })
  afterAll(() => s.close())

  routeMatrix({ app: () => s.app, ids: () => ids, roles: ROLES, headers: (role) => headers[role], cases: CASES, prefixes: COVERED_PREFIXES, refusals: [401, 403, 404] })
})

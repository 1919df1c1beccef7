import { routeMatrix, type RouteCase } from '../support/route-matrix'
import { describeEachDatabase } from '../support/server'
import { ADMIN, MOD_WUTONG, MOD_XIANGZHANG, proposalBody, startProposalServer, type ProposalServer } from './support'

// Every proposal and notification route, called as every kind of caller. "ok" means the permission
// check let the caller through (whatever the outcome after it: 200, 201, 400, 404 or 409); 401 and 403
// mean it did not. A 3号楼 proposal of 梧桐居民区 is the target throughout.
type Role = 'anonymous' | 'unverified' | 'outsider' | 'neighbour' | 'unitResident' | 'author' | 'moderator' | 'otherModerator' | 'admin'
type Expect = 'ok' | 401 | 403
const ROLES: Role[] = ['anonymous', 'unverified', 'outsider', 'neighbour', 'unitResident', 'author', 'moderator', 'otherModerator', 'admin']

const ALL: Record<Role, Expect> = {
  anonymous: 'ok',
  unverified: 'ok',
  outsider: 'ok',
  neighbour: 'ok',
  unitResident: 'ok',
  author: 'ok',
  moderator: 'ok',
  otherModerator: 'ok',
  admin: 'ok',
}
const SIGNED_IN = { ...ALL, anonymous: 401 } as const
/** Residents of 梧桐居民区 and its committee (and the 街镇 admin). */
const READERS = { ...SIGNED_IN, unverified: 403, outsider: 403, otherModerator: 403 } as const
/** Verified residents of the proposal's 楼组. */
const UNIT = { ...READERS, neighbour: 403, moderator: 403, admin: 403 } as const
const COMMITTEE = { ...READERS, neighbour: 403, unitResident: 403, author: 403 } as const
/** Only residents may submit (for themselves); staff use 代录. */
const VERIFIED = { ...SIGNED_IN, unverified: 403, moderator: 403, otherModerator: 403, admin: 403 } as const
/** Referees only (物业, 业委会, 街镇 departments): none of these roles. */
const NOBODY = { ...SIGNED_IN, unverified: 403, outsider: 403, neighbour: 403, unitResident: 403, author: 403, moderator: 403, otherModerator: 403, admin: 403 } as const
const STAFF = { ...SIGNED_IN, unverified: 403, outsider: 403, neighbour: 403, unitResident: 403, author: 403 } as const

interface Ids {
  open: number
  voting: number
  implementing: number
  progress: number
  completed: number
  /** A 代录 co-signature on `open`. */
  proxyCosign: number
  wutong: number
  building: number
  street: number
}

const CASES: RouteCase<Ids, Role>[] = [
  { method: 'POST', route: '/api/proposals', url: () => '/api/proposals', body: () => proposalBody({ title: '权限测试提案' }), expect: VERIFIED },
  // A list needs a 居民区 to read; the outsider reads their own (香樟).
  { method: 'GET', route: '/api/proposals', url: () => '/api/proposals', expect: { ...SIGNED_IN, unverified: 403 } },
  { method: 'GET', route: '/api/proposals/home', url: () => '/api/proposals/home', expect: SIGNED_IN },
  { method: 'GET', route: '/api/proposals/queue', url: () => '/api/proposals/queue', expect: { ...STAFF } },
  { method: 'GET', route: '/api/proposals/similar', url: (i) => `/api/proposals/similar?title=test&unitId=${i.building}`, expect: READERS },
  { method: 'GET', route: '/api/proposals/settings', url: (i) => `/api/proposals/settings?unitId=${i.wutong}`, expect: COMMITTEE },
  { method: 'PUT', route: '/api/proposals/settings', url: (i) => `/api/proposals/settings?unitId=${i.wutong}`, body: () => ({}), expect: COMMITTEE },
  { method: 'GET', route: '/api/proposals/:id', url: (i) => `/api/proposals/${i.open}`, expect: READERS },
  { method: 'POST', route: '/api/proposals/:id/cosign', url: (i) => `/api/proposals/${i.open}/cosign`, expect: UNIT },
  { method: 'DELETE', route: '/api/proposals/:id/cosign', url: (i) => `/api/proposals/${i.open}/cosign`, expect: READERS },
  { method: 'GET', route: '/api/proposals/:id/proxy-cosigns', url: (i) => `/api/proposals/${i.open}/proxy-cosigns`, expect: COMMITTEE },
  {
    method: 'DELETE',
    route: '/api/proposals/:id/proxy-cosigns/:cosignId',
    url: (i) => `/api/proposals/${i.open}/proxy-cosigns/${i.proxyCosign}`,
    expect: COMMITTEE,
  },
  // Residents who are not the author have no transition at all (403); the author gets 409 (withdraw only).
  {
    method: 'POST',
    route: '/api/proposals/:id/transitions',
    url: (i) => `/api/proposals/${i.open}/transitions`,
    body: () => ({ to: 'rejected' }),
    expect: { ...COMMITTEE, author: 'ok' },
  },
  { method: 'POST', route: '/api/proposals/:id/review', url: (i) => `/api/proposals/${i.open}/review`, body: () => ({ decision: 'publish' }), expect: COMMITTEE },
  {
    method: 'POST',
    route: '/api/proposals/:id/meetings',
    url: (i) => `/api/proposals/${i.voting}/meetings`,
    body: () => ({ kind: 'coordination', heldOn: '2025-03-04', place: '居委会', attendance: 9, minutes: '协调施工时间' }),
    expect: COMMITTEE,
  },
  { method: 'POST', route: '/api/proposals/:id/referral', url: (i) => `/api/proposals/${i.open}/referral`, body: () => ({ answer: '已答复' }), expect: COMMITTEE },
  // The referee's side (its own suite, referrals.test.ts, covers the referees themselves).
  { method: 'GET', route: '/api/referrals', url: () => '/api/referrals', expect: NOBODY },
  { method: 'POST', route: '/api/proposals/:id/referral/accept', url: (i) => `/api/proposals/${i.open}/referral/accept`, body: () => ({}), expect: NOBODY },
  {
    method: 'POST',
    route: '/api/proposals/:id/referral/refuse',
    url: (i) => `/api/proposals/${i.open}/referral/refuse`,
    body: () => ({ reason: '不属本单位职责' }),
    expect: NOBODY,
  },
  { method: 'POST', route: '/api/proposals/:id/referral/answer', url: (i) => `/api/proposals/${i.open}/referral/answer`, body: () => ({ answer: '已答复' }), expect: NOBODY },
  { method: 'GET', route: '/api/street/overdue', url: (i) => `/api/street/overdue?streetId=${i.street}`, expect: { ...NOBODY, admin: 'ok' } },
  { method: 'POST', route: '/api/proposals/:id/vote', url: (i) => `/api/proposals/${i.voting}/vote`, body: () => ({ choice: 'for' }), expect: UNIT },
  {
    method: 'POST',
    route: '/api/proposals/:id/progress',
    url: (i) => `/api/proposals/${i.implementing}/progress`,
    body: () => ({ percent: 50, text: '过半' }),
    expect: COMMITTEE,
  },
  {
    method: 'POST',
    route: '/api/proposals/:id/progress/:progressId/comments',
    url: (i) => `/api/proposals/${i.implementing}/progress/${i.progress}/comments`,
    body: () => ({ body: '辛苦了' }),
    expect: READERS,
  },
  { method: 'POST', route: '/api/proposals/:id/evaluations', url: (i) => `/api/proposals/${i.completed}/evaluations`, body: () => ({ rating: 4 }), expect: UNIT },
  { method: 'POST', route: '/api/proposals/:id/follow', url: (i) => `/api/proposals/${i.open}/follow`, expect: READERS },
  { method: 'DELETE', route: '/api/proposals/:id/follow', url: (i) => `/api/proposals/${i.open}/follow`, expect: READERS },
  { method: 'GET', route: '/api/notifications', url: () => '/api/notifications', expect: SIGNED_IN },
  { method: 'POST', route: '/api/notifications/read', url: () => '/api/notifications/read', expect: SIGNED_IN },
]

describeEachDatabase('proposals: every route × role', (dialect) => {
  let s: ProposalServer
  const users = {} as Record<Role, number | null>
  const headers = {} as Record<Role, Record<string, string>>
  let ids: Ids

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    const b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    users.anonymous = null
    users.unverified = await s.userIdOf('居民 · 梧桐新村1号楼（未认证）')
    users.outsider = (await s.residentsOf('香樟苑', '1号楼'))[0].userId
    users.neighbour = (await s.residentsOf('梧桐新村', '1号楼'))[0].userId
    users.unitResident = b3[1]
    users.author = b3[0]
    users.moderator = await s.userIdOf(MOD_WUTONG)
    users.otherModerator = await s.userIdOf(MOD_XIANGZHANG)
    users.admin = await s.userIdOf(ADMIN)
    for (const role of ROLES) headers[role] = users[role] === null ? {} : { authorization: await s.auth(users[role]!) }
    const mod = users.moderator
    const make = async (title: string) => {
      const res = await s.call(b3[0], 'POST', '/api/proposals', proposalBody({ title }))
      return res.body.id as number
    }
    const advance = async (id: number, steps: Record<string, unknown>[]) => {
      for (const u of b3.slice(1)) await s.call(u, 'POST', `/api/proposals/${id}/cosign`)
      for (const step of steps) {
        const res = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, step)
        expect(res.status).toBe(200)
      }
    }
    const voting = await make('投票中的提案')
    await advance(voting, [{ to: 'accepted' }, { to: 'deliberating' }, { to: 'voting' }])
    const implementing = await make('实施中的提案')
    const offline = { to: 'approved', minutes: '居民代表会议表决通过' }
    const start = { to: 'implementing', owner: '物业', plannedDate: '2025-12-31' }
    await advance(implementing, [{ to: 'accepted' }, { to: 'deliberating' }, offline, start])
    const progress = (await s.call(mod, 'POST', `/api/proposals/${implementing}/progress`, { percent: 10, text: '已开工' })).body.id
    const completed = await make('已完成的提案')
    await advance(completed, [{ to: 'accepted' }, { to: 'deliberating' }, offline, start, { to: 'completed' }])
    const open = await make('征集附议中的提案')
    const building = await s.unitId('3号楼', '梧桐新村')
    await s.call(mod, 'POST', `/api/proposals/${open}/cosign`, { onBehalfOf: { buildingId: building, room: '3-402' } })
    const proxyCosign = (await s.call(mod, 'GET', `/api/proposals/${open}/proxy-cosigns`)).body.items[0].id as number
    ids = {
      open,
      proxyCosign,
      voting,
      implementing,
      progress,
      completed,
      wutong: await s.unitId('梧桐居民区'),
      building,
      street: await s.unitId('长宁示范街道'),
    }
    // Four proposals taken along their path on a fresh schema: past jest's 5 s on a busy machine.
  }, 30_000)
  afterAll(() => s.close())

  routeMatrix({
    app: () => s.app,
    ids: () => ids,
    roles: ROLES,
    headers: (role) => headers[role],
    cases: CASES,
    prefixes: ['/api/proposals', '/api/notifications', '/api/referrals', '/api/street'],
  })
})

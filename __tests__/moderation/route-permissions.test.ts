import { routeMatrix, type RouteCase } from '../support/route-matrix'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import { client, loginAll, MOD, REP_3, RESIDENT_1, RESIDENT_3, roomyConfig, unitId, UNVERIFIED, XIANGZHANG, OTHER_MOD, ADMIN, type Actor } from '../discussions/helpers'

// Each suite starts a seeded server (and PostgreSQL schema); on a busy two-core machine that outlasts jest's 5 s default.

// Every 议事厅 route, called as every role. "ok" means the permission check let the caller through
// (whatever the outcome after it); 401 and 403 mean it did not. The topic belongs to 梧桐新村3号楼:
// "resident" lives there, "neighbour" elsewhere in 梧桐居民区, "outsider" in 香樟居民区.
type Role = 'anonymous' | 'unverified' | 'outsider' | 'neighbour' | 'otherModerator' | 'moderator' | 'admin' | 'resident'
type Expect = 'ok' | 401 | 403
// The resident goes last: some cases (delete, appeal) succeed only for them and change state.
const ROLES: Role[] = ['anonymous', 'unverified', 'outsider', 'neighbour', 'otherModerator', 'moderator', 'admin', 'resident']

const all = (e: Expect): Record<Role, Expect> => Object.fromEntries(ROLES.map((r) => [r, e])) as Record<Role, Expect>
const SIGNED_IN = { ...all('ok'), anonymous: 401 as const }
const READERS = { ...all(403), anonymous: 401 as const, neighbour: 'ok' as const, moderator: 'ok' as const, admin: 'ok' as const, resident: 'ok' as const }
const POSTERS = { ...READERS, neighbour: 403 as const }
const RESIDENT_ONLY = { ...all(403), anonymous: 401 as const, resident: 'ok' as const }
const REPORTERS = { ...all(403), anonymous: 401 as const, neighbour: 'ok' as const, resident: 'ok' as const }
const STAFF = { ...all(403), anonymous: 401 as const, otherModerator: 'ok' as const, moderator: 'ok' as const, admin: 'ok' as const }
const STAFF_OF_WUTONG = { ...STAFF, otherModerator: 403 as const }
const ADMIN_ONLY = { ...all(403), anonymous: 401 as const, admin: 'ok' as const }

interface Ids {
  topic: number
  lockTopic: number
  building: number
  wutong: number
  mine: number
  theirs: number
  deletable: number
  hiddenMine: number
  appeal: number
  target: number
  mute: number
}

const CASES: RouteCase<Ids, Role>[] = [
  { method: 'GET', route: '/api/topics', url: () => '/api/topics?mine=1', expect: SIGNED_IN },
  { method: 'GET', route: '/api/topics/hidden', url: () => '/api/topics/hidden', expect: SIGNED_IN },
  { method: 'POST', route: '/api/topics', url: () => '/api/topics', body: (i) => ({ unitId: i.building, question: '权限矩阵议题' }), expect: STAFF_OF_WUTONG },
  { method: 'GET', route: '/api/topics/:id', url: (i) => `/api/topics/${i.topic}`, expect: READERS },
  { method: 'PUT', route: '/api/topics/:id/stance', url: (i) => `/api/topics/${i.topic}/stance`, body: () => ({ stance: 'support' }), expect: RESIDENT_ONLY },
  { method: 'DELETE', route: '/api/topics/:id/stance', url: (i) => `/api/topics/${i.topic}/stance`, expect: RESIDENT_ONLY },
  { method: 'GET', route: '/api/topics/:id/posts', url: (i) => `/api/topics/${i.topic}/posts`, expect: READERS },
  { method: 'POST', route: '/api/topics/:id/posts', url: (i) => `/api/topics/${i.topic}/posts`, body: () => ({ body: '矩阵里的发言' }), expect: POSTERS },
  { method: 'GET', route: '/api/posts/:id', url: (i) => `/api/posts/${i.mine}`, expect: READERS },
  { method: 'PATCH', route: '/api/posts/:id', url: (i) => `/api/posts/${i.mine}`, body: () => ({ body: '改一下' }), expect: RESIDENT_ONLY },
  { method: 'DELETE', route: '/api/posts/:id', url: (i) => `/api/posts/${i.deletable}`, expect: RESIDENT_ONLY },
  { method: 'POST', route: '/api/posts/:id/like', url: (i) => `/api/posts/${i.theirs}/like`, expect: RESIDENT_ONLY },
  { method: 'DELETE', route: '/api/posts/:id/like', url: (i) => `/api/posts/${i.theirs}/like`, expect: RESIDENT_ONLY },
  { method: 'POST', route: '/api/posts/:id/reports', url: (i) => `/api/posts/${i.theirs}/reports`, body: () => ({ reason: 'other' }), expect: REPORTERS },
  { method: 'POST', route: '/api/posts/:id/moderation', url: (i) => `/api/posts/${i.theirs}/moderation`, body: () => ({ action: 'approve' }), expect: STAFF_OF_WUTONG },
  { method: 'POST', route: '/api/topics/:id/moderation', url: (i) => `/api/topics/${i.lockTopic}/moderation`, body: () => ({ action: 'lock' }), expect: STAFF_OF_WUTONG },
  { method: 'POST', route: '/api/posts/:id/appeals', url: (i) => `/api/posts/${i.hiddenMine}/appeals`, body: () => ({ reason: '请复核' }), expect: RESIDENT_ONLY },
  { method: 'POST', route: '/api/appeals/:id/decision', url: (i) => `/api/appeals/${i.appeal}/decision`, body: () => ({ decision: 'deny', note: '维持隐藏' }), expect: ADMIN_ONLY },
  { method: 'POST', route: '/api/users/:id/mutes', url: (i) => `/api/users/${i.target}/mutes`, body: () => ({ days: 1, reason: '矩阵禁言' }), expect: STAFF_OF_WUTONG },
  { method: 'DELETE', route: '/api/mutes/:id', url: (i) => `/api/mutes/${i.mute}`, expect: STAFF_OF_WUTONG },
  { method: 'GET', route: '/api/moderation/queue', url: () => '/api/moderation/queue', expect: STAFF },
  { method: 'GET', route: '/api/moderation/log', url: () => '/api/moderation/log', expect: STAFF },
  { method: 'GET', route: '/api/moderation/settings', url: () => '/api/moderation/settings', expect: STAFF },
  { method: 'PUT', route: '/api/moderation/settings/:id', url: (i) => `/api/moderation/settings/${i.wutong}`, body: () => ({ reportThreshold: 3 }), expect: STAFF_OF_WUTONG },
]

const COVERED_PREFIXES = ['/api/topics', '/api/posts', '/api/appeals', '/api/users/', '/api/mutes', '/api/moderation/']

describeEachDatabase('议事厅 permissions: every route × role', (dialect) => {
  let s: TestServer
  const actors = {} as Record<Role, Actor | undefined>
  let ids: Ids

  beforeAll(async () => {
    s = await startServer(dialect, { config: roomyConfig() })
    const api = client(s)
    actors.anonymous = undefined
    ;[actors.unverified] = await loginAll(s, UNVERIFIED)
    ;[actors.outsider] = await loginAll(s, XIANGZHANG)
    ;[actors.neighbour] = await loginAll(s, RESIDENT_1)
    ;[actors.otherModerator] = await loginAll(s, OTHER_MOD)
    ;[actors.moderator] = await loginAll(s, MOD)
    ;[actors.admin] = await loginAll(s, ADMIN)
    ;[actors.resident] = await loginAll(s, REP_3)
    const [other, target] = await loginAll(s, RESIDENT_3)
    const building = await unitId(s, '梧桐新村', '3号楼')
    const mod = actors.moderator!
    const topic = (await api.post('/api/topics', mod, { unitId: building, question: '权限矩阵主议题' })).body.id
    const lockTopic = (await api.post('/api/topics', mod, { unitId: building, question: '权限矩阵锁定议题' })).body.id
    const post = async (who: Actor, body: string) => (await api.post(`/api/topics/${topic}/posts`, who, { body })).body.id as number
    const mine = await post(actors.resident!, '我的发言')
    const theirs = await post(other, '别人的发言')
    const deletable = await post(actors.resident!, '要删除的发言')
    const hiddenMine = await post(actors.resident!, '会被隐藏的发言')
    await api.post(`/api/posts/${hiddenMine}/moderation`, mod, { action: 'hide', reason: 'ad' })
    const hiddenOther = await post(other, '会被申诉的发言')
    await api.post(`/api/posts/${hiddenOther}/moderation`, mod, { action: 'hide', reason: 'ad' })
    const appeal = (await api.post(`/api/posts/${hiddenOther}/appeals`, other, { reason: '请复核' })).body.id
    const mute = (await api.post(`/api/users/${target.userId}/mutes`, mod, { days: 1, reason: '预先禁言' })).body.id
    ids = { topic, lockTopic, building, wutong: await unitId(s, '梧桐居民区'), mine, theirs, deletable, hiddenMine, appeal, target: target.userId, mute }
    for (const [k, v] of Object.entries(ids)) if (!Number.isInteger(v)) throw new Error(`fixture ${k} missing`)
  })
  afterAll(() => s.close())

  routeMatrix({
    app: () => s.app,
    ids: () => ids,
    roles: ROLES,
    headers: (role): Record<string, string> => (actors[role] ? { authorization: actors[role]!.authorization } : {}),
    cases: CASES,
    prefixes: COVERED_PREFIXES,
    onRefusal: (body) => expect(body.error.code).toMatch(/^(unauthorized|forbidden)$/),
  })
})

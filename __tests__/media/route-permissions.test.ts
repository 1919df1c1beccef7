import { MATRIX_ACCOUNTS, routeMatrix, signInEach, type RouteCase } from '../support/route-matrix'
import { describeEachDatabase, startServer, unitId, type TestServer } from '../support/server'

// Every media route called as every role. "ok": the permission check let the caller through (whatever
// came after it); 401, 403 and 404 (an upload the caller may not even know of): it did not.
type Role = 'anonymous' | 'unverified' | 'resident' | 'neighbour' | 'moderator' | 'otherModerator' | 'admin'
type Expect = 'ok' | 401 | 403 | 404
const ROLES: Role[] = ['anonymous', 'unverified', 'resident', 'neighbour', 'moderator', 'otherModerator', 'admin']

const UPLOADERS: Record<Role, Expect> = { anonymous: 401, unverified: 403, resident: 'ok', neighbour: 'ok', moderator: 'ok', otherModerator: 'ok', admin: 'ok' }
const UPLOADER_ONLY: Record<Role, Expect> = { anonymous: 401, unverified: 404, resident: 'ok', neighbour: 404, moderator: 404, otherModerator: 404, admin: 404 }
const COMMITTEE: Record<Role, Expect> = { anonymous: 401, unverified: 403, resident: 403, neighbour: 403, moderator: 'ok', otherModerator: 403, admin: 'ok' }
const WECHAT_SIGNED: Record<Role, Expect> = { anonymous: 403, unverified: 403, resident: 403, neighbour: 403, moderator: 403, otherModerator: 403, admin: 403 }

interface Ids {
  photo: number
  pending: number
}

const CASES: RouteCase<Ids, Role>[] = [
  // A JSON body gets past the check and is then refused as not multipart (415).
  { method: 'POST', route: '/api/media', url: () => '/api/media', body: () => ({}), expect: UPLOADERS },
  { method: 'GET', route: '/api/media/:id', url: (i) => `/api/media/${i.photo}`, expect: UPLOADER_ONLY },
  { method: 'GET', route: '/api/media/:id/thumb', url: (i) => `/api/media/${i.photo}/thumb`, expect: UPLOADER_ONLY },
  { method: 'POST', route: '/api/media/:id/release', url: (i) => `/api/media/${i.pending}/release`, body: () => ({}), expect: COMMITTEE },
  { method: 'POST', route: '/api/media/:id/reject', url: (i) => `/api/media/${i.pending}/reject`, body: () => ({}), expect: COMMITTEE },
  // Without WeChat's signature nobody gets the copy it checks, signed in or not.
  {
    method: 'GET',
    route: '/api/media/:id/check-copy',
    url: (i) => `/api/media/${i.pending}/check-copy?sig=${'0'.repeat(64)}`,
    expect: { anonymous: 404, unverified: 404, resident: 404, neighbour: 404, moderator: 404, otherModerator: 404, admin: 404 },
  },
  { method: 'GET', route: '/api/wechat/media-check-callback', url: () => '/api/wechat/media-check-callback?echostr=x', expect: WECHAT_SIGNED },
  { method: 'POST', route: '/api/wechat/media-check-callback', url: () => '/api/wechat/media-check-callback', body: () => ({ trace_id: 't', result: { suggest: 'pass' } }), expect: WECHAT_SIGNED },
]

const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = { ...MATRIX_ACCOUNTS, neighbour: '居民 · 梧桐新村3号楼（已认证）' }

describeEachDatabase('permissions: media routes × role', (dialect) => {
  let s: TestServer
  const headers = {} as Record<Role, Record<string, string>>
  let ids: Ids
  beforeAll(async () => {
    s = await startServer(dialect)
    Object.assign(headers, await signInEach(s, ACCOUNTS))
    const db = s.app.db.kysely
    const { userId } = await s.loginAs(ACCOUNTS.resident)
    const row = (status: 'visible' | 'pending', key: string) => ({
      uploader_id: userId,
      kind: 'image' as const,
      mime: 'image/webp',
      width: 1,
      height: 1,
      bytes: 1,
      storage_key: key,
      thumb_key: key,
      status,
      trace_id: null,
      decided_by: null,
      decided_at: null,
      created_at: new Date().toISOString(),
    })
    const place = { neighbourhood_id: await unitId(s, '梧桐居民区'), street_id: await unitId(s, '长宁示范街道') }
    const photo = await db.insertInto('media').values({ ...row('visible', 'matrix/photo.webp'), ...place }).returning('id').executeTakeFirstOrThrow()
    const pending = await db.insertInto('media').values({ ...row('pending', 'matrix/pending.webp'), ...place }).returning('id').executeTakeFirstOrThrow()
    await s.app.mediaStore.put('matrix/photo.webp', Buffer.from('x'), 'image/webp')
    ids = { photo: photo.id, pending: pending.id }
  })
  afterAll(() => s.close())

  routeMatrix({ app: () => s.app, ids: () => ids, roles: ROLES, headers: (role) => headers[role], cases: CASES, prefixes: ['/api/media', '/api/wechat'], refusals: [401, 403, 404] })
})

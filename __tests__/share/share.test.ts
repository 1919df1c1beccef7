import QRCode from 'qrcode'
import sharp from 'sharp'
import { sharePath } from '../../types'
import { POSTER_QR, qrSquares, wrap } from '../../server/share/render'
import { MATRIX_ACCOUNTS, routeMatrix, signInEach, type RouteCase } from '../support/route-matrix'
import { describeEachDatabase, startServer, unitId, type TestServer } from '../support/server'

// Posters (a QR code to the item) and share-card pictures: PNGs drawn only for whoever may read the item.
type Role = 'anonymous' | 'unverified' | 'resident' | 'moderator' | 'otherModerator' | 'admin'
type Expect = 'ok' | 401 | 403 | 404
const ROLES: Role[] = ['anonymous', 'unverified', 'resident', 'moderator', 'otherModerator', 'admin']

interface Ids {
  proposal: number
  topic: number
  survey: number
}

const PUBLIC_URL = 'https://yishi.example.cn'

describe('poster text layout', () => {
  it('wraps a long title into lines no wider than asked, and cuts the last one with …', () => {
    const title = '关于3号楼加装电梯费用分摊办法以及施工期间临时停车安排和噪音控制的建议'
    const lines = wrap(title, 52, 630, 2)
    expect(lines).toHaveLength(2)
    expect(lines[1].endsWith('…')).toBe(true)
    expect(lines.join('').replace('…', '')).toBe(title.slice(0, [...lines.join('')].length - 1))
    expect(wrap('短标题', 52, 630, 3)).toEqual(['短标题'])
  })
})

describeEachDatabase('sharing: posters and card pictures', (dialect) => {
  let s: TestServer
  const headers = {} as Record<Role, Record<string, string>>
  let ids: Ids

  beforeAll(async () => {
    s = await startServer(dialect, { config: { publicUrl: `${PUBLIC_URL}/` } })
    Object.assign(headers, await signInEach(s, MATRIX_ACCOUNTS))
    const db = s.app.db.kysely
    const wutong = await unitId(s, '梧桐居民区')
    const proposal = await db
      .selectFrom('proposals')
      .select('id')
      .where('neighbourhood_id', '=', wutong)
      .where('content_status', '=', 'visible')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const topic = await db.selectFrom('topics').select('id').where('neighbourhood_id', '=', wutong).where('pending', '=', 0).orderBy('id').executeTakeFirstOrThrow()
    const surveys = await s.app.inject({ method: 'GET', url: '/api/surveys', headers: headers.resident })
    ids = { proposal: proposal.id, topic: topic.id, survey: surveys.json().items[0].id }
  })
  afterAll(() => s.close())

  const get = (url: string, role: Role = 'resident') => s.app.inject({ method: 'GET', url, headers: headers[role] })

  it('draws a proposal poster: a PNG with the QR code of the page a share card opens', async () => {
    const res = await get(`/api/share/proposal/${ids.proposal}/poster.png`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers['cache-control']).toContain('no-store')
    const meta = await sharp(res.rawPayload).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 750, 1100])
    // Read back like a scanner would: every module's centre is dark exactly where the item's link (the H5
    // app routes by hash, so the same page a share card opens) has a dark module.
    const { data, info } = await sharp(res.rawPayload).greyscale().raw().toBuffer({ resolveWithObject: true })
    const scan = (link: string) => {
      const { left, module, count } = qrSquares(link, 750)
      const top = POSTER_QR.top + Math.round((POSTER_QR.box - module * count) / 2)
      const { modules } = QRCode.create(link, { errorCorrectionLevel: 'M' })
      let wrong = 0
      for (let r = 0; r < count; r++)
        for (let c = 0; c < count; c++) {
          const px = data[(top + r * module + (module >> 1)) * info.width + left + c * module + (module >> 1)]
          if (px < 128 !== Boolean(modules.get(r, c))) wrong++
        }
      return wrong
    }
    expect(scan(`${PUBLIC_URL}/#${sharePath('proposal', ids.proposal)}`)).toBe(0)
    expect(scan(`${PUBLIC_URL}/#${sharePath('proposal', ids.proposal + 1)}`)).toBeGreaterThan(0)
  })

  it('draws a 5:4 card picture for each kind', async () => {
    for (const kind of ['proposal', 'topic', 'survey'] as const) {
      const res = await get(`/api/share/${kind}/${ids[kind]}/card.png`)
      expect([kind, res.statusCode]).toEqual([kind, 200])
      const meta = await sharp(res.rawPayload).metadata()
      expect([meta.width, meta.height]).toEqual([500, 400])
    }
  })

  it('refuses an unknown kind or id as bad input, and a missing item as not found', async () => {
    expect((await get('/api/share/notice/1/poster.png')).statusCode).toBe(400)
    expect((await get('/api/share/proposal/abc/poster.png')).statusCode).toBe(400)
    expect((await get('/api/share/proposal/999999/poster.png')).statusCode).toBe(404)
  })

  // Only who may read the item gets a picture of it: not a stranger, not another 居民区's committee.
  const READERS: Record<Role, Expect> = { anonymous: 401, unverified: 403, resident: 'ok', moderator: 'ok', otherModerator: 403, admin: 'ok' }
  const CASES: RouteCase<Ids, Role>[] = [
    { method: 'GET', route: '/api/share/:kind/:id/poster.png', url: (i) => `/api/share/proposal/${i.proposal}/poster.png`, expect: READERS },
    { method: 'GET', route: '/api/share/:kind/:id/card.png', url: (i) => `/api/share/topic/${i.topic}/card.png`, expect: READERS },
  ]
  routeMatrix({ app: () => s.app, ids: () => ids, roles: ROLES, headers: (role) => headers[role], cases: CASES, prefixes: ['/api/share'], refusals: [401, 403, 404] })
})

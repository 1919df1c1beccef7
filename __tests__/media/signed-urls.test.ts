import { expiryOf, SIGNED_SECONDS, signedUrl, signedViewer, urlSignature } from '../../server/media/signing'
import { MOD, RESIDENT_3, XIANGZHANG, loginAll, unitId, type Actor } from '../discussions/helpers'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import { uploadPhoto } from './support'

const NOW = new Date('2026-05-01T08:00:00Z')
const query = (url: string) => {
  const q = new URL(url, 'http://x').searchParams
  return { u: Number(q.get('u')), exp: Number(q.get('exp')), sig: q.get('sig') ?? undefined }
}

describe('signed photo addresses', () => {
  const url = signedUrl('k', '/api/media/7/thumb', { id: 7, variant: 'thumb', userId: 3 }, NOW)

  it('name their viewer for the upload and variant they were signed for, until they expire', () => {
    expect(signedViewer('k', 7, 'thumb', query(url), NOW)).toBe(3)
    expect(signedViewer('k', 8, 'thumb', query(url), NOW)).toBeNull()
    expect(signedViewer('k', 7, 'full', query(url), NOW)).toBeNull()
    expect(signedViewer('other key', 7, 'thumb', query(url), NOW)).toBeNull()
    expect(signedViewer('k', 7, 'thumb', { ...query(url), u: 4 }, NOW)).toBeNull()
    expect(signedViewer('k', 7, 'thumb', { ...query(url), exp: query(url).exp + 1 }, NOW)).toBeNull()
    expect(signedViewer('k', 7, 'thumb', { u: 3, exp: query(url).exp }, NOW)).toBeNull()
    expect(signedViewer('k', 7, 'thumb', query(url), new Date(query(url).exp * 1000))).toBeNull()
  })

  it('keep one address for a while, so the app can cache the image, and last at least one step', () => {
    const later = new Date(NOW.getTime() + 60_000)
    expect(signedUrl('k', '/api/media/7/thumb', { id: 7, variant: 'thumb', userId: 3 }, later)).toBe(url)
    expect(expiryOf(NOW) * 1000 - NOW.getTime()).toBeGreaterThanOrEqual(SIGNED_SECONDS * 1000)
    expect(urlSignature('k', { id: 7, variant: 'thumb', exp: 1, userId: 3 })).not.toBe(urlSignature('k', { id: 7, variant: 'thumb', exp: 1, userId: 4 }))
  })
})

// The app's <Image> sends no Authorization header: the addresses in a photo object open the file alone.
describeEachDatabase('media: signed addresses in photo objects', (dialect) => {
  let s: TestServer
  let author: Actor, neighbour: Actor, outsider: Actor, mod: Actor
  let topic: number

  const call = async (who: Actor | null, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await s.app.inject({ method, url, headers: who ? { authorization: who.authorization } : {}, ...(payload ? { payload } : {}) })
    return { status: res.statusCode, type: res.headers['content-type'], body: res.headers['content-type']?.toString().startsWith('application/json') ? res.json() : null }
  }

  beforeAll(async () => {
    s = await startServer(dialect)
    ;[author, neighbour] = await loginAll(s, RESIDENT_3)
    ;[outsider] = await loginAll(s, XIANGZHANG)
    ;[mod] = await loginAll(s, MOD)
    topic = (await call(mod, 'POST', '/api/topics', { unitId: await unitId(s, '梧桐居民区'), question: '小区绿化怎么改', background: '' })).body.id
  })
  afterAll(() => s.close())

  it('opens a photo by the address signed for its reader, and nothing else by it', async () => {
    const photo = await uploadPhoto(s.app, author.authorization)
    const post = await call(author, 'POST', `/api/topics/${topic}/posts`, { body: '花坛里的树枯了', photos: [photo.id] })
    const [shown] = (await call(neighbour, 'GET', `/api/posts/${post.body.id}`)).body.root.photos
    expect(shown.thumbUrl).toMatch(new RegExp(`^/api/media/${photo.id}/thumb\\?u=${neighbour.userId}&exp=\\d+&sig=`))

    expect(await call(null, 'GET', shown.thumbUrl)).toMatchObject({ status: 200, type: 'image/webp' })
    expect((await call(null, 'GET', shown.url)).status).toBe(200)
    // Not the full file by the thumbnail's signature, not another upload.
    const { search } = new URL(shown.thumbUrl, 'http://x')
    expect((await call(null, 'GET', `/api/media/${photo.id}${search}`)).status).toBe(404)
    const other = await uploadPhoto(s.app, author.authorization)
    expect((await call(null, 'GET', `/api/media/${other.id}/thumb${search}`)).status).toBe(404)
    // A changed signature: its first character made different from what it is (a fixed 'A' was the same one time in 64).
    const forged = shown.thumbUrl.replace(/sig=(.)/, (_: string, first: string) => `sig=${first === 'A' ? 'B' : 'A'}`)
    expect((await call(null, 'GET', forged)).status).toBe(404)
    // Without a signature the header is still needed.
    expect((await call(null, 'GET', `/api/media/${photo.id}/thumb`)).status).toBe(401)
    expect((await call(null, 'GET', `/api/media/${photo.id}`)).status).toBe(401)
    expect((await call(outsider, 'GET', `/api/media/${photo.id}/thumb`)).status).toBe(404)

    // Once the committee rejects it, no address opens it.
    expect((await call(mod, 'POST', `/api/media/${photo.id}/reject`, {})).status).toBe(200)
    expect((await call(null, 'GET', shown.thumbUrl)).status).toBe(404)
  })
})

import { MOD, OTHER_MOD, RESIDENT_3, XIANGZHANG, loginAll, unitId, type Actor } from '../discussions/helpers'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import { signedFrom, uploadPhoto } from './support'

// Photos in the 议事厅 go with the post's text: shown with it, hidden with it, deleted with it.
describeEachDatabase('media: photos on 议事厅 posts', (dialect) => {
  let s: TestServer
  let author: Actor, neighbour: Actor, outsider: Actor, mod: Actor, otherMod: Actor
  let topic: number

  const call = async (who: Actor, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
    const res = await s.app.inject({ method, url, headers: { authorization: who.authorization }, ...(payload ? { payload } : {}) })
    return { status: res.statusCode, body: res.body && res.headers['content-type']?.toString().startsWith('application/json') ? res.json() : null }
  }
  const readers = async (url: string) => ({
    author: (await call(author, 'GET', url)).status,
    neighbour: (await call(neighbour, 'GET', url)).status,
    outsider: (await call(outsider, 'GET', url)).status,
    mod: (await call(mod, 'GET', url)).status,
    otherMod: (await call(otherMod, 'GET', url)).status,
  })

  /** The photo and its thumbnail opened by their signed addresses alone, as the app's <Image> does. */
  const bySignature = async (p: { url: string; thumbUrl: string }) =>
    Promise.all([p.url, p.thumbUrl].map(async (url) => (await s.app.inject({ method: 'GET', url })).statusCode))

  beforeAll(async () => {
    s = await startServer(dialect)
    ;[author, neighbour] = await loginAll(s, RESIDENT_3)
    ;[outsider] = await loginAll(s, XIANGZHANG)
    ;[mod] = await loginAll(s, MOD)
    ;[otherMod] = await loginAll(s, OTHER_MOD)
    topic = (await call(mod, 'POST', '/api/topics', { unitId: await unitId(s, '梧桐居民区'), question: '楼道堆物怎么清理', background: '' })).body.id
  })
  afterAll(() => s.close())

  it('shows a post’s photos to the topic’s readers, hides them with the post, and drops them when it is deleted', async () => {
    const photo = await uploadPhoto(s.app, author.authorization)
    const notMine = await uploadPhoto(s.app, neighbour.authorization)
    expect((await call(author, 'POST', `/api/topics/${topic}/posts`, { body: '3号楼楼道里堆满了纸箱', photos: [photo.id, notMine.id] })).body.error.message).toBe('只能附上自己上传的照片')
    const post = await call(author, 'POST', `/api/topics/${topic}/posts`, { body: '3号楼楼道里堆满了纸箱', photos: [photo.id] })
    expect(post.status).toBe(201)
    expect(post.body.photos).toEqual([{ id: photo.id, url: signedFrom(photo.url), thumbUrl: signedFrom(photo.thumbUrl), status: 'visible' }])
    expect(await readers(photo.thumbUrl)).toEqual({ author: 200, neighbour: 200, outsider: 404, mod: 200, otherMod: 404 })
    const [signedForNeighbour] = (await call(neighbour, 'GET', `/api/posts/${post.body.id}`)).body.root.photos
    expect(await bySignature(signedForNeighbour)).toEqual([200, 200])

    expect((await call(mod, 'POST', `/api/posts/${post.body.id}/moderation`, { action: 'hide', reason: '含住户门牌' })).status).toBe(200)
    expect((await call(neighbour, 'GET', `/api/posts/${post.body.id}`)).body.root.photos).toEqual([])
    expect((await call(author, 'GET', `/api/posts/${post.body.id}`)).body.root.photos).toHaveLength(1)
    expect(await readers(photo.url)).toEqual({ author: 200, neighbour: 404, outsider: 404, mod: 200, otherMod: 404 })
    // The addresses the neighbour was given before stop working too, though not yet expired.
    expect(await bySignature(signedForNeighbour)).toEqual([404, 404])

    expect((await call(mod, 'POST', `/api/posts/${post.body.id}/moderation`, { action: 'restore' })).status).toBe(200)
    expect(await readers(photo.url)).toMatchObject({ neighbour: 200 })
    expect(await bySignature(signedForNeighbour)).toEqual([200, 200])
    expect((await call(author, 'DELETE', `/api/posts/${post.body.id}`)).status).toBe(200)
    expect(await readers(photo.url)).toEqual({ author: 200, neighbour: 404, outsider: 404, mod: 404, otherMod: 404 })
    expect(await bySignature(signedForNeighbour)).toEqual([404, 404])
  })

  it('replaces a post’s photos when its author edits them', async () => {
    const first = await uploadPhoto(s.app, author.authorization)
    const second = await uploadPhoto(s.app, author.authorization)
    const post = await call(author, 'POST', `/api/topics/${topic}/posts`, { body: '路灯坏了', photos: [first.id] })
    const edited = await call(author, 'PATCH', `/api/posts/${post.body.id}`, { photos: [second.id] })
    expect(edited.status).toBe(200)
    expect(edited.body.photos.map((p: { id: number }) => p.id)).toEqual([second.id])
    expect(await readers(second.url)).toMatchObject({ neighbour: 200 })
    expect(await readers(first.url)).toMatchObject({ neighbour: 404 })
  })
})

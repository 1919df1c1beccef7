// 我的 → 导出我的数据: a zip of the caller's own records and uploads, never another resident's, never
// survey answers (unlinkable by design, which the README says); rate-limited and logged.
import JSZip from 'jszip'
import { MOD_WUTONG, proposalBody, startProposalServer, type ProposalServer } from '../proposals/support'
import { describeEachDatabase } from '../support/server'
import { multipart, png } from '../media/support'

describeEachDatabase('exports: my data', (dialect) => {
  let s: ProposalServer
  let me: number, neighbour: number, mod: number

  const upload = async (userId: number, colour: string) => {
    const form = multipart(await png(30 + colour.length, 20), 'p.png', 'image/png')
    const res = await s.call(userId, 'POST', '/api/media', form.payload, form.headers)
    return res.body.id as number
  }
  const download = (userId: number) => s.auth(userId).then((authorization) => s.app.inject({ method: 'POST', url: '/api/me/export', headers: { authorization } }))
  const stored = async (userId: number, id: number) => (await s.app.inject({ method: 'GET', url: `/api/media/${id}`, headers: { authorization: await s.auth(userId) } })).rawPayload

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    ;[me, neighbour] = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    mod = await s.userIdOf(MOD_WUTONG)
  })
  afterAll(() => s.close())

  it('holds my account, residence, proposals, co-signs, posts and photos, and nothing of my neighbour’s', async () => {
    const myPhoto = await upload(me, 'mine')
    const myPostPhoto = await upload(me, 'mine, posted')
    const theirPhoto = await upload(neighbour, 'theirs')
    const mine = (await s.call(me, 'POST', '/api/proposals', proposalBody({ title: '楼道堆物请清理', photos: [myPhoto] }))).body.id
    const theirs = (await s.call(neighbour, 'POST', '/api/proposals', proposalBody({ title: '加装晾衣架', body: '邻居的提案正文，只属于邻居。', photos: [theirPhoto] }))).body.id
    expect((await s.call(me, 'POST', `/api/proposals/${theirs}/cosign`)).status).toBe(200)
    const topic = (await s.call(mod, 'POST', '/api/topics', { unitId: await s.unitId('梧桐居民区'), question: '楼道堆物怎么管', background: '' })).body.id
    expect((await s.call(me, 'POST', `/api/topics/${topic}/posts`, { body: '我家门口堆了纸箱', photos: [myPostPhoto] })).status).toBe(201)
    expect((await s.call(neighbour, 'POST', `/api/topics/${topic}/posts`, { body: '邻居的发言不该出现' })).status).toBe(201)

    const res = await download(me)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="yishi-my-data-\d{8}\.zip"$/)
    const zip = await JSZip.loadAsync(res.rawPayload)
    const names = Object.keys(zip.files).sort()
    expect(names).toEqual(
      ['README.txt', 'account.json', 'cosigns.json', 'posts.json', 'proposals.json', 'referrals.json', 'residence.json', `photos/${myPhoto}.webp`, `photos/${myPostPhoto}.webp`].sort(),
    )
    const json = async (name: string) => JSON.parse(await zip.file(name)!.async('string'))
    expect((await json('account.json')).id).toBe(me)
    expect(await json('residence.json')).toEqual([expect.objectContaining({ building: '3号楼', status: 'approved' })])
    expect((await json('proposals.json')).map((p: { id: number; photos: number[] }) => [p.id, p.photos])).toEqual([[mine, [myPhoto]]])
    expect(await json('cosigns.json')).toEqual([{ proposalId: theirs, title: '加装晾衣架', cosignedAt: expect.any(String) }])
    // Mine only (the demo seed wrote some of mine too), this one with its photo.
    const posts: { id: number; body: string; photos: number[] }[] = await json('posts.json')
    const myPostIds = (await s.app.db.kysely.selectFrom('posts').select('id').where('author_id', '=', me).orderBy('id').execute()).map((p) => p.id)
    expect(posts.map((p) => p.id)).toEqual(myPostIds)
    expect(posts.map((p) => [p.body, p.photos])).toContainEqual(['我家门口堆了纸箱', [myPostPhoto]])
    // The photos as stored: re-encoded, the same bytes the app shows.
    expect(Buffer.compare(await zip.file(`photos/${myPhoto}.webp`)!.async('nodebuffer'), await stored(me, myPhoto))).toBe(0)

    const everything = (await Promise.all(names.filter((n) => !n.startsWith('photos/')).map((n) => zip.file(n)!.async('string')))).join('\n')
    expect(everything).not.toContain('邻居的提案正文')
    expect(everything).not.toContain('邻居的发言不该出现')
    expect(everything).not.toContain(`"uploader_id"`)
    expect(await zip.file('README.txt')!.async('string')).toContain('问卷答案')
  })

  it('is logged for my committee, and refused after three a day', async () => {
    const logged = () =>
      s.app.db.kysely.selectFrom('moderation_log').select(['actor_id', 'target_id']).where('action', '=', 'account.export').where('actor_id', '=', neighbour).execute()
    expect(await logged()).toEqual([])
    for (let i = 0; i < 3; i++) expect((await download(neighbour)).statusCode).toBe(200)
    expect(await logged()).toEqual(Array(3).fill({ actor_id: neighbour, target_id: neighbour }))
    const refused = await download(neighbour)
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.code).toBe('rate_limited')
    expect((await s.app.inject({ method: 'POST', url: '/api/me/export' })).statusCode).toBe(401)
  })
})

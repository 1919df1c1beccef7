import { describeEachDatabase } from '../support/server'
import { ADMIN, MOD_WUTONG, MOD_XIANGZHANG, proposalBody, startProposalServer, type ProposalServer } from './support'

interface Item {
  id: number
  cosignCount: number
  cosignedByMe: boolean
  followedByMe: boolean
  isMine: boolean
}

describeEachDatabase('proposals: lists, 首页 and settings', (dialect) => {
  let s: ProposalServer
  let mod: number
  let b3: number[]
  const p: Record<string, number> = {}

  const ids = (res: { body: { items: Item[] } }) => res.body.items.map((i) => i.id)

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    mod = await s.userIdOf(MOD_WUTONG)
    b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    const b1 = (await s.residentsOf('梧桐新村', '1号楼'))[0].userId
    const anhe = (await s.residentsOf('安和花园', '1号楼'))[0].userId
    const xz = (await s.residentsOf('香樟苑', '1号楼'))[0].userId
    const submit = async (key: string, author: number, body: Record<string, unknown>, cosigners: number[] = []) => {
      const res = await s.call(author, 'POST', '/api/proposals', proposalBody(body))
      expect(res.status).toBe(201)
      p[key] = res.body.id
      for (const u of cosigners) expect((await s.call(u, 'POST', `/api/proposals/${p[key]}/cosign`)).status).toBe(200)
    }
    await submit('P1', b3[0], { title: '3号楼加装电梯', category: 'elevator' }, [b3[1], b3[2]])
    await submit('P2', b3[1], { title: '3号楼门口禁止停车', category: 'parking' }, [b3[0], b3[2], b3[3], b3[4]])
    await submit('P3', b1, { title: '梧桐新村垃圾房改造', category: 'sanitation', level: 'estate' })
    await submit('P4', anhe, { title: '安和花园访客车位', category: 'parking' })
    await submit('P5', xz, { title: '香樟苑增设晾衣架', category: 'public_space' })
    await submit('P6', b3[2], { title: '3号楼夜间照明不足', category: 'safety' }, [b3[3]])
  })
  afterAll(() => s.close())

  it('lists the 居民区’s proposals newest first, with the caller’s marks', async () => {
    const res = await s.call(b3[2], 'GET', '/api/proposals')
    expect(res.status).toBe(200)
    expect(ids(res)).toEqual([p.P6, p.P4, p.P3, p.P2, p.P1])
    expect(res.body.nextCursor).toBeNull()
    const byId = new Map<number, Item>(res.body.items.map((i: Item) => [i.id, i]))
    expect(byId.get(p.P1)).toMatchObject({ cosignCount: 2, cosignedByMe: true, followedByMe: true, isMine: false })
    expect(byId.get(p.P6)).toMatchObject({ cosignCount: 1, cosignedByMe: false, isMine: true })
    expect(byId.get(p.P4)).toMatchObject({ cosignedByMe: false, followedByMe: false, authorLabel: '1号楼居民', unitName: '1号楼', threshold: 5 })
  })

  it('pages by an opaque cursor without gaps or repeats, in either order', async () => {
    for (const [sort, expected] of [
      ['newest', [p.P6, p.P4, p.P3, p.P2, p.P1]],
      ['cosigns', [p.P2, p.P1, p.P6, p.P4, p.P3]],
    ] as const) {
      const seen: number[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const res: { body: { items: Item[]; nextCursor: string | null } } = await s.call(
          b3[0],
          'GET',
          `/api/proposals?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        )
        seen.push(...res.body.items.map((i) => i.id))
        cursor = res.body.nextCursor
        pages++
      } while (cursor)
      expect(seen).toEqual(expected)
      expect(pages).toBe(3)
    }
    const first = await s.call(b3[0], 'GET', '/api/proposals?limit=2')
    const mixed = await s.call(b3[0], 'GET', `/api/proposals?sort=cosigns&cursor=${first.body.nextCursor}`)
    expect(mixed.status).toBe(400)
    expect(mixed.body.error.field).toBe('cursor')
    expect((await s.call(b3[0], 'GET', '/api/proposals?cursor=garbage')).status).toBe(400)
    expect((await s.call(b3[0], 'GET', '/api/proposals?limit=500')).status).toBe(400)
  })

  it('filters by state, category, unit (and everything under it) and 我的提案', async () => {
    expect(ids(await s.call(b3[0], 'GET', '/api/proposals?category=parking'))).toEqual([p.P4, p.P2])
    expect(ids(await s.call(b3[0], 'GET', `/api/proposals?unitId=${await s.unitId('梧桐新村')}`))).toEqual([p.P6, p.P3, p.P2, p.P1])
    expect(ids(await s.call(b3[0], 'GET', `/api/proposals?unitId=${await s.unitId('3号楼', '梧桐新村')}&category=parking`))).toEqual([p.P2])
    expect(ids(await s.call(b3[1], 'GET', '/api/proposals?mine=1'))).toEqual([p.P2])
    expect(ids(await s.call(b3[1], 'GET', '/api/proposals?state=submitted,screening'))).toEqual([p.P6, p.P4, p.P3, p.P2, p.P1])
    expect(ids(await s.call(b3[1], 'GET', '/api/proposals?state=voting'))).toEqual([])
    const bad = await s.call(b3[1], 'GET', '/api/proposals?state=open')
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toBe('没有「open」这个状态')
  })

  it('shows each 居民区 its own proposals, staff their area, and nothing to the unverified', async () => {
    expect(ids(await s.call(await s.userIdOf(MOD_XIANGZHANG), 'GET', '/api/proposals'))).toEqual([p.P5])
    expect(ids(await s.call(await s.userIdOf(ADMIN), 'GET', '/api/proposals'))).toEqual([p.P6, p.P5, p.P4, p.P3, p.P2, p.P1])
    expect(ids(await s.call(mod, 'GET', '/api/proposals'))).toEqual([p.P6, p.P4, p.P3, p.P2, p.P1])
    const unverified = await s.userIdOf('居民 · 梧桐新村1号楼（未认证）')
    expect((await s.call(unverified, 'GET', '/api/proposals')).status).toBe(403)
    expect((await s.call(null, 'GET', '/api/proposals')).status).toBe(401)
    const xz = (await s.residentsOf('香樟苑', '2号楼'))[0].userId
    expect((await s.call(xz, 'GET', `/api/proposals/${p.P1}`)).status).toBe(403)
    expect((await s.call(xz, 'GET', '/api/proposals/999999')).status).toBe(404)
  })

  it('follows and unfollows', async () => {
    expect((await s.call(b3[5], 'POST', `/api/proposals/${p.P3}/follow`)).body).toEqual({ following: true })
    expect((await s.call(b3[5], 'POST', `/api/proposals/${p.P3}/follow`)).body).toEqual({ following: true })
    expect((await s.call(b3[5], 'GET', `/api/proposals/${p.P3}`)).body.followedByMe).toBe(true)
    expect((await s.call(b3[5], 'DELETE', `/api/proposals/${p.P3}/follow`)).body).toEqual({ following: false })
    expect((await s.call(b3[5], 'GET', `/api/proposals/${p.P3}`)).body.followedByMe).toBe(false)
  })

  it('puts on 首页 what needs the resident now, in their own units only', async () => {
    const home = await s.call(b3[5], 'GET', '/api/proposals/home')
    // P2 has 4 of 5; P1 (2 of 5) is not close; P4 belongs to another 楼组.
    expect(home.body).toEqual({ openVotes: [], nearThreshold: [expect.objectContaining({ id: p.P2, cosignCount: 4 })], toEvaluate: [], overdue: [] })
    // Already co-signed: nothing more to ask of them.
    expect((await s.call(b3[3], 'GET', '/api/proposals/home')).body.nearThreshold).toEqual([])
    const unverified = await s.userIdOf('居民 · 梧桐新村1号楼（未认证）')
    expect((await s.call(unverified, 'GET', '/api/proposals/home')).body).toEqual({ openVotes: [], nearThreshold: [], toEvaluate: [], overdue: [] })

    await s.call(b3[5], 'POST', `/api/proposals/${p.P2}/cosign`)
    await s.call(mod, 'POST', `/api/proposals/${p.P2}/transitions`, { to: 'accepted' })
    await s.call(mod, 'POST', `/api/proposals/${p.P2}/transitions`, { to: 'deliberating' })
    await s.call(mod, 'POST', `/api/proposals/${p.P2}/transitions`, { to: 'voting' })
    const voting = await s.call(b3[5], 'GET', '/api/proposals/home')
    expect(voting.body.openVotes).toEqual([expect.objectContaining({ id: p.P2, householdVoted: false })])
    await s.call(b3[5], 'POST', `/api/proposals/${p.P2}/vote`, { choice: 'for' })
    expect((await s.call(b3[5], 'GET', '/api/proposals/home')).body.openVotes[0].householdVoted).toBe(true)
    // The 1号楼 resident of the same 居民区 sees no vote of 3号楼 on their 首页.
    const b1 = (await s.residentsOf('梧桐新村', '1号楼'))[0].userId
    expect((await s.call(b1, 'GET', '/api/proposals/home')).body.openVotes).toEqual([])
  })

  it('keeps per-居民区 settings that its committee reads and changes', async () => {
    const url = `/api/proposals/settings?unitId=${await s.unitId('梧桐居民区')}`
    const read = await s.call(mod, 'GET', url)
    expect(read.body).toEqual({
      neighbourhoodId: await s.unitId('梧桐居民区'),
      cosignMinCount: 5,
      cosignSharePercent: 3,
      cosignDays: 30,
      screeningDays: 7,
      acceptedDays: 7,
      deliberatingDays: 30,
      votingDays: 7,
      approvedDays: 14,
      referredDays: 30,
      evaluationDays: 30,
      voteTurnoutPercent: 50,
      voteMajorityPercent: 50,
      isDefault: true,
    })
    expect((await s.call(mod, 'GET', '/api/proposals/settings')).body.neighbourhoodId).toBe(read.body.neighbourhoodId)
    expect((await s.call(b3[0], 'GET', url)).status).toBe(403)
    expect((await s.call(await s.userIdOf(MOD_XIANGZHANG), 'GET', url)).status).toBe(403)
    expect((await s.call(await s.userIdOf(ADMIN), 'GET', url)).status).toBe(200)
    expect((await s.call(mod, 'GET', `/api/proposals/settings?unitId=${await s.unitId('梧桐新村')}`)).status).toBe(400)

    const bad = await s.call(mod, 'PUT', url, { voteMajorityPercent: 40 })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ field: 'voteMajorityPercent', message: '赞成比例应在 50 到 99.99 之间' })
    expect((await s.call(mod, 'PUT', url, { screeningDays: 0 })).status).toBe(400)
    expect((await s.call(b3[0], 'PUT', url, { screeningDays: 3 })).status).toBe(403)
    expect((await s.call(mod, 'GET', url)).body.isDefault).toBe(true)

    // P6 reaches screening now, then the committee shortens screening to 3 days: its deadline follows.
    for (const u of [b3[0], b3[1], b3[4], b3[5]]) await s.call(u, 'POST', `/api/proposals/${p.P6}/cosign`)
    expect((await s.call(mod, 'GET', `/api/proposals/${p.P6}`)).body).toMatchObject({ state: 'screening', deadlineAt: s.clock.iso(7) })
    const saved = await s.call(mod, 'PUT', url, { cosignMinCount: 3, cosignSharePercent: 0, screeningDays: 3 })
    expect(saved.body).toMatchObject({ cosignMinCount: 3, cosignSharePercent: 0, screeningDays: 3, votingDays: 7, isDefault: false })
    expect((await s.call(mod, 'GET', `/api/proposals/${p.P6}`)).body.deadlineAt).toBe(s.clock.iso(3))
    // Thresholds are fixed at submission: P1 keeps 5, a new proposal gets 3.
    expect((await s.call(b3[0], 'GET', `/api/proposals/${p.P1}`)).body.threshold).toBe(5)
    const fresh = await s.call(b3[3], 'POST', '/api/proposals', proposalBody({ title: '3号楼信报箱更换' }))
    expect(fresh.body.threshold).toBe(3)
    const log = await s.app.db.kysely.selectFrom('moderation_log').select(['action', 'actor_id']).where('action', '=', 'proposal.settings').execute()
    expect(log).toEqual([{ action: 'proposal.settings', actor_id: mod }])
  })
})

import { describeEachDatabase } from '../support/server'
import { MOD_WUTONG, MOD_XIANGZHANG, proposalBody, startProposalServer, type ProposalServer } from './support'

describeEachDatabase('proposals: submitting', (dialect) => {
  let s: ProposalServer
  let mod: number
  let b3: number[]
  let unverified: number

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    mod = await s.userIdOf(MOD_WUTONG)
    b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    unverified = await s.userIdOf('居民 · 梧桐新村1号楼（未认证）')
  })
  afterAll(() => s.close())

  it.each([
    [{ title: '电梯' }, 'title', '标题至少需要 5 个字'],
    [{ title: '长'.repeat(41) }, 'title', '标题不能超过 40 个字'],
    [{ title: '     五个字好' }, 'title', '标题至少需要 5 个字'],
    [{ body: '字'.repeat(2001) }, 'body', '内容不能超过 2000 个字'],
    [{ category: '其他' }, 'category', '类别不是可选的值'],
    [{ photos: Array.from({ length: 10 }, (_, i) => i + 1) }, 'photos', '最多附上 9 张照片'],
    [{ photos: [1] }, 'photos', '有照片不存在，请重新上传'],
    [{ secret: 1 }, 'secret', '不认识的字段：secret'],
  ])('refuses %j (400, nothing stored)', async (patch, field, message) => {
    const res = await s.call(b3[0], 'POST', '/api/proposals', proposalBody(patch))
    expect(res.status).toBe(400)
    expect(res.body.error).toEqual({ code: 'invalid_input', field, message })
    expect(await s.count('proposals')).toBe(0)
  })

  it('lets only verified residents submit, and only in their own 楼组, 小区 or 居民区', async () => {
    expect((await s.call(null, 'POST', '/api/proposals', proposalBody())).status).toBe(401)
    const res = await s.call(unverified, 'POST', '/api/proposals', proposalBody())
    expect(res.status).toBe(403)
    expect(res.body.error.message).toBe('完成居住地认证后才能提交提案')
    const elsewhere = await s.call(b3[0], 'POST', '/api/proposals', proposalBody({ unitId: await s.unitId('1号楼', '梧桐新村') }))
    expect(elsewhere.status).toBe(403)
    const street = await s.call(b3[0], 'POST', '/api/proposals', proposalBody({ unitId: await s.unitId('长宁示范街道') }))
    expect(street.status).toBe(403)
    expect(await s.count('proposals')).toBe(0)
  })

  it('defaults to the resident’s 楼组 and takes 小区 or 居民区 by level or unit', async () => {
    const estate = await s.call(b3[0], 'POST', '/api/proposals', proposalBody({ level: 'estate', title: '梧桐新村停车难' }))
    expect(estate.body).toMatchObject({ level: 'estate', unitName: '梧桐新村', threshold: 7, unitLevelName: '小区' })
    const nb = await s.call(b3[0], 'POST', '/api/proposals', proposalBody({ unitId: await s.unitId('梧桐居民区'), title: '居民区助餐点' }))
    // 梧桐居民区: 6×36 + 4×60 + 6 + 8 = 470 households; 3 % = 14.1 → 15.
    expect(nb.body).toMatchObject({ level: 'neighbourhood', unitName: '梧桐居民区', threshold: 15 })
    const mismatch = await s.call(b3[0], 'POST', '/api/proposals', proposalBody({ level: 'building', unitId: await s.unitId('梧桐居民区') }))
    expect(mismatch.status).toBe(400)
    expect(mismatch.body.error.field).toBe('level')
  })

  it('never creates a duplicate for a retried submit with the same Idempotency-Key', async () => {
    const before = await s.count('proposals')
    const headers = { 'idempotency-key': 'submit-7f3a' }
    const first = await s.call(b3[1], 'POST', '/api/proposals', proposalBody({ title: '自行车棚加装充电桩' }), headers)
    const retry = await s.call(b3[1], 'POST', '/api/proposals', proposalBody({ title: '自行车棚加装充电桩' }), headers)
    expect(first.status).toBe(201)
    expect(retry.status).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.body.id).toBe(first.body.id)
    expect(await s.count('proposals')).toBe(before + 1)
    const other = await s.call(b3[1], 'POST', '/api/proposals', proposalBody({ title: '另一个提案内容' }), headers)
    expect(other.status).toBe(422)
    expect(await s.count('proposals')).toBe(before + 1)
  })

  it('refuses risky words (422) and holds review words for the committee', async () => {
    const before = await s.count('proposals')
    const firstPage = async (who: number) => (await s.call(who, 'GET', '/api/proposals')).body.items.map((p: { id: number }) => p.id)
    await firstPage(b3[3]) // the 居民区's first page is now kept: what follows must still be each one's own view
    const risky = await s.call(b3[2], 'POST', '/api/proposals', proposalBody({ body: '楼上的是狗东西，天天漏水' }))
    expect(risky.status).toBe(422)
    expect(risky.body.error.code).toBe('content_rejected')
    expect(await s.count('proposals')).toBe(before)

    const held = await s.call(b3[2], 'POST', '/api/proposals', proposalBody({ title: '楼道广告太多了', body: '到处贴着加微信办理贷款的小广告' }))
    expect(held.status).toBe(201)
    expect(held.body).toMatchObject({ contentStatus: 'pending_review', isMine: true })
    const id = held.body.id
    expect((await s.call(b3[3], 'GET', `/api/proposals/${id}`)).status).toBe(404)
    expect(await firstPage(b3[3])).not.toContain(id)
    expect(await firstPage(b3[2])).toContain(id)
    expect((await s.call(b3[3], 'POST', `/api/proposals/${id}/cosign`)).status).toBe(404)
    const queue = await s.call(mod, 'GET', '/api/proposals/queue')
    expect(queue.body.pendingReview.map((p: { id: number }) => p.id)).toEqual([id])

    s.clock.advance(2)
    const published = await s.call(mod, 'POST', `/api/proposals/${id}/review`, { decision: 'publish' })
    expect(published.body).toMatchObject({ contentStatus: 'visible', deadlineAt: s.clock.iso(30) })
    expect((await s.call(b3[3], 'GET', `/api/proposals/${id}`)).status).toBe(200)
    expect(await firstPage(b3[3])).toContain(id)
    const hidden = await s.call(mod, 'POST', `/api/proposals/${id}/review`, { decision: 'hide' })
    expect(hidden.body.error.field).toBe('reason')
    expect((await s.call(mod, 'POST', `/api/proposals/${id}/review`, { decision: 'hide', reason: '含广告信息' })).body.contentStatus).toBe('hidden')
    expect((await s.call(b3[3], 'GET', `/api/proposals/${id}`)).status).toBe(404)
    expect(await firstPage(b3[3])).not.toContain(id)
    expect((await s.call(b3[2], 'GET', `/api/proposals/${id}`)).body.contentStatus).toBe('hidden')
  })

  it('masks phone, ID and room numbers for other residents; the author and the committee see the original', async () => {
    const res = await s.call(
      b3[4],
      'POST',
      '/api/proposals',
      proposalBody({ title: '3号楼302室噪音扰民', body: '晚上十一点后还在装修，联系13812345678，身份证310105199001011234' }),
    )
    const id = res.body.id
    expect(res.body.title).toBe('3号楼302室噪音扰民')
    const other = await s.call(b3[0], 'GET', `/api/proposals/${id}`)
    expect(other.body.title).toBe('3号楼***室噪音扰民')
    expect(other.body.body).toBe('晚上十一点后还在装修，联系138****5678，身份证3101**********1234')
    const listed = await s.call(b3[0], 'GET', '/api/proposals')
    expect(listed.body.items.find((p: { id: number }) => p.id === id).title).toBe('3号楼***室噪音扰民')
    expect((await s.call(mod, 'GET', `/api/proposals/${id}`)).body.body).toContain('13812345678')
  })

  it('shows the building unless the author hides it', async () => {
    const hidden = await s.call(b3[5], 'POST', '/api/proposals', proposalBody({ title: '希望增加夜间巡逻', hideBuilding: true, category: 'safety' }))
    expect(hidden.body.authorLabel).toBe('梧桐居民区居民')
    const view = await s.call(b3[0], 'GET', `/api/proposals/${hidden.body.id}`)
    expect(view.body.authorLabel).toBe('梧桐居民区居民')
    expect(JSON.stringify(view.body)).not.toContain(`"authorId"`)
  })

  it('lets the committee enter a proposal and co-signatures for residents who came in person (代录)', async () => {
    const building = await s.unitId('3号楼', '梧桐新村')
    const refused = await s.call(await s.userIdOf(MOD_XIANGZHANG), 'POST', '/api/proposals', proposalBody({ onBehalfOf: { buildingId: building } }))
    expect(refused.status).toBe(403)
    const byResident = await s.call(b3[0], 'POST', '/api/proposals', proposalBody({ onBehalfOf: { buildingId: building } }))
    expect(byResident.status).toBe(403)

    const res = await s.call(mod, 'POST', '/api/proposals', proposalBody({ title: '代录：楼道加装扶手', onBehalfOf: { buildingId: building, note: '王阿姨，3号楼，电话13900001111' } }))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ enteredByStaff: true, authorLabel: '3号楼居民', isMine: false, level: 'building', unitName: '3号楼', staffNote: '王阿姨，3号楼，电话13900001111' })
    const id = res.body.id
    const resident = await s.call(b3[0], 'GET', `/api/proposals/${id}`)
    expect(resident.body).toMatchObject({ enteredByStaff: true, staffNote: null, canCosign: true })
    expect(resident.body.timeline[0]).toMatchObject({ actorRole: 'committee', actorLabel: '居委会' })
    const row = await s.app.db.kysely.selectFrom('proposals').select(['author_id', 'entered_by']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ author_id: null, entered_by: mod })

    const proxyCosign = { onBehalfOf: { buildingId: building, room: '3-402', name: '李伯伯' } }
    expect((await s.call(mod, 'POST', `/api/proposals/${id}/cosign`, proxyCosign)).body).toMatchObject({ cosigned: true, cosignCount: 1 })
    expect((await s.call(mod, 'POST', `/api/proposals/${id}/cosign`, { onBehalfOf: { buildingId: building, room: '3－402 ', name: '李伯伯' } })).body.cosignCount).toBe(1)
    expect((await s.call(mod, 'POST', `/api/proposals/${id}/cosign`, { onBehalfOf: { buildingId: building, room: '3-502', name: '张阿姨' } })).body.cosignCount).toBe(2)
    const elsewhere = await s.call(mod, 'POST', `/api/proposals/${id}/cosign`, { onBehalfOf: { buildingId: await s.unitId('1号楼', '梧桐新村'), room: '101' } })
    expect(elsewhere.status).toBe(400)
    expect((await s.call(b3[1], 'POST', `/api/proposals/${id}/cosign`, proxyCosign)).status).toBe(403)
    const log = await s.app.db.kysely.selectFrom('moderation_log').select('action').where('target_id', '=', id).where('target_type', '=', 'proposal').orderBy('id').execute()
    expect(log.map((l) => l.action)).toEqual(['proposal.proxy_submit', 'proposal.proxy_cosign', 'proposal.proxy_cosign'])
  })

  it('limits a resident to 10 proposals an hour (429, nothing stored)', async () => {
    const resident = await s.addHouseholdMember('梧桐新村', '3号楼', '202')
    const before = await s.count('proposals')
    for (let i = 0; i < 10; i++) expect((await s.call(resident, 'POST', '/api/proposals', proposalBody({ title: `第${i + 1}条限流测试提案` }))).status).toBe(201)
    const refused = await s.call(resident, 'POST', '/api/proposals', proposalBody({ title: '第11条限流测试提案' }))
    expect(refused.status).toBe(429)
    expect(refused.body.error).toEqual({ code: 'rate_limited', message: '操作太频繁了，请 60 分钟后再试' })
    expect(await s.count('proposals')).toBe(before + 10)
  })

  it('suggests similar open proposals in the unit before submitting', async () => {
    const res = await s.call(b3[1], 'GET', `/api/proposals/similar?title=${encodeURIComponent('3号楼加装电梯')}`)
    expect(res.status).toBe(200)
    // "3号楼302室噪音扰民" and "代录：楼道加装扶手" share too little with it.
    expect(res.body.items).toEqual([])
    const lift = await s.call(b3[1], 'POST', '/api/proposals', proposalBody({ title: '3号楼加装电梯的建议' }))
    const again = await s.call(b3[2], 'GET', `/api/proposals/similar?title=${encodeURIComponent('3号楼加装电梯')}`)
    expect(again.body.items[0]).toMatchObject({ id: lift.body.id, state: 'submitted', cosignCount: 0, threshold: 5 })
    const none = await s.call(b3[2], 'GET', `/api/proposals/similar?title=${encodeURIComponent('垃圾分类投放')}`)
    expect(none.body.items).toEqual([])
    expect((await s.call(unverified, 'GET', `/api/proposals/similar?title=${encodeURIComponent('电梯')}`)).status).toBe(403)
  })
})

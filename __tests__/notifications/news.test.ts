import { settled } from '../../server/core/write'
import { sweep } from '../../server/maintenance'
import { sweepProposals } from '../../server/proposals'
import { MAX_ATTEMPTS, retryPushes, wechatSubscribeMessages } from '../../server/notifications/push'
import { fakeWechat } from '../support/fake-wechat'
import { describeEachDatabase } from '../support/server'
import { MOD_WUTONG, proposalBody, startProposalServer, type ProposalServer } from '../proposals/support'

const MINUTE = 60_000

// What a resident is told of their own affairs (residence review, replies, referral answers, escalation),
// in-app and by subscribe message through the real adapter to the loopback WeChat, and the send record.
describeEachDatabase('notifications: news of one’s own affairs, and the send record', (dialect) => {
  let s: ProposalServer
  let wx: Awaited<ReturnType<typeof fakeWechat>>
  let mod: number
  let b3: number[]

  beforeAll(async () => {
    wx = await fakeWechat()
    const templates = { fallback: 'TPL-ALL', byKind: { 'residence.approved': 'TPL-RESIDENCE', 'residence.rejected': 'TPL-RESIDENCE' } }
    s = await startProposalServer(dialect, { subscribeMessages: wechatSubscribeMessages(wx.config, templates) })
    mod = await s.userIdOf(MOD_WUTONG)
    b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
  })
  afterAll(async () => {
    await s.close()
    await wx.close()
  })

  const setOpenid = (userId: number, openid: string) => s.app.db.kysely.updateTable('users').set({ openid }).where('id', '=', userId).execute()
  const inbox = async (userId: number) => (await s.call(userId, 'GET', '/api/notifications')).body.items
  const logOf = (userId: number) => s.app.db.kysely.selectFrom('push_log').selectAll().where('user_id', '=', userId).orderBy('id').execute()

  it('tells a resident their residence is approved, with the per-kind template, and records WeChat’s ok', async () => {
    const resident = await s.userIdOf('居民 · 梧桐新村1号楼（未认证）')
    await setOpenid(resident, 'openid-sub-approved')
    const req = await s.call(resident, 'POST', '/api/me/residence', { buildingId: await s.unitId('5号楼', '梧桐新村'), room: '302' })
    expect((await s.call(mod, 'POST', `/api/verifications/${req.body.id}/approve`, {})).status).toBe(200)
    await settled(s.app)
    const [note] = await inbox(resident)
    expect(note).toMatchObject({ kind: 'residence.approved', title: '居住认证', body: '您在梧桐新村5号楼的居住认证已通过', targetType: 'residence', targetId: req.body.id })
    expect(wx.subscribeSends.filter((m) => m.touser === 'openid-sub-approved')).toEqual([
      expect.objectContaining({ template_id: 'TPL-RESIDENCE', page: 'pages/residence/index', errcode: 0, data: expect.objectContaining({ phrase2: { value: '已通过' } }) }),
    ])
    expect(await logOf(resident)).toEqual([
      expect.objectContaining({ notification_id: note.id, template_id: 'TPL-RESIDENCE', status: 'sent', errcode: 0, attempts: 1, next_attempt_at: null }),
    ])
  })

  it('tells a rejected resident the reason; a user who has not subscribed is recorded as such and never retried', async () => {
    const resident = await s.userIdOf('居民 · 安和花园2号楼（待审核）')
    await setOpenid(resident, 'openid-nosub')
    const pending = (await s.call(mod, 'GET', '/api/verifications')).body.items.find((i: { userId: number }) => i.userId === resident)
    expect((await s.call(mod, 'POST', `/api/verifications/${pending.id}/reject`, { reason: '请到居委会核对房产信息' })).status).toBe(200)
    await settled(s.app)
    expect((await inbox(resident))[0]).toMatchObject({ kind: 'residence.rejected', body: '居住认证未通过：请到居委会核对房产信息' })
    expect(await logOf(resident)).toEqual([expect.objectContaining({ status: 'unsubscribed', errcode: 43101, attempts: 1, next_attempt_at: null })])
    s.clock.advance(1)
    await retryPushes(s.app, s.clock.now())
    expect(wx.subscribeSends.filter((m) => m.touser === 'openid-nosub')).toHaveLength(1)
  })

  it('tells the author of the post answered, not someone answering themselves', async () => {
    const topic = (await s.call(mod, 'POST', '/api/topics', { unitId: await s.unitId('3号楼', '梧桐新村'), question: '楼道堆物怎么处理' })).body.id
    const root = (await s.call(b3[0], 'POST', `/api/topics/${topic}/posts`, { body: '建议每月统一清理一次' })).body.id
    const reply = await s.call(b3[1], 'POST', `/api/topics/${topic}/posts`, { body: '同意楼上', parentId: root })
    expect(reply.status).toBe(201)
    expect((await inbox(b3[0]))[0]).toMatchObject({ kind: 'post.reply', title: '楼道堆物怎么处理', body: '3号楼居民回复了您：同意楼上', targetType: 'post', targetId: reply.body.id })
    // A reply to a reply tells that reply's author; one's own reply tells nobody.
    const before = (await inbox(b3[0])).length
    const answer = await s.call(b3[0], 'POST', `/api/topics/${topic}/posts`, { body: '谢谢支持', parentId: reply.body.id })
    expect((await inbox(b3[1]))[0]).toMatchObject({ kind: 'post.reply', targetId: answer.body.id })
    await s.call(b3[0], 'POST', `/api/topics/${topic}/posts`, { body: '补充一点', parentId: root })
    expect(await inbox(b3[0])).toHaveLength(before)
  })

  it('tells the author the answer to their referral', async () => {
    const id = (await s.call(b3[2], 'POST', '/api/proposals', proposalBody({ title: '小区保洁频次太低', category: 'property' }))).body.id
    await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'referred', referTo: 'property', reason: '属物业服务范围' })
    expect((await s.call(mod, 'POST', `/api/proposals/${id}/referral`, { answer: '物业已承诺每天保洁两次' })).status).toBe(200)
    expect((await inbox(b3[2]))[0]).toMatchObject({ kind: 'proposal.referral_answer', body: '转办已有答复：物业已承诺每天保洁两次', targetId: id })
  })

  it('tells the author once that their proposal went up to the 街镇', async () => {
    const id = (await s.call(b3[5], 'POST', '/api/proposals', proposalBody({ title: '单元门禁经常损坏' }))).body.id
    for (const u of b3.slice(0, 5)) expect((await s.call(u, 'POST', `/api/proposals/${id}/cosign`)).status).toBe(200)
    s.clock.advance(14.01)
    await sweepProposals(s.app, s.clock.now())
    await sweepProposals(s.app, s.clock.now())
    const escalated = (await inbox(b3[5])).filter((n: { kind: string; targetId: number }) => n.kind === 'proposal.escalated' && n.targetId === id)
    expect(escalated).toEqual([expect.objectContaining({ body: '超过时限一倍仍未处理，已上报街镇：提案已超过审核时限，居委会尚未处理' })])
  })

  it('tries a refused send again with growing waits, at most a few times', async () => {
    const resident = b3[3]
    await setOpenid(resident, 'openid-busy-3')
    const topic = (await s.call(mod, 'POST', '/api/topics', { unitId: await s.unitId('3号楼', '梧桐新村'), question: '自行车停放' })).body.id
    const root = (await s.call(resident, 'POST', `/api/topics/${topic}/posts`, { body: '车棚太挤' })).body.id
    await s.call(b3[4], 'POST', `/api/topics/${topic}/posts`, { body: '是的', parentId: root })
    await settled(s.app)
    const sends = () => wx.subscribeSends.filter((m) => m.touser === 'openid-busy-3').length
    const [first] = await logOf(resident)
    expect(first).toMatchObject({ template_id: 'TPL-ALL', status: 'refused', errcode: 45009, attempts: 1, next_attempt_at: new Date(s.clock.t + 10 * MINUTE).toISOString() })

    expect(await retryPushes(s.app, new Date(s.clock.t + 5 * MINUTE))).toBe(0)
    s.clock.t += 11 * MINUTE
    expect(await retryPushes(s.app, s.clock.now())).toBe(1)
    expect((await logOf(resident))[0]).toMatchObject({ attempts: 2, next_attempt_at: new Date(s.clock.t + 60 * MINUTE).toISOString() })
    s.clock.advance(1)
    expect(await retryPushes(s.app, s.clock.now())).toBe(1)
    expect((await logOf(resident))[0]).toMatchObject({ status: 'refused', errcode: 45009, attempts: MAX_ATTEMPTS, next_attempt_at: null })
    s.clock.advance(30)
    expect(await retryPushes(s.app, s.clock.now())).toBe(0)
    expect(sends()).toBe(MAX_ATTEMPTS)
  })

  it('forgets send records after PUSH_LOG_DAYS (90 by default) in the hourly sweep, keeping one still due a retry', async () => {
    const DAY = 86_400_000
    expect(s.app.config.pushLogDays).toBe(90)
    const all = async () => (await s.app.db.kysely.selectFrom('push_log').select(['id', 'next_attempt_at']).execute()).length
    const kept = await all()
    expect(kept).toBeGreaterThan(0)
    const { id: _id, ...last } = await s.app.db.kysely.selectFrom('push_log').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow()
    const newest = last.created_at
    // A send of that time that failed and waits for its retry.
    const due = await s.app.db.kysely
      .insertInto('push_log')
      .values({ ...last, status: 'failed', next_attempt_at: '2999-01-01T00:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const oldest = (await s.app.db.kysely.selectFrom('push_log').select('created_at').orderBy('created_at').executeTakeFirstOrThrow()).created_at
    await sweep(s.app, new Date(oldest).getTime() + 89 * DAY)
    expect(await all()).toBe(kept + 1)
    await sweep(s.app, new Date(newest).getTime() + 91 * DAY)
    expect(await s.app.db.kysely.selectFrom('push_log').select('id').execute()).toEqual([{ id: due.id }])
  })
})

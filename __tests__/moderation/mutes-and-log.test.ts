import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import { ADMIN, client, DAY, fakeClock, loginAll, MOD, OTHER_MOD, REP_3, RESIDENT_3, roomyConfig, unitId, XIANGZHANG, type Actor } from '../discussions/helpers'

// Each suite starts a seeded server (and PostgreSQL schema); on a busy two-core machine that outlasts jest's 5 s default.

describeEachDatabase('议事厅 moderation: mutes and the append-only log', (dialect) => {
  let s: TestServer
  let api: ReturnType<typeof client>
  const clock = fakeClock('2025-03-01T02:00:00.000Z')
  let mod: Actor, otherMod: Actor, admin: Actor, rep: Actor, r3: Actor[], xz: Actor
  let wutong: number, xiangzhang: number, topic: number

  beforeAll(async () => {
    s = await startServer(dialect, { config: roomyConfig(), overrides: { clock: clock.now } })
    api = client(s)
    ;[mod] = await loginAll(s, MOD)
    ;[otherMod] = await loginAll(s, OTHER_MOD)
    ;[admin] = await loginAll(s, ADMIN)
    ;[rep] = await loginAll(s, REP_3)
    r3 = await loginAll(s, RESIDENT_3)
    ;[xz] = await loginAll(s, XIANGZHANG)
    wutong = await unitId(s, '梧桐居民区')
    xiangzhang = await unitId(s, '香樟居民区')
    topic = (await api.post('/api/topics', mod, { unitId: wutong, question: '禁言测试议题' })).body.id
  })
  afterAll(() => s.close())

  const db = () => s.app.db.kysely
  const postsBy = async (userId: number) => (await db().selectFrom('posts').select('id').where('author_id', '=', userId).execute()).length

  it('mutes a resident for N days: posts are refused with the end date, then allowed again', async () => {
    const own = (await api.post(`/api/topics/${topic}/posts`, r3[0], { body: '禁言前的发言' })).body.id
    const mute = await api.post(`/api/users/${r3[0].userId}/mutes`, mod, { days: 3, reason: '多次人身攻击' })
    expect(mute.status).toBe(201)
    expect(mute.body).toMatchObject({ userId: r3[0].userId, neighbourhoodId: wutong, reason: '多次人身攻击', endsAt: '2025-03-04T02:00:00.000Z', liftedAt: null })
    const before = await postsBy(r3[0].userId)
    const refused = await api.post(`/api/topics/${topic}/posts`, r3[0], { body: '禁言中发言' })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toEqual({
      code: 'muted',
      message: '您已被禁言至 2025年3月4日 10:00（原因：多次人身攻击），期间不能发言',
      details: { endsAt: '2025-03-04T02:00:00.000Z' },
    })
    expect((await api.patch(`/api/posts/${own}`, r3[0], { body: '禁言中修改' })).body.error.code).toBe('muted')
    expect((await api.get(`/api/topics/${topic}`, r3[0])).body).toMatchObject({ canPost: false, cannotPostReason: '您已被禁言至 2025年3月4日 10:00（原因：多次人身攻击），期间不能发言' })
    expect(await postsBy(r3[0].userId)).toBe(before)
    // Others are not affected.
    expect((await api.post(`/api/topics/${topic}/posts`, r3[1], { body: '我没被禁言' })).status).toBe(201)
    const log = await db().selectFrom('moderation_log').select(['actor_id', 'action', 'unit_id', 'reason']).where('target_type', '=', 'user').where('target_id', '=', r3[0].userId).execute()
    expect(log).toEqual([{ actor_id: mod.userId, action: 'user.mute', unit_id: wutong, reason: '禁言 3 天：多次人身攻击' }])
    const told = await db().selectFrom('notifications').select(['kind', 'title', 'body']).where('user_id', '=', r3[0].userId).execute()
    expect(told).toEqual([{ kind: 'user.muted', title: '梧桐居民区议事厅', body: '您被禁言至 2025年3月4日 10:00，原因：多次人身攻击' }])
    clock.advance(3 * DAY - 1)
    expect((await api.post(`/api/topics/${topic}/posts`, r3[0], { body: '还差一毫秒' })).status).toBe(403)
    clock.advance(1)
    expect((await api.post(`/api/topics/${topic}/posts`, r3[0], { body: '禁言结束了' })).status).toBe(201)
  })

  it('lifts a mute early, logged; only the committee of that 居民区 may', async () => {
    const mute = (await api.post(`/api/users/${r3[1].userId}/mutes`, admin, { days: 7, reason: '发布广告' })).body
    expect((await api.post(`/api/topics/${topic}/posts`, r3[1], { body: '被禁言' })).status).toBe(403)
    expect((await api.del(`/api/mutes/${mute.id}`, r3[1])).status).toBe(403)
    expect((await api.del(`/api/mutes/${mute.id}`, otherMod)).status).toBe(403)
    const lifted = await api.del(`/api/mutes/${mute.id}`, mod)
    expect(lifted.status).toBe(200)
    expect(lifted.body.liftedAt).toBe(clock.now().toISOString())
    expect((await api.del(`/api/mutes/${mute.id}`, mod)).body.error.code).toBe('already_lifted')
    expect((await api.post(`/api/topics/${topic}/posts`, r3[1], { body: '解除后发言' })).status).toBe(201)
    const log = await db().selectFrom('moderation_log').select(['actor_id', 'action']).where('target_type', '=', 'user').where('target_id', '=', r3[1].userId).orderBy('id').execute()
    expect(log).toEqual([
      { actor_id: admin.userId, action: 'user.mute' },
      { actor_id: mod.userId, action: 'user.unmute' },
    ])
    expect((await api.del('/api/mutes/999999', mod)).status).toBe(404)
  })

  it('refuses mutes by residents, by other 居民区, of staff, and with bad days', async () => {
    const before = (await db().selectFrom('user_mutes').select('id').execute()).length
    expect((await api.post(`/api/users/${r3[2].userId}/mutes`, rep, { days: 1, reason: '看他不顺眼' })).status).toBe(403)
    const other = await api.post(`/api/users/${r3[2].userId}/mutes`, otherMod, { days: 1, reason: '跨区禁言' })
    expect(other.status).toBe(403)
    expect(other.body.error.message).toBe('只能禁言本居民区议事厅的发言人')
    expect((await api.post(`/api/users/${r3[2].userId}/mutes`, otherMod, { days: 1, reason: '跨区禁言', unitId: wutong })).status).toBe(403)
    expect((await api.post(`/api/users/${mod.userId}/mutes`, admin, { days: 1, reason: '禁言居委会', unitId: wutong })).body.error.code).toBe('cannot_mute_staff')
    expect((await api.post(`/api/users/${mod.userId}/mutes`, mod, { days: 1, reason: '禁言自己', unitId: wutong })).body.error.code).toBe('cannot_mute_staff')
    expect((await api.post(`/api/users/${r3[2].userId}/mutes`, mod, { days: 0, reason: '零天' })).body.error).toMatchObject({ field: 'days', message: '禁言天数超出允许的范围' })
    expect((await api.post(`/api/users/${r3[2].userId}/mutes`, mod, { days: 91, reason: '太久' })).status).toBe(400)
    expect((await api.post(`/api/users/${r3[2].userId}/mutes`, mod, { days: 1 })).body.error.field).toBe('reason')
    expect((await api.post('/api/users/999999/mutes', mod, { days: 1, reason: '不存在的人' })).status).toBe(404)
    expect((await api.post(`/api/users/${r3[2].userId}/mutes`, mod, { days: 1, reason: '指定楼组', unitId: await unitId(s, '梧桐新村', '3号楼') })).body.error.field).toBe('unitId')
    expect((await db().selectFrom('user_mutes').select('id').execute()).length).toBe(before)
  })

  it('lets staff read and filter the log of their own 居民区', async () => {
    // Something in 香樟 too, so scoping shows.
    const xzTopic = (await api.post('/api/topics', otherMod, { unitId: xiangzhang, question: '香樟的议题' })).body.id
    const p = (await api.post(`/api/topics/${xzTopic}/posts`, xz, { body: '香樟居民的发言' })).body.id
    await api.post(`/api/posts/${p}/moderation`, otherMod, { action: 'hide', reason: 'offtopic' })

    const all = await api.get('/api/moderation/log', admin)
    expect(all.status).toBe(200)
    const total = await db().selectFrom('moderation_log').select('id').execute()
    expect(all.body.items).toHaveLength(total.length)
    expect(all.body.items.map((e: { id: number }) => e.id)).toEqual(total.map((r) => r.id).sort((a, b) => b - a))
    const hide = all.body.items.find((e: { action: string }) => e.action === 'post.hide')
    expect(hide).toEqual({
      id: hide.id,
      actorId: otherMod.userId,
      actorLabel: '居委会',
      action: 'post.hide',
      actionName: '隐藏发言',
      targetType: 'post',
      targetName: '发言',
      targetId: p,
      targetLabel: null,
      unitId: xiangzhang,
      unitName: '香樟居民区',
      reason: '与议题无关',
      createdAt: hide.createdAt,
    })

    // A topic is named by its question, not by its number.
    const opened = all.body.items.find((e: { action: string; unitId: number }) => e.action === 'topic.open' && e.unitId === xiangzhang)
    expect([opened.targetName, opened.targetLabel]).toEqual(['议题', '香樟的议题'])

    const mutes = await api.get('/api/moderation/log?action=user.mute', admin)
    expect(mutes.body.items.map((e: { targetId: number; actorLabel: string }) => [e.targetId, e.actorLabel])).toEqual([
      [r3[1].userId, '街镇工作人员'],
      [r3[0].userId, '居委会'],
    ])
    expect((await api.get('/api/moderation/log?action=user.', admin)).body.items.map((e: { action: string }) => e.action)).toEqual(['user.unmute', 'user.mute', 'user.mute'])
    expect((await api.get(`/api/moderation/log?actorId=${admin.userId}`, admin)).body.items.map((e: { action: string }) => e.action)).toEqual(['user.mute'])
    expect((await api.get(`/api/moderation/log?targetType=post&targetId=${p}`, admin)).body.items).toHaveLength(1)
    expect((await api.get(`/api/moderation/log?unitId=${xiangzhang}`, admin)).body.items.map((e: { action: string }) => e.action)).toEqual(['post.hide', 'topic.open'])
    const since = (await api.get(`/api/moderation/log?from=${encodeURIComponent(hide.createdAt)}`, admin)).body.items
    expect(since.map((e: { id: number }) => e.id)).toContain(hide.id)
    expect(since.every((e: { createdAt: string }) => e.createdAt >= hide.createdAt)).toBe(true)
    const until = (await api.get(`/api/moderation/log?to=${encodeURIComponent(hide.createdAt)}`, admin)).body.items
    expect(until.every((e: { createdAt: string }) => e.createdAt < hide.createdAt)).toBe(true)
    expect(until.length + since.length).toBe(total.length)
    expect((await api.get('/api/moderation/log?from=yesterday', admin)).status).toBe(400)

    const page1 = await api.get('/api/moderation/log?limit=2', admin)
    expect(page1.body.items).toHaveLength(2)
    const page2 = await api.get(`/api/moderation/log?limit=50&cursor=${encodeURIComponent(page1.body.nextCursor)}`, admin)
    expect([...page1.body.items, ...page2.body.items].map((e: { id: number }) => e.id)).toEqual(all.body.items.map((e: { id: number }) => e.id))
    expect(page2.body.nextCursor).toBeNull()

    // Each committee reads its own 居民区 only.
    const theirs = await api.get('/api/moderation/log', otherMod)
    expect(theirs.body.items.every((e: { unitId: number }) => e.unitId === xiangzhang)).toBe(true)
    expect(theirs.body.items.map((e: { action: string }) => e.action)).toEqual(['post.hide', 'topic.open'])
    expect((await api.get(`/api/moderation/log?unitId=${wutong}`, otherMod)).status).toBe(403)
    expect((await api.get('/api/moderation/log', rep)).status).toBe(403)
    expect((await api.get('/api/moderation/log')).status).toBe(401)
  })

  it('has no way to edit or delete the log through the API', async () => {
    const before = await db().selectFrom('moderation_log').selectAll().orderBy('id').execute()
    const first = before[0].id
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of ['/api/moderation/log', `/api/moderation/log/${first}`]) {
        for (const who of [admin, mod]) {
          const res = await s.app.inject({ method, url, headers: { authorization: who.authorization }, payload: { reason: '改掉' } })
          expect([404, 405]).toContain(res.statusCode)
          expect(res.headers['content-type']).toMatch(/application\/json/)
          expect(res.json().error.code).toEqual(expect.any(String))
        }
      }
    }
    const post = await s.app.inject({ method: 'POST', url: '/api/moderation/log', headers: { authorization: admin.authorization }, payload: { action: 'post.hide' } })
    expect([404, 405]).toContain(post.statusCode)
    expect(await db().selectFrom('moderation_log').selectAll().orderBy('id').execute()).toEqual(before)
  })
})

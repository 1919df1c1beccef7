import { wechatTextCheck } from '../../server/content/wechat-check'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import { ADMIN, client, fakeClock, fakeMsgSecCheck, giveEveryoneOpenids, loginAll, MOD, REP_3, RESIDENT_3, roomyConfig, unitId, type Actor } from './helpers'

// Each suite starts a seeded server (and PostgreSQL schema); on a busy two-core machine that outlasts jest's 5 s default.

// Every post and topic is checked before it is stored: the local word list, then msgSecCheck v2
// (here a fake on loopback, reached through the real adapter).
describeEachDatabase('议事厅: content check verdicts', (dialect) => {
  let s: TestServer
  let api: ReturnType<typeof client>
  let wechat: Awaited<ReturnType<typeof fakeMsgSecCheck>>
  let mod: Actor, rep: Actor, r3: Actor[]
  let topic: number

  beforeAll(async () => {
    wechat = await fakeMsgSecCheck()
    s = await startServer(dialect, {
      config: roomyConfig(),
      overrides: { clock: fakeClock().now, textCheck: wechatTextCheck({ appId: 'wx-test', secret: 'secret', baseUrl: wechat.baseUrl }) },
    })
    api = client(s)
    await giveEveryoneOpenids(s)
    ;[mod] = await loginAll(s, MOD)
    ;[rep] = await loginAll(s, REP_3)
    r3 = await loginAll(s, RESIDENT_3)
    topic = (await api.post('/api/topics', mod, { unitId: await unitId(s, '梧桐新村', '3号楼'), question: '楼道堆物怎么处理' })).body.id
  })
  afterAll(async () => {
    await s.close()
    await wechat.close()
  })

  const rowsOf = async () => s.app.db.kysely.selectFrom('posts').select(['id', 'status', 'body']).where('topic_id', '=', topic).orderBy('id').execute()

  it('publishes a post WeChat passes, having asked with the forum scene and the author’s openid', async () => {
    const res = await api.post(`/api/topics/${topic}/posts`, rep, { body: '建议每月统一清理一次' })
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('published')
    const call = wechat.calls.find((c) => c.content === '建议每月统一清理一次')
    expect(call).toEqual({ content: '建议每月统一清理一次', scene: 3, openid: `o-test-${rep.userId}` })
    const reply = await api.post(`/api/topics/${topic}/posts`, r3[0], { body: '同意楼上', parentId: res.body.id })
    expect(reply.body.status).toBe('published')
    expect(wechat.calls.find((c) => c.content === '同意楼上')?.scene).toBe(2)
  })

  it('refuses a post WeChat finds risky with 422 and stores nothing', async () => {
    const before = await rowsOf()
    const res = await api.post(`/api/topics/${topic}/posts`, r3[0], { body: '【风险】某些内容' })
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ code: 'content_rejected', message: '内容含有不适宜发布的词语，请修改后再提交' })
    expect(await rowsOf()).toEqual(before)
  })

  it('refuses a word from the local risky list without asking WeChat', async () => {
    const calls = wechat.calls.length
    const res = await api.post(`/api/topics/${topic}/posts`, r3[0], { body: '你怎么不去 · 死' })
    expect(res.status).toBe(422)
    expect(res.body.error.details).toEqual({ words: ['去死'] })
    expect(wechat.calls.length).toBe(calls)
  })

  it('holds a post WeChat wants reviewed as pending: its author and moderators see it, other residents do not', async () => {
    const res = await api.post(`/api/topics/${topic}/posts`, r3[1], { body: '【复核】楼下那户太过分了' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'pending', body: '【复核】楼下那户太过分了', author: { isMine: true } })
    const id = res.body.id
    const ids = async (who: Actor) => (await api.get(`/api/topics/${topic}/posts`, who)).body.items.map((p: { id: number }) => p.id)
    expect(await ids(r3[1])).toContain(id)
    expect(await ids(mod)).toContain(id)
    expect(await ids(r3[2])).not.toContain(id)
    expect((await api.get(`/api/posts/${id}`, r3[2])).status).toBe(404)
    expect((await api.post(`/api/posts/${id}/like`, r3[2])).status).toBe(404)
    expect((await api.post(`/api/topics/${topic}/posts`, r3[2], { body: '回复待审核的', parentId: id })).status).toBe(409)
    // Pending posts are not counted until approved.
    expect((await api.get(`/api/topics/${topic}`, rep)).body.postCount).toBe(2)
    const approved = await api.post(`/api/posts/${id}/moderation`, mod, { action: 'approve' })
    expect(approved.status).toBe(200)
    expect(approved.body.status).toBe('published')
    expect(await ids(r3[2])).toContain(id)
    expect((await api.get(`/api/topics/${topic}`, rep)).body.postCount).toBe(3)
  })

  it('holds a word from the local review list as pending too', async () => {
    const res = await api.post(`/api/topics/${topic}/posts`, r3[2], { body: '有需要的加我微信详谈' })
    expect(res.body.status).toBe('pending')
  })

  it('holds a post for review when WeChat’s check fails, rather than publishing it unchecked', async () => {
    const res = await api.post(`/api/topics/${topic}/posts`, r3[3], { body: '【故障】检查服务出错时发的' })
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('pending')
  })

  it('checks edits too: text that needs review makes a published post pending again', async () => {
    const p = (await api.post(`/api/topics/${topic}/posts`, r3[4], { body: '原来的内容' })).body
    expect((await api.patch(`/api/posts/${p.id}`, r3[4], { body: '【风险】改成这样' })).status).toBe(422)
    const held = await api.patch(`/api/posts/${p.id}`, r3[4], { body: '【复核】改成这样' })
    expect(held.body.status).toBe('pending')
    expect((await api.get(`/api/topics/${topic}/posts`, rep)).body.items.map((x: { id: number }) => x.id)).not.toContain(p.id)
    const row = await s.app.db.kysely.selectFrom('posts').select(['status', 'body']).where('id', '=', p.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'pending', body: '【复核】改成这样' })
  })

  it('checks topics: a risky one is refused, one needing review waits for a moderator, unseen by residents', async () => {
    const building = await unitId(s, '梧桐新村', '3号楼')
    expect((await api.post('/api/topics', mod, { unitId: building, question: '【风险】的议题' })).status).toBe(422)
    const held = await api.post('/api/topics', mod, { unitId: building, question: '【复核】的议题', background: '背景' })
    expect(held.status).toBe(201)
    expect(held.body).toMatchObject({ pending: true, canPost: false, cannotPostReason: '议题正在审核中，审核通过后才能发言' })
    expect((await api.get(`/api/topics/${held.body.id}`, rep)).status).toBe(404)
    expect((await api.get('/api/topics', rep)).body.items.map((t: { id: number }) => t.id)).not.toContain(held.body.id)
    expect((await api.post(`/api/topics/${held.body.id}/posts`, rep, { body: '抢先发言' })).status).toBe(404)
    const queue = await api.get('/api/moderation/queue', mod)
    expect(queue.body.items.some((i: { kind: string; topic: { id: number } }) => i.kind === 'pending_topic' && i.topic.id === held.body.id)).toBe(true)
    const approved = await api.post(`/api/topics/${held.body.id}/moderation`, mod, { action: 'approve' })
    expect(approved.body).toMatchObject({ pending: false, state: 'open' })
    expect((await api.get(`/api/topics/${held.body.id}`, rep)).status).toBe(200)
    const log = await s.app.db.kysely.selectFrom('moderation_log').select(['action', 'actor_id']).where('target_id', '=', held.body.id).where('target_type', '=', 'topic').orderBy('id').execute()
    expect(log).toEqual([
      { action: 'topic.open', actor_id: mod.userId },
      { action: 'topic.approve', actor_id: mod.userId },
    ])
  })

  it('checks against the word list as a word keeper just left it, though the list is kept between posts', async () => {
    const [admin] = await loginAll(s, ADMIN)
    const topic = (await api.post('/api/topics', mod, { unitId: await unitId(s, '梧桐新村', '3号楼'), question: '夜间噪声怎么办' })).body.id
    expect((await api.post(`/api/topics/${topic}/posts`, r3[0], { body: '夜里有人放烟花' })).status).toBe(201)
    expect((await api.post('/api/content/words', admin, { word: '烟花', level: 'risky' })).status).toBe(201)
    const refused = await api.post(`/api/topics/${topic}/posts`, r3[0], { body: '夜里又有人放烟 花' })
    expect(refused.status).toBe(422)
    expect(refused.body.error.details).toEqual({ words: ['烟花'] })
    expect((await api.del(`/api/content/words/${encodeURIComponent('烟花')}`, admin)).status).toBe(200)
    expect((await api.post(`/api/topics/${topic}/posts`, r3[0], { body: '夜里又有人放烟 花' })).status).toBe(201)
  })
})

import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import {
  ADMIN,
  ANHE,
  client,
  fakeClock,
  loginAll,
  MOD,
  OTHER_MOD,
  REP_3,
  RESIDENT_1,
  RESIDENT_3,
  roomyConfig,
  unitId,
  XIANGZHANG,
  type Actor,
} from '../discussions/helpers'

// Each suite starts a seeded server (and PostgreSQL schema); on a busy two-core machine that outlasts jest's 5 s default.

describeEachDatabase('议事厅 moderation: reports, moderator actions, appeals, the queue', (dialect) => {
  let s: TestServer
  let api: ReturnType<typeof client>
  const clock = fakeClock()
  let mod: Actor, otherMod: Actor, admin: Actor, rep: Actor, r3: Actor[], r1: Actor, anhe: Actor, xz: Actor
  let wutong: number, xiangzhang: number, building3: number

  beforeAll(async () => {
    s = await startServer(dialect, { config: roomyConfig(), overrides: { clock: clock.now } })
    api = client(s)
    ;[mod] = await loginAll(s, MOD)
    ;[otherMod] = await loginAll(s, OTHER_MOD)
    ;[admin] = await loginAll(s, ADMIN)
    ;[rep] = await loginAll(s, REP_3)
    r3 = await loginAll(s, RESIDENT_3)
    ;[r1] = await loginAll(s, RESIDENT_1)
    ;[anhe] = await loginAll(s, ANHE)
    ;[xz] = await loginAll(s, XIANGZHANG)
    wutong = await unitId(s, '梧桐居民区')
    xiangzhang = await unitId(s, '香樟居民区')
    building3 = await unitId(s, '梧桐新村', '3号楼')
  })
  afterAll(() => s.close())

  const db = () => s.app.db.kysely
  const newTopic = async (question: string, unit = wutong) => (await api.post('/api/topics', mod, { unitId: unit, question })).body.id as number
  const newPost = async (topic: number, who: Actor, body: string, parentId?: number) =>
    (await api.post(`/api/topics/${topic}/posts`, who, { body, ...(parentId ? { parentId } : {}) })).body.id as number
  const postRow = (id: number) => db().selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const topicRow = (id: number) => db().selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const logOf = (targetType: string, targetId: number) =>
    db().selectFrom('moderation_log').select(['actor_id', 'action', 'unit_id', 'reason']).where('target_type', '=', targetType).where('target_id', '=', targetId).orderBy('id').execute()
  const noticesOf = (userId: number, postId: number) =>
    db().selectFrom('notifications').select(['kind', 'title', 'body']).where('user_id', '=', userId).where('target_type', '=', 'post').where('target_id', '=', postId).orderBy('id').execute()
  const logCount = async () => (await db().selectFrom('moderation_log').select('id').execute()).length
  const report = (post: number, who: Actor, reason = 'ad') => api.post(`/api/posts/${post}/reports`, who, { reason })
  const moderate = (post: number, who: Actor, action: string, reason?: string) => api.post(`/api/posts/${post}/moderation`, who, { action, ...(reason ? { reason } : {}) })

  it('takes one report per resident with a reason from the list; not of one’s own post; staff act directly', async () => {
    const t = await newTopic('举报规则议题')
    const p = await newPost(t, rep, '小区门口新开的超市打八折')
    expect((await api.post(`/api/posts/${p}/reports`, r3[0], { reason: '看着不舒服' })).status).toBe(400)
    expect((await report(p, rep)).body.error.code).toBe('own_post')
    expect((await report(p, r3[0])).status).toBe(201)
    const again = await report(p, r3[0], 'attack')
    expect(again.status).toBe(409)
    expect(again.body.error).toMatchObject({ code: 'already_reported', message: '您已经举报过这条发言了，居委会会尽快处理' })
    expect((await report(p, mod)).status).toBe(403)
    expect((await report(p, xz)).status).toBe(403)
    expect((await api.post(`/api/posts/${p}/reports`, undefined, { reason: 'ad' })).status).toBe(401)
    const row = await postRow(p)
    expect(row).toMatchObject({ status: 'published', open_reports: 1 })
    expect(row.flagged_at).not.toBeNull()
    expect(await db().selectFrom('post_reports').select(['reporter_id', 'reason']).where('post_id', '=', p).execute()).toEqual([{ reporter_id: r3[0].userId, reason: 'ad' }])
    // Any resident of the 居民区 may report, even outside the topic's 楼组.
    expect((await report(p, r1, 'misinfo')).status).toBe(201)
  })

  it('hides a post reported by 3 different residents pending review, leaving a placeholder; a moderator restores it', async () => {
    const t = await newTopic('自动隐藏议题')
    const p = await newPost(t, rep, '加我V信，团购便宜大米')
    const reply = await newPost(t, r3[4], '这是广告吧', p)
    expect((await api.get(`/api/topics/${t}`, rep)).body.postCount).toBe(2)
    expect((await report(p, r3[0], 'ad')).body).toEqual({ ok: true, autoHidden: false })
    expect((await report(p, r3[1], 'ad')).body).toEqual({ ok: true, autoHidden: false })
    expect((await postRow(p)).status).toBe('published')
    expect((await report(p, r3[2], 'attack')).body).toEqual({ ok: true, autoHidden: true })
    expect((await postRow(p)).status).toBe('hidden')

    const asResident = (await api.get(`/api/topics/${t}/posts`, r1)).body.items[0]
    expect(asResident).toMatchObject({ id: p, status: 'hidden', body: '', placeholder: '该内容已被隐藏（多位居民举报，等待居委会审核）', hiddenReason: null, canAppeal: false })
    expect(asResident.replies.map((r: { id: number }) => r.id)).toEqual([reply])
    const asAuthor = (await api.get(`/api/posts/${p}`, rep)).body.root
    expect(asAuthor).toMatchObject({ body: '加我V信，团购便宜大米', hiddenReason: '多位居民举报，等待居委会审核', canAppeal: true, appeal: null })
    const asModerator = (await api.get(`/api/posts/${p}`, mod)).body.root
    expect(asModerator.body).toBe('加我V信，团购便宜大米')
    expect(asModerator.moderation).toEqual({ reportCount: 3, openReports: 3, reasons: { ad: 2, attack: 1 }, hiddenAt: clock.now().toISOString(), autoHidden: true })
    expect((await api.get(`/api/topics/${t}`, rep)).body.postCount).toBe(1)

    const log = await logOf('post', p)
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ action: 'post.auto_hide', actor_id: r3[2].userId, unit_id: wutong })
    expect(log[0].reason).toMatch(/^3 位居民举报（(广告 2、人身攻击 1|人身攻击 1、广告 2)），已自动隐藏等待审核$/)

    expect(await noticesOf(rep.userId, p)).toEqual([{ kind: 'post.hidden', title: '自动隐藏议题', body: '您的发言被多位居民举报，已暂时隐藏，等待居委会审核。' }])
    const queue = await api.get('/api/moderation/queue', mod)
    expect(queue.body.items[0]).toMatchObject({ kind: 'auto_hidden', post: { id: p }, topic: { id: t, question: '自动隐藏议题', unitName: '梧桐居民区' } })

    const restored = await moderate(p, mod, 'restore', '经核实不是广告')
    expect(restored.status).toBe(200)
    expect(restored.body).toMatchObject({ status: 'published', placeholder: null, moderation: { openReports: 0, reportCount: 3, autoHidden: false } })
    expect((await api.get(`/api/topics/${t}`, rep)).body.postCount).toBe(2)
    const reports = await db().selectFrom('post_reports').select('resolved_at').where('post_id', '=', p).execute()
    expect(reports.map((r) => r.resolved_at)).toEqual([clock.now().toISOString(), clock.now().toISOString(), clock.now().toISOString()])
    expect((await logOf('post', p)).map((l) => [l.action, l.actor_id, l.reason])).toEqual([
      ['post.auto_hide', r3[2].userId, log[0].reason],
      ['post.restore', mod.userId, '经核实不是广告'],
    ])
    // Restored means reviewed: it takes three new reporters to hide it again.
    await report(p, r3[3])
    await report(p, anhe)
    expect((await postRow(p)).status).toBe('published')
    expect((await report(p, r3[0])).status).toBe(409)
  })

  it('takes the auto-hide threshold per 居民区 from its committee', async () => {
    const before = await logCount()
    expect((await api.put(`/api/moderation/settings/${wutong}`, rep, { reportThreshold: 2 })).status).toBe(403)
    expect((await api.put(`/api/moderation/settings/${wutong}`, otherMod, { reportThreshold: 2 })).status).toBe(403)
    expect((await api.put(`/api/moderation/settings/${wutong}`, mod, { reportThreshold: 1 })).body.error).toMatchObject({ field: 'reportThreshold' })
    expect(await logCount()).toBe(before)
    expect((await api.put(`/api/moderation/settings/${wutong}`, mod, { reportThreshold: 2 })).body).toEqual({ neighbourhoodId: wutong, reportThreshold: 2 })
    expect((await api.get('/api/moderation/settings', admin)).body.items).toEqual([
      { neighbourhoodId: wutong, reportThreshold: 2 },
      { neighbourhoodId: xiangzhang, reportThreshold: 3 },
    ])
    expect((await logOf('neighbourhood', wutong)).map((l) => [l.action, l.reason])).toEqual([['settings.update', '自动隐藏所需举报人数改为 2']])
    const t = await newTopic('阈值议题')
    const p = await newPost(t, rep, '又一条被举报的发言')
    await report(p, r3[0], 'offtopic')
    expect((await report(p, r3[1], 'offtopic')).body.autoHidden).toBe(true)
    await api.put(`/api/moderation/settings/${wutong}`, mod, { reportThreshold: 3 })
  })

  it('logs every moderator action on posts, and refuses what makes no sense', async () => {
    const t = await newTopic('动作议题', building3)
    const p = await newPost(t, r3[0], '发一条会被隐藏的')
    const noReason = await moderate(p, mod, 'hide')
    expect(noReason.status).toBe(400)
    expect(noReason.body.error).toMatchObject({ field: 'reason', message: '请选择或填写隐藏的原因' })
    const hidden = await moderate(p, mod, 'hide', 'ad')
    expect(hidden.body).toMatchObject({ status: 'hidden', placeholder: '该内容已被隐藏（广告）', hiddenReason: '广告' })
    expect((await api.get(`/api/posts/${p}`, r3[1])).body.root).toMatchObject({ body: '', placeholder: '该内容已被隐藏（广告）' })
    expect((await moderate(p, mod, 'hide', '重复')).body.error.code).toBe('already_hidden')
    expect((await moderate(p, mod, 'restore')).body.status).toBe('published')
    expect((await moderate(p, mod, 'restore')).body.error.code).toBe('not_hidden')

    const pending = (await api.post(`/api/topics/${t}/posts`, r3[1], { body: '需要的加我微信' })).body
    expect(pending.status).toBe('pending')
    expect((await moderate(pending.id, admin, 'approve')).body.status).toBe('published')

    const roots = [p, pending.id, await newPost(t, r3[2], '第三条'), await newPost(t, r3[3], '第四条')]
    const reply = await newPost(t, r3[4], '一条回复', roots[0])
    for (const id of roots.slice(0, 3)) expect((await moderate(id, mod, 'pin')).body.pinned).toBe(true)
    const limit = await moderate(roots[3], mod, 'pin')
    expect(limit.status).toBe(409)
    expect(limit.body.error).toMatchObject({ code: 'pin_limit', message: '每个议题最多置顶 3 条发言，请先取消一条' })
    expect((await moderate(reply, mod, 'pin')).body.error.code).toBe('not_root')
    const page = await api.get(`/api/topics/${t}/posts`, r3[4])
    expect(page.body.pinned.map((x: { id: number }) => x.id)).toEqual(roots.slice(0, 3))
    expect(page.body.items.map((x: { id: number }) => x.id)).toEqual([roots[3]])
    expect((await moderate(roots[1], mod, 'unpin')).body.pinned).toBe(false)
    expect((await moderate(roots[1], mod, 'unpin')).body.error.code).toBe('not_pinned')

    // The author is told each time, and why; pins go unannounced.
    expect((await noticesOf(r3[0].userId, p)).map((n) => [n.kind, n.body])).toEqual([
      ['post.hidden', '您的发言已被居委会隐藏，原因：广告。如有异议，可以申诉一次。'],
      ['post.restored', '您的发言经居委会审核，已恢复显示。'],
    ])
    expect((await noticesOf(r3[1].userId, pending.id)).map((n) => n.kind)).toEqual(['post.approved'])
    expect((await logOf('post', p)).map((l) => [l.action, l.actor_id, l.unit_id, l.reason])).toEqual([
      ['post.hide', mod.userId, wutong, '广告'],
      ['post.restore', mod.userId, wutong, null],
      ['post.pin', mod.userId, wutong, null],
    ])
    expect((await logOf('post', pending.id)).map((l) => [l.action, l.actor_id])).toEqual([
      ['post.approve', admin.userId],
      ['post.pin', mod.userId],
      ['post.unpin', mod.userId],
    ])
  })

  it('tells the author answered of a held reply when the committee approves it, not before', async () => {
    const t = await newTopic('回复审核议题')
    const root = await newPost(t, r3[0], '楼道灯坏了')
    const held = (await api.post(`/api/topics/${t}/posts`, r3[1], { body: '需要的加我微信', parentId: root })).body
    expect(held.status).toBe('pending')
    expect(await noticesOf(r3[0].userId, held.id)).toEqual([])
    expect((await moderate(held.id, mod, 'approve')).body.status).toBe('published')
    expect(await noticesOf(r3[0].userId, held.id)).toEqual([{ kind: 'post.reply', title: '回复审核议题', body: expect.stringMatching(/^3号楼居民回复了您：/) }])
    // Approving a reported reply that was already up tells nobody again.
    await report(held.id, r3[2])
    expect((await moderate(held.id, mod, 'approve')).status).toBe(200)
    expect(await noticesOf(r3[0].userId, held.id)).toHaveLength(1)
  })

  it('locks, concludes with a 议事纪要 and reopens topics, logging each; a read-only topic refuses writes', async () => {
    const t = await newTopic('状态议题', building3)
    const p = await newPost(t, r3[0], '锁定前的发言')
    expect((await api.post(`/api/topics/${t}/moderation`, mod, { action: 'lock', reason: '讨论跑题，暂停一下' })).body.state).toBe('locked')
    const refused = await api.post(`/api/topics/${t}/posts`, r3[1], { body: '锁定后发言' })
    expect(refused.status).toBe(409)
    expect(refused.body.error).toEqual({ code: 'topic_read_only', message: '议题已锁定，暂时不能发言' })
    expect((await api.post(`/api/posts/${p}/like`, r3[1])).status).toBe(409)
    expect((await api.put(`/api/topics/${t}/stance`, r3[1], { stance: 'support' })).status).toBe(409)
    expect((await api.patch(`/api/posts/${p}`, r3[0], { body: '锁定后修改' })).status).toBe(409)
    expect((await api.get(`/api/topics/${t}`, r3[1])).body).toMatchObject({ canPost: false, cannotPostReason: '议题已锁定，暂时不能发言' })
    const twice = await api.post(`/api/topics/${t}/moderation`, mod, { action: 'lock' })
    expect(twice.status).toBe(409)
    expect(twice.body.error).toMatchObject({ code: 'invalid_transition', details: { allowed: ['conclude', 'reopen'] } })
    expect((await api.post(`/api/topics/${t}/moderation`, mod, { action: 'conclude' })).body.error.field).toBe('summary')
    const summary = '多数居民支持加装电梯；低层住户关心费用分摊。结论：按楼层比例分摊，下月召开听证会。'
    const concluded = await api.post(`/api/topics/${t}/moderation`, mod, { action: 'conclude', summary })
    expect(concluded.body).toMatchObject({ state: 'concluded', summary, concludedAt: clock.now().toISOString() })
    expect((await api.get(`/api/topics/${t}`, r1)).body.summary).toBe(summary)
    expect((await api.post(`/api/topics/${t}/posts`, r3[1], { body: '结束后发言' })).body.error.message).toBe('议题已形成议事纪要，讨论已结束')
    expect((await api.post(`/api/topics/${t}/moderation`, mod, { action: 'reopen' })).body).toMatchObject({ state: 'open', concludedAt: null })
    expect((await api.post(`/api/topics/${t}/posts`, r3[1], { body: '重新开放后发言' })).status).toBe(201)
    expect((await logOf('topic', t)).map((l) => [l.action, l.actor_id, l.unit_id, l.reason])).toEqual([
      ['topic.open', mod.userId, wutong, null],
      ['topic.lock', mod.userId, wutong, '讨论跑题，暂停一下'],
      ['topic.conclude', mod.userId, wutong, summary],
      ['topic.reopen', mod.userId, wutong, null],
    ])
  })

  it('refuses moderation to residents and to moderators of another 居民区, changing nothing', async () => {
    const t = await newTopic('权限议题')
    const p = await newPost(t, rep, '一条普通发言')
    const before = { log: await logCount(), post: await postRow(p), topic: await topicRow(t) }
    for (const who of [rep, r3[0], otherMod]) {
      for (const action of ['hide', 'restore', 'approve', 'pin', 'unpin']) {
        const res = await moderate(p, who, action, '违规')
        expect(res.status).toBe(403)
        expect(res.body.error.code).toBe('forbidden')
      }
      for (const action of ['lock', 'conclude', 'reopen', 'approve']) {
        expect((await api.post(`/api/topics/${t}/moderation`, who, { action, summary: action === 'conclude' ? '越权写的议事纪要内容' : undefined })).status).toBe(403)
      }
      expect((await api.post(`/api/users/${r3[1].userId}/mutes`, who, { days: 1, reason: '越权禁言' })).status).toBe(403)
      expect((await api.get('/api/moderation/queue?unitId=' + wutong, who)).status).toBe(403)
    }
    expect((await moderate(p, undefined as unknown as Actor, 'hide', '匿名')).status).toBe(401)
    expect(await logCount()).toBe(before.log)
    expect(await postRow(p)).toEqual(before.post)
    expect(await topicRow(t)).toEqual(before.topic)
    expect(await db().selectFrom('user_mutes').select('id').execute()).toEqual([])
  })

  it('lets the author appeal a hidden post once, to an admin who did not hide it', async () => {
    const t = await newTopic('申诉议题')
    const p = await newPost(t, r3[0], '物业费收得太高了，物业经理不作为')
    await moderate(p, mod, 'hide', '人身攻击')
    const notAuthor = await api.post(`/api/posts/${p}/appeals`, r3[1], { reason: '替别人申诉' })
    expect(notAuthor.status).toBe(403)
    const appeal = await api.post(`/api/posts/${p}/appeals`, r3[0], { reason: '我只是反映问题，没有攻击任何人' })
    expect(appeal.status).toBe(201)
    expect(appeal.body).toMatchObject({ postId: p, status: 'pending', reason: '我只是反映问题，没有攻击任何人', note: null })
    const again = await api.post(`/api/posts/${p}/appeals`, r3[0], { reason: '再申诉一次' })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('already_appealed')
    const visible = await newPost(t, r3[0], '没被隐藏的发言')
    expect((await api.post(`/api/posts/${visible}/appeals`, r3[0], { reason: '没事申诉' })).body.error.code).toBe('not_hidden')
    expect((await api.get(`/api/posts/${p}`, r3[0])).body.root).toMatchObject({ canAppeal: false, appeal: { status: 'pending' }, hiddenReason: '人身攻击' })

    // The admin sees the appeal at the top of the queue; the moderator who hid it does not decide it.
    const queue = await api.get('/api/moderation/queue', admin)
    expect(queue.body.items[0]).toMatchObject({ kind: 'appeal', post: { id: p }, appeal: { id: appeal.body.id } })
    expect((await api.get('/api/moderation/queue', mod)).body.items.some((i: { kind: string }) => i.kind === 'appeal')).toBe(false)
    const decide = (who: Actor, decision: string, note = '经复核，内容属于正常反映问题') => api.post(`/api/appeals/${appeal.body.id}/decision`, who, { decision, note })
    expect((await decide(mod, 'grant')).status).toBe(403)
    expect((await decide(otherMod, 'grant')).status).toBe(403)
    expect((await decide(r3[0], 'grant')).status).toBe(403)
    expect((await postRow(p)).status).toBe('hidden')
    const granted = await decide(admin, 'grant')
    expect(granted.status).toBe(200)
    expect(granted.body).toMatchObject({ status: 'granted', note: '经复核，内容属于正常反映问题', decidedAt: clock.now().toISOString() })
    expect((await postRow(p)).status).toBe('published')
    expect((await api.get(`/api/posts/${p}`, r3[2])).body.root.body).toBe('物业费收得太高了，物业经理不作为')
    expect((await decide(admin, 'deny')).body.error.code).toBe('already_decided')
    expect((await logOf('post', p)).map((l) => [l.action, l.actor_id, l.reason])).toEqual([
      ['post.hide', mod.userId, '人身攻击'],
      ['appeal.grant', admin.userId, '经复核，内容属于正常反映问题'],
    ])

    // Denied: the post stays hidden, and the author cannot appeal again.
    const q = await newPost(t, r3[1], '再发一条被隐藏的')
    await moderate(q, mod, 'hide', '与议题无关')
    const second = (await api.post(`/api/posts/${q}/appeals`, r3[1], { reason: '有关的' })).body
    expect((await api.post(`/api/appeals/${second.id}/decision`, admin, { decision: 'deny', note: '确实与议题无关' })).body.status).toBe('denied')
    expect((await postRow(q)).status).toBe('hidden')
    expect((await noticesOf(r3[1].userId, q)).map((n) => [n.kind, n.body])).toEqual([
      ['post.hidden', '您的发言已被居委会隐藏，原因：与议题无关。如有异议，可以申诉一次。'],
      ['appeal.decided', '您的申诉未成立，发言继续隐藏。确实与议题无关'],
    ])
    expect((await noticesOf(r3[0].userId, p)).map((n) => n.kind)).toEqual(['post.hidden', 'appeal.decided'])
    expect((await api.get(`/api/posts/${q}`, r3[1])).body.root).toMatchObject({ canAppeal: false, appeal: { status: 'denied', note: '确实与议题无关' } })

    // An admin who hid a post themselves may not decide its appeal.
    const r = await newPost(t, r3[2], '被管理员隐藏的')
    await moderate(r, admin, 'hide', '泄露隐私')
    const third = (await api.post(`/api/posts/${r}/appeals`, r3[2], { reason: '没有泄露' })).body
    const own = await api.post(`/api/appeals/${third.id}/decision`, admin, { decision: 'grant', note: '自己复核自己' })
    expect(own.status).toBe(403)
    expect(own.body.error.message).toBe('隐藏这条发言的人不能复核它的申诉，请由另一位管理员处理')
    expect((await api.get('/api/moderation/queue', admin)).body.items.some((i: { kind: string; post: { id: number } }) => i.kind === 'appeal' && i.post.id === r)).toBe(false)
    expect((await api.post('/api/appeals/999999/decision', admin, { decision: 'grant', note: '不存在的' })).status).toBe(404)
  })

  it('shows reported and pending items first in the queue, then recent posts', async () => {
    const t = await newTopic('队列议题')
    const plain = await newPost(t, r3[0], '普通的发言')
    const reported = await newPost(t, r3[1], '被举报一次的发言')
    await report(reported, r3[2], 'misinfo')
    const pending = (await api.post(`/api/topics/${t}/posts`, r3[3], { body: '私聊我有优惠' })).body.id
    const autoHidden = await newPost(t, r3[4], '被举报三次的发言')
    for (const who of [r3[0], r3[1], r3[2]]) await report(autoHidden, who, 'attack')
    const items = (await api.get(`/api/moderation/queue?unitId=${wutong}`, mod)).body.items as { kind: string; post: { id: number } | null; reports: { reason: string; count: number }[] }[]
    const kinds = items.map((i) => i.kind)
    const firstRecent = kinds.indexOf('recent')
    expect(kinds.slice(firstRecent).every((k) => k === 'recent')).toBe(true)
    expect(kinds.slice(0, firstRecent).every((k) => ['auto_hidden', 'reported', 'pending', 'pending_topic'].includes(k))).toBe(true)
    const position = (id: number) => items.findIndex((i) => i.post?.id === id)
    expect(position(autoHidden)).toBeLessThan(position(reported))
    expect(position(reported)).toBeLessThan(position(pending))
    expect(position(pending)).toBeLessThan(position(plain))
    expect(items[position(reported)]).toMatchObject({ kind: 'reported', reports: [{ reason: 'misinfo', count: 1 }] })
    expect(items[position(plain)].kind).toBe('recent')
    expect((await api.get(`/api/moderation/queue?unitId=${xiangzhang}`, mod)).status).toBe(403)
    expect((await api.get('/api/moderation/queue', otherMod)).body.items.some((i: { topic: { id: number } }) => i.topic.id === t)).toBe(false)
  })
})

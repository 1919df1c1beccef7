import { describeEachDatabase, startServer, testConfig, type TestServer } from '../support/server'
import {
  ANHE,
  client,
  fakeClock,
  loginAll,
  MINUTE,
  MOD,
  REP_3,
  RESIDENT_1,
  RESIDENT_3,
  roomyConfig,
  unitId,
  UNVERIFIED,
  XIANGZHANG,
  OTHER_MOD,
  type Actor,
} from './helpers'
import { uploadPhoto } from '../media/support'

// Each suite starts a seeded server (and PostgreSQL schema); on a busy two-core machine that outlasts jest's 5 s default.

describeEachDatabase('议事厅: topics, posts, replies, stances, likes', (dialect) => {
  let s: TestServer
  let api: ReturnType<typeof client>
  const clock = fakeClock()
  let mod: Actor, rep: Actor, r3: Actor[], r1: Actor, anhe: Actor, xz: Actor, unverified: Actor, otherMod: Actor
  let building3: number, wutong: number, buildingTopic: number, nbTopic: number

  beforeAll(async () => {
    s = await startServer(dialect, { config: roomyConfig(), overrides: { clock: clock.now } })
    api = client(s)
    ;[mod] = await loginAll(s, MOD)
    ;[otherMod] = await loginAll(s, OTHER_MOD)
    ;[rep] = await loginAll(s, REP_3)
    r3 = await loginAll(s, RESIDENT_3)
    ;[r1] = await loginAll(s, RESIDENT_1)
    ;[anhe] = await loginAll(s, ANHE)
    ;[xz] = await loginAll(s, XIANGZHANG)
    ;[unverified] = await loginAll(s, UNVERIFIED)
    building3 = await unitId(s, '梧桐新村', '3号楼')
    wutong = await unitId(s, '梧桐居民区')
    const t1 = await api.post('/api/topics', mod, { unitId: building3, question: '3号楼加装电梯意见征集', background: '已有 2/3 住户签字同意，请大家说说意见。' })
    expect(t1.status).toBe(201)
    buildingTopic = t1.body.id
    const t2 = await api.post('/api/topics', mod, { unitId: wutong, question: '梧桐居民区停车管理公约', background: '' })
    nbTopic = t2.body.id
  })
  afterAll(() => s.close())

  const postCount = async (topicId: number) =>
    (await s.app.db.kysely.selectFrom('posts').select('id').where('topic_id', '=', topicId).execute()).length

  it('opens a topic as the committee, with its unit, state and empty counts', async () => {
    const res = await api.get(`/api/topics/${buildingTopic}`, rep)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: buildingTopic,
      unit: { id: building3, name: '3号楼', level: 'building' },
      neighbourhoodId: wutong,
      question: '3号楼加装电梯意见征集',
      state: 'open',
      closed: false,
      pending: false,
      summary: null,
      proposalId: null,
      postCount: 0,
      participantCount: 0,
      stances: { support: 0, oppose: 0, neutral: 0 },
      myStance: null,
      canPost: true,
      cannotPostReason: null,
      canModerate: false,
    })
    const log = await s.app.db.kysely.selectFrom('moderation_log').selectAll().where('action', '=', 'topic.open').where('target_id', '=', buildingTopic).execute()
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ actor_id: mod.userId, target_type: 'topic', unit_id: wutong })
  })

  it('ships a lively demo: the seeded 加装电梯 topic with its thread, stances and pinned 官方回复', async () => {
    const seeded = (await api.get(`/api/topics?unitId=${building3}`, rep)).body.items.find((t: { id: number; question: string }) => t.question === '3号楼加装电梯意见征集' && t.id !== buildingTopic)
    expect(seeded).toMatchObject({ state: 'open', postCount: 6, participantCount: 5, stances: { support: 2, oppose: 1, neutral: 2 }, myStance: 'support', canPost: true })
    const page = await api.get(`/api/topics/${seeded.id}/posts`, r1)
    expect(page.body.pinned).toHaveLength(1)
    expect(page.body.pinned[0]).toMatchObject({ official: true, author: { label: '居委会', isStaff: true, isMine: false } })
    expect(page.body.items.map((p: { replyCount: number }) => p.replyCount)).toEqual([2, 0, 0])
    expect(page.body.items[0]).toMatchObject({ likeCount: 4, author: { label: '3号楼居民' } })
    const log = await s.app.db.kysely.selectFrom('moderation_log').select('id').where('target_type', '=', 'topic').where('target_id', '=', seeded.id).execute()
    expect(log).toEqual([])
  })

  it('refuses to open topics for residents, other 居民区 and the 街镇 itself', async () => {
    const before = await s.app.db.kysely.selectFrom('topics').select('id').execute()
    expect((await api.post('/api/topics', rep, { unitId: building3, question: '居民自己开的议题' })).status).toBe(403)
    const other = await api.post('/api/topics', otherMod, { unitId: building3, question: '香樟的居委会开梧桐的议题' })
    expect(other.status).toBe(403)
    expect(other.body.error.code).toBe('forbidden')
    const street = await unitId(s, '长宁示范街道')
    const admin = (await loginAll(s, '街道工作人员 · 长宁示范街道'))[0]
    expect((await api.post('/api/topics', admin, { unitId: street, question: '街道层面的议题' })).body.error).toMatchObject({ code: 'invalid_input', field: 'unitId' })
    expect((await api.post('/api/topics', mod, { unitId: building3, question: '过去的截止时间', closesAt: '2025-02-01T00:00:00Z' })).body.error.field).toBe('closesAt')
    expect((await api.post('/api/topics', mod, { unitId: building3, question: '多余字段', extra: 1 })).status).toBe(400)
    expect(await s.app.db.kysely.selectFrom('topics').select('id').execute()).toHaveLength(before.length)
  })

  it('lets a resident of the 楼组 post, shown by privacy label and never by user id', async () => {
    const res = await api.post(`/api/topics/${buildingTopic}/posts`, r3[0], { body: '支持加装电梯，老人上下楼太难了。' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      topicId: buildingTopic,
      parentId: null,
      status: 'published',
      body: '支持加装电梯，老人上下楼太难了。',
      placeholder: null,
      author: { label: '3号楼居民', isStaff: false, isMine: true },
      official: false,
      likeCount: 0,
      replyCount: 0,
      editedAt: null,
      editableUntil: '2025-03-01T02:10:00.000Z',
    })
    expect(res.body.author).not.toHaveProperty('userId')
    const seen = await api.get(`/api/topics/${buildingTopic}/posts`, r3[1])
    expect(seen.status).toBe(200)
    const item = seen.body.items.find((p: { id: number }) => p.id === res.body.id)
    expect(item.author).toEqual({ label: '3号楼居民', isStaff: false, isMine: false })
    expect(item.editableUntil).toBeNull()
    // Staff of the 居民区 see who wrote it.
    const staffView = await api.get(`/api/topics/${buildingTopic}/posts`, mod)
    expect(staffView.body.items.find((p: { id: number }) => p.id === res.body.id).author).toEqual({ label: '3号楼居民', isStaff: false, isMine: false, userId: r3[0].userId })
    const topic = await api.get(`/api/topics/${buildingTopic}`, r3[1])
    expect(topic.body).toMatchObject({ postCount: 1, participantCount: 1 })
  })

  it('lets anyone of the 居民区 read, only residents of the unit post, and nobody outside read', async () => {
    const before = await postCount(buildingTopic)
    const neighbour = await api.get(`/api/topics/${buildingTopic}`, r1)
    expect(neighbour.status).toBe(200)
    expect(neighbour.body).toMatchObject({ canPost: false, cannotPostReason: '本议题仅限3号楼的认证居民发言' })
    expect((await api.get(`/api/topics/${buildingTopic}/posts`, r1)).status).toBe(200)
    const refused = await api.post(`/api/topics/${buildingTopic}/posts`, r1, { body: '我是1号楼的' })
    expect(refused.status).toBe(403)
    expect(refused.body.error.message).toBe('本议题仅限3号楼的认证居民发言')
    expect((await api.get(`/api/topics/${buildingTopic}`, xz)).status).toBe(403)
    expect((await api.get(`/api/topics/${buildingTopic}/posts`, xz)).status).toBe(403)
    expect((await api.post(`/api/topics/${buildingTopic}/posts`, xz, { body: '香樟的居民' })).status).toBe(403)
    expect((await api.get(`/api/topics/${buildingTopic}`, otherMod)).status).toBe(403)
    expect((await api.get(`/api/topics/${buildingTopic}`, unverified)).status).toBe(403)
    expect((await api.post(`/api/topics/${buildingTopic}/posts`, unverified, { body: '未认证' })).status).toBe(403)
    expect((await api.get(`/api/topics/${buildingTopic}`)).status).toBe(401)
    expect((await api.post(`/api/topics/${buildingTopic}/posts`, undefined, { body: '匿名' })).status).toBe(401)
    expect(await postCount(buildingTopic)).toBe(before)
    // A topic of the whole 居民区 is open to every resident of it.
    const nb = await api.post(`/api/topics/${nbTopic}/posts`, r1, { body: '晚上小区里车停得太乱了' })
    expect(nb.status).toBe(201)
    expect(nb.body.author.label).toBe('1号楼居民')
    expect((await api.post(`/api/topics/${nbTopic}/posts`, anhe, { body: '安和花园也一样' })).status).toBe(201)
    expect((await api.get('/api/topics/999999', rep)).status).toBe(404)
  })

  it('keeps replies two levels deep: a reply to a reply hangs under the same root and names whom it answers', async () => {
    const root = (await api.post(`/api/topics/${buildingTopic}/posts`, rep, { body: '电梯费用怎么分摊？' })).body
    const a = await api.post(`/api/topics/${buildingTopic}/posts`, r3[1], { body: '按楼层分摊比较公平', parentId: root.id })
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({ parentId: root.id, replyTo: null })
    const b = await api.post(`/api/topics/${buildingTopic}/posts`, r3[2], { body: '一楼不用电梯，不该出钱', parentId: a.body.id })
    expect(b.status).toBe(201)
    expect(b.body).toMatchObject({ parentId: root.id, replyTo: { id: a.body.id, label: '3号楼居民' } })
    const list = await api.get(`/api/topics/${buildingTopic}/posts`, r3[3])
    const shown = list.body.items.find((p: { id: number }) => p.id === root.id)
    expect(shown.replyCount).toBe(2)
    expect(shown.replies.map((r: { id: number }) => r.id)).toEqual([a.body.id, b.body.id])
    // Replies are not listed as roots.
    expect(list.body.items.some((p: { id: number }) => p.id === a.body.id)).toBe(false)
    // A reply to a post in another topic is refused.
    const elsewhere = await api.post(`/api/topics/${nbTopic}/posts`, r3[1], { body: '串了', parentId: root.id })
    expect(elsewhere.body.error).toMatchObject({ code: 'invalid_input', field: 'parentId' })
  })

  it('opens the whole thread from a link to a reply, with the reply in focus', async () => {
    const root = (await api.post(`/api/topics/${buildingTopic}/posts`, r3[3], { body: '施工期间噪音怎么办？' })).body
    const replies: number[] = []
    for (let i = 0; i < 5; i++) replies.push((await api.post(`/api/topics/${buildingTopic}/posts`, r3[i % 3], { body: `第${i + 1}条回复`, parentId: root.id })).body.id)
    const thread = await api.get(`/api/posts/${replies[3]}`, r1)
    expect(thread.status).toBe(200)
    expect(thread.body.topic).toEqual({ id: buildingTopic, question: '3号楼加装电梯意见征集', state: 'open' })
    expect(thread.body.root.id).toBe(root.id)
    expect(thread.body.replies.map((r: { id: number }) => r.id)).toEqual(replies)
    expect(thread.body).toMatchObject({ focusId: replies[3], focusIndex: 3 })
    const rootLink = await api.get(`/api/posts/${root.id}`, r1)
    expect(rootLink.body).toMatchObject({ focusId: root.id, focusIndex: null })
    expect((await api.get(`/api/posts/${root.id}`, xz)).status).toBe(403)
    expect((await api.get('/api/posts/999999', r1)).status).toBe(404)
  })

  it('counts stances, one per resident per topic, changeable and withdrawable', async () => {
    const t = (await api.post('/api/topics', mod, { unitId: building3, question: '楼道堆物清理方案' })).body.id
    expect((await api.post(`/api/topics/${t}/posts`, r3[0], { body: '支持清理', stance: 'support' })).status).toBe(201)
    expect((await api.put(`/api/topics/${t}/stance`, r3[1], { stance: 'oppose' })).body.stances).toEqual({ support: 1, oppose: 1, neutral: 0 })
    expect((await api.put(`/api/topics/${t}/stance`, r3[2], { stance: 'neutral' })).status).toBe(200)
    const changed = await api.put(`/api/topics/${t}/stance`, r3[0], { stance: 'oppose' })
    expect(changed.body).toMatchObject({ stances: { support: 0, oppose: 2, neutral: 1 }, myStance: 'oppose', participantCount: 3 })
    // Posting again with a stance changes it, not adds one.
    await api.post(`/api/topics/${t}/posts`, r3[1], { body: '想了想还是支持', stance: 'support' })
    expect((await api.get(`/api/topics/${t}`, rep)).body).toMatchObject({ stances: { support: 1, oppose: 1, neutral: 1 }, myStance: null })
    const withdrawn = await api.del(`/api/topics/${t}/stance`, r3[2])
    expect(withdrawn.body).toMatchObject({ stances: { support: 1, oppose: 1, neutral: 0 }, myStance: null })
    const rows = await s.app.db.kysely.selectFrom('topic_stances').select(['user_id', 'stance']).where('topic_id', '=', t).orderBy('user_id').execute()
    expect(rows).toEqual([
      { user_id: r3[0].userId, stance: 'oppose' },
      { user_id: r3[1].userId, stance: 'support' },
    ])
    expect((await api.put(`/api/topics/${t}/stance`, mod, { stance: 'support' })).status).toBe(403)
    expect((await api.put(`/api/topics/${t}/stance`, r1, { stance: 'support' })).status).toBe(403)
    expect((await api.put(`/api/topics/${t}/stance`, r3[0], { stance: 'maybe' })).status).toBe(400)
    expect((await api.post(`/api/topics/${t}/posts`, mod, { body: '居委会表态', stance: 'support' })).status).toBe(403)
  })

  it('takes one like (赞同) per resident, not on one’s own post, and sorts by likes', async () => {
    const t = (await api.post('/api/topics', mod, { unitId: building3, question: '垃圾分类投放点选址' })).body.id
    const posts: number[] = []
    for (let i = 0; i < 3; i++) posts.push((await api.post(`/api/topics/${t}/posts`, r3[i], { body: `方案${i + 1}` })).body.id)
    const like = (p: number, who: Actor) => api.post(`/api/posts/${p}/like`, who)
    expect((await like(posts[1], r3[0])).body).toEqual({ liked: true, likeCount: 1 })
    expect((await like(posts[1], r3[0])).body).toEqual({ liked: true, likeCount: 1 })
    await like(posts[1], r3[2])
    await like(posts[2], r3[0])
    expect((await like(posts[0], r3[0])).body.error.code).toBe('own_post')
    expect((await like(posts[0], r1)).status).toBe(403)
    expect((await like(posts[0], mod)).status).toBe(403)
    const sorted = await api.get(`/api/topics/${t}/posts?sort=liked`, r3[0])
    expect(sorted.body.items.map((p: { id: number; likeCount: number; likedByMe: boolean }) => [p.id, p.likeCount, p.likedByMe])).toEqual([
      [posts[1], 2, true],
      [posts[2], 1, true],
      [posts[0], 0, false],
    ])
    expect((await api.del(`/api/posts/${posts[1]}/like`, r3[0])).body).toEqual({ liked: false, likeCount: 1 })
    expect((await api.del(`/api/posts/${posts[1]}/like`, r3[0])).body).toEqual({ liked: false, likeCount: 1 })
    const likes = await s.app.db.kysely.selectFrom('post_likes').select('user_id').where('post_id', '=', posts[1]).execute()
    expect(likes).toEqual([{ user_id: r3[2].userId }])
  })

  it('pages by opaque cursor, oldest or most liked first, without repeating or skipping', async () => {
    const t = (await api.post('/api/topics', mod, { unitId: building3, question: '分页测试议题' })).body.id
    const ids: number[] = []
    for (let i = 0; i < 25; i++) {
      // Several posts share a timestamp: the id breaks the tie.
      if (i % 3 === 0) clock.advance(1000)
      ids.push((await api.post(`/api/topics/${t}/posts`, r3[i % 5], { body: `第${i + 1}楼` })).body.id)
    }
    for (let i = 0; i < 7; i++) expect((await api.post(`/api/posts/${ids[10 + i]}/like`, rep)).status).toBe(200)
    expect((await api.post(`/api/posts/${ids[12]}/like`, r3[0])).status).toBe(200)
    const pages = async (sort: string) => {
      const seen: number[] = []
      let cursor: string | null = null
      let pagesRead = 0
      do {
        const url: string = `/api/topics/${t}/posts?sort=${sort}&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
        const res = await api.get(url, rep)
        expect(res.status).toBe(200)
        seen.push(...res.body.items.map((p: { id: number }) => p.id))
        cursor = res.body.nextCursor
        pagesRead++
      } while (cursor)
      return { seen, pagesRead }
    }
    const oldest = await pages('oldest')
    expect(oldest).toEqual({ seen: ids, pagesRead: 3 })
    const liked = await pages('liked')
    const likedOrder = [ids[12], ...[16, 15, 14, 13, 11, 10].map((i) => ids[i]), ...ids.filter((_, i) => i < 10 || i > 16).reverse()]
    expect(liked.seen).toEqual(likedOrder)
    const first = await api.get(`/api/topics/${t}/posts?limit=10`, rep)
    const bad = await api.get(`/api/topics/${t}/posts?sort=liked&cursor=${encodeURIComponent(first.body.nextCursor)}`, rep)
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: 'invalid_input', field: 'cursor' })
    expect((await api.get(`/api/topics/${t}/posts?cursor=garbage`, rep)).status).toBe(400)
    expect((await api.get(`/api/topics/${t}/posts?limit=500`, rep)).status).toBe(400)
  })

  it('lets the author edit within 10 minutes, then refuses and keeps the text', async () => {
    const p = (await api.post(`/api/topics/${buildingTopic}/posts`, r3[4], { body: '初稿' })).body
    clock.advance(9 * MINUTE)
    const edited = await api.patch(`/api/posts/${p.id}`, r3[4], { body: '修改后的意见' })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ body: '修改后的意见', editedAt: clock.now().toISOString(), status: 'published' })
    expect((await api.patch(`/api/posts/${p.id}`, r3[3], { body: '改别人的' })).status).toBe(403)
    clock.advance(1 * MINUTE)
    const late = await api.patch(`/api/posts/${p.id}`, r3[4], { body: '太晚了' })
    expect(late.status).toBe(409)
    expect(late.body.error).toMatchObject({ code: 'edit_window_closed', message: '发布超过 10 分钟的发言不能再修改，可以删除后重新发布' })
    const row = await s.app.db.kysely.selectFrom('posts').select('body').where('id', '=', p.id).executeTakeFirstOrThrow()
    expect(row.body).toBe('修改后的意见')
    expect((await api.patch(`/api/posts/${p.id}`, r3[4], {})).status).toBe(400)
  })

  it('deletes one’s own post: a placeholder while replies hang under it, gone otherwise', async () => {
    const t = (await api.post('/api/topics', mod, { unitId: building3, question: '删除测试议题' })).body.id
    const withReplies = (await api.post(`/api/topics/${t}/posts`, r3[0], { body: '这条会有回复' })).body.id
    await api.post(`/api/topics/${t}/posts`, r3[1], { body: '回复一下', parentId: withReplies })
    const lonely = (await api.post(`/api/topics/${t}/posts`, r3[0], { body: '这条没有回复' })).body.id
    expect((await api.get(`/api/topics/${t}`, rep)).body.postCount).toBe(3)
    expect((await api.del(`/api/posts/${withReplies}`, r3[1])).status).toBe(403)
    expect((await api.del(`/api/posts/${withReplies}`, mod)).status).toBe(403)
    expect((await api.del(`/api/posts/${withReplies}`, r3[0])).body).toEqual({ ok: true, placeholder: true })
    expect((await api.del(`/api/posts/${lonely}`, r3[0])).body).toEqual({ ok: true, placeholder: false })
    const list = await api.get(`/api/topics/${t}/posts`, rep)
    expect(list.body.items).toHaveLength(1)
    expect(list.body.items[0]).toMatchObject({ id: withReplies, status: 'deleted', body: '', placeholder: '该内容已被作者删除', replyCount: 1 })
    expect(list.body.items[0].replies).toHaveLength(1)
    expect((await api.get(`/api/topics/${t}`, rep)).body.postCount).toBe(1)
    expect((await api.get(`/api/posts/${lonely}`, rep)).status).toBe(404)
    expect((await api.post(`/api/topics/${t}/posts`, r3[2], { body: '回复已删除的', parentId: withReplies })).body.error.code).toBe('parent_unavailable')
  })

  it('masks phone, ID-card and room numbers for other residents; the author and moderators see the original', async () => {
    const text = '有意见请打我电话13812345678，我住3号楼201室，身份证310101199001011234'
    const p = (await api.post(`/api/topics/${buildingTopic}/posts`, r3[1], { body: text })).body
    expect(p.body).toBe(text)
    const other = (await api.get(`/api/posts/${p.id}`, r3[2])).body.root
    expect(other.body).toBe('有意见请打我电话138****5678，我住3号楼***室，身份证3101**********1234')
    expect((await api.get(`/api/posts/${p.id}`, mod)).body.root.body).toBe(text)
    const stored = await s.app.db.kysely.selectFrom('posts').select('body').where('id', '=', p.id).executeTakeFirstOrThrow()
    expect(stored.body).toBe(text)
  })

  it('marks the committee’s posts as 官方回复 when asked, and refuses that to residents', async () => {
    const official = await api.post(`/api/topics/${buildingTopic}/posts`, mod, { body: '居委会已联系加装电梯的施工单位，下周公示方案。', official: true })
    expect(official.status).toBe(201)
    expect(official.body).toMatchObject({ official: true, author: { label: '居委会', isStaff: true, isMine: true } })
    expect((await api.post(`/api/topics/${buildingTopic}/posts`, r3[0], { body: '冒充官方', official: true })).status).toBe(403)
  })

  it('validates posts: 1,000 characters, up to 9 photos, no empty text', async () => {
    const photos: number[] = []
    for (let i = 0; i < 9; i++) photos.push((await uploadPhoto(s.app, r3[0].authorization)).id)
    expect((await api.post(`/api/topics/${nbTopic}/posts`, r3[0], { body: '字'.repeat(1000), photos })).status).toBe(201)
    const long = await api.post(`/api/topics/${nbTopic}/posts`, r3[0], { body: '字'.repeat(1001) })
    expect(long.status).toBe(400)
    expect(long.body.error).toEqual({ code: 'invalid_input', message: '内容不能超过 1000 个字', field: 'body' })
    expect((await api.post(`/api/topics/${nbTopic}/posts`, r3[0], { body: '十张图', photos: [...photos, 1] })).status).toBe(400)
    expect((await api.post(`/api/topics/${nbTopic}/posts`, r3[0], { body: '   ' })).body.error.field).toBe('body')
    expect((await api.post(`/api/topics/${nbTopic}/posts`, r3[0], {})).body.error).toMatchObject({ field: 'body', message: '请填写内容' })
    // Bad input is a 400 on both databases, never a 500: NUL bytes, ids beyond PostgreSQL's integers.
    const nul = await api.post(`/api/topics/${nbTopic}/posts`, r3[0], { body: 'a\u0000b' })
    expect(nul.status).toBe(400)
    expect(nul.body.error.field).toBe('body')
    expect((await api.post(`/api/topics/${buildingTopic}/posts`, r3[0], { body: '换行\n和\t制表符可以' })).status).toBe(201)
    expect((await api.post(`/api/topics/${nbTopic}/posts`, r3[0], { body: '图', photos: ['a\u0000b'] })).status).toBe(400)
    expect((await api.post(`/api/topics/${nbTopic}/posts`, r3[0], { body: '图', photos: [99999999999] })).status).toBe(400)
    expect((await api.get('/api/topics/99999999999', r3[0])).status).toBe(400)
    expect((await api.get('/api/posts/99999999999', r3[0])).status).toBe(400)
    expect((await api.get(`/api/topics/${nbTopic}/posts?cursor=%00`, r3[0])).status).toBe(400)
  })

  it('lists topics by unit and state, the active ones of my units, with post and participant counts', async () => {
    // The demo seed has topics of its own; expectations come from the database.
    const topics = await s.app.db.kysely.selectFrom('topics').select(['id', 'unit_id', 'neighbourhood_id', 'state', 'closes_at']).orderBy('id', 'desc').execute()
    const ids = (pred: (t: (typeof topics)[number]) => boolean) => topics.filter(pred).map((t) => t.id)
    const idsOf = (res: { body: { items: { id: number }[] } }) => res.body.items.map((t) => t.id)
    const estate = await unitId(s, '梧桐新村')
    const building1 = await unitId(s, '梧桐新村', '1号楼')

    const all = await api.get('/api/topics', rep)
    expect(all.status).toBe(200)
    expect(idsOf(all)).toEqual(ids((t) => t.neighbourhood_id === wutong).slice(0, 20))
    // 1号楼's own units are 1号楼, 梧桐新村 and 梧桐居民区: the 居民区 topic is theirs, 3号楼's are not.
    const mine = await api.get('/api/topics?active=1&mine=1', r1)
    const active = (t: (typeof topics)[number]) => t.state === 'open' && (t.closes_at === null || t.closes_at > clock.now().toISOString())
    expect(idsOf(mine)).toEqual(ids((t) => [building1, estate, wutong].includes(t.unit_id) && active(t)))
    expect(idsOf(mine)).toContain(nbTopic)
    expect(idsOf(mine)).not.toContain(buildingTopic)
    expect(mine.body.items.find((t: { id: number }) => t.id === nbTopic)).toMatchObject({ postCount: 3, participantCount: 3 })
    const byUnit = await api.get(`/api/topics?unitId=${building3}`, r1)
    expect(idsOf(byUnit)).toEqual(ids((t) => t.unit_id === building3))
    expect(idsOf(byUnit)).toContain(buildingTopic)
    const underWutong = await api.get(`/api/topics?unitId=${wutong}&limit=2`, rep)
    expect(underWutong.body.items).toHaveLength(2)
    const next = await api.get(`/api/topics?unitId=${wutong}&limit=50&cursor=${encodeURIComponent(underWutong.body.nextCursor)}`, rep)
    expect([...idsOf(underWutong), ...idsOf(next)]).toEqual(ids((t) => t.neighbourhood_id === wutong))
    expect(next.body.nextCursor).toBeNull()
    expect((await api.get(`/api/topics?unitId=${await unitId(s, '香樟居民区')}`, rep)).status).toBe(403)
    const xiangzhang = await unitId(s, '香樟居民区')
    expect(idsOf(await api.get('/api/topics', xz))).toEqual(ids((t) => t.neighbourhood_id === xiangzhang))
    expect(idsOf(await api.get('/api/topics?state=concluded', rep))).toEqual(ids((t) => t.neighbourhood_id === wutong && t.state === 'concluded'))
    expect(idsOf(await api.get('/api/topics?state=locked', rep))).toEqual([])
  })
})

describeEachDatabase('议事厅: per-resident post limit', (dialect) => {
  let s: TestServer
  let api: ReturnType<typeof client>
  const clock = fakeClock('2025-03-01T02:01:00.000Z')

  beforeAll(async () => {
    s = await startServer(dialect, { config: { limits: testConfig().limits }, overrides: { clock: clock.now } })
    api = client(s)
  })
  afterAll(() => s.close())

  it('allows 10 posts per 10 minutes, then refuses with a readable message until the window passes', async () => {
    const [mod] = await loginAll(s, MOD)
    const [resident] = await loginAll(s, REP_3)
    const t = (await api.post('/api/topics', mod, { unitId: await unitId(s, '梧桐新村', '3号楼'), question: '限流测试议题' })).body.id
    for (let i = 0; i < 10; i++) expect((await api.post(`/api/topics/${t}/posts`, resident, { body: `第${i + 1}条` })).status).toBe(201)
    const refused = await api.post(`/api/topics/${t}/posts`, resident, { body: '第11条' })
    expect(refused.status).toBe(429)
    expect(refused.body.error).toMatchObject({
      code: 'rate_limited',
      message: '发言太频繁了：每 10 分钟最多发 10 条，请在 2025年3月1日 10:10 之后再发',
      details: { retryAt: '2025-03-01T02:10:00.000Z' },
    })
    const stored = await s.app.db.kysely.selectFrom('posts').select('id').where('topic_id', '=', t).execute()
    expect(stored).toHaveLength(10)
    // The committee answers without a limit.
    for (let i = 0; i < 11; i++) expect((await api.post(`/api/topics/${t}/posts`, mod, { body: `官方第${i + 1}条` })).status).toBe(201)
    clock.advance(9 * MINUTE)
    expect((await api.post(`/api/topics/${t}/posts`, resident, { body: '窗口过了' })).status).toBe(201)
  })
})

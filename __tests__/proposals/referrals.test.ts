import { sweepProposals } from '../../server/proposals'
import { describeEachDatabase } from '../support/server'
import { uploadPhoto } from '../media/support'
import { ADMIN, MOD_WUTONG, proposalBody, startProposalServer, WUTONG, XIANGZHANG, type ProposalServer } from './support'

// 转办 handled by whom it is referred to (物业, 业委会, 街镇 departments), and stalled items escalated to
// the 街镇. Referees are role_grants rows inserted here (their invitations are another capability's).
describeEachDatabase('proposals: referrals answered by the referee, escalation', (dialect) => {
  let s: ProposalServer
  let mod: number
  let admin: number
  let b3: number[]
  let wutong: number
  let street: number
  let property: number
  let otherProperty: number
  let department: number

  async function refereeUser(name: string, role: string, unitId: number): Promise<number> {
    const db = s.app.db.kysely
    const now = new Date().toISOString()
    const { id } = await db.insertInto('users').values({ demo_description: `测试 · ${name}`, created_at: now }).returning('id').executeTakeFirstOrThrow()
    await db.insertInto('role_grants').values({ user_id: id, role: role as 'property', unit_id: unitId, created_at: now }).execute()
    return id
  }

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    mod = await s.userIdOf(MOD_WUTONG)
    admin = await s.userIdOf(ADMIN)
    b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    wutong = await s.unitId(WUTONG)
    street = await s.unitId('长宁示范街道')
    property = await refereeUser('梧桐物业', 'property', wutong)
    otherProperty = await refereeUser('香樟物业', 'property', await s.unitId(XIANGZHANG))
    department = await refereeUser('街道城管科', 'department', street)
  })
  afterAll(() => s.close())

  async function referred(author: number, title: string, referTo: string, body = '小区保洁频次太低，垃圾堆放影响环境。'): Promise<number> {
    const res = await s.call(author, 'POST', '/api/proposals', proposalBody({ title, body, category: 'property' }))
    expect(res.status).toBe(201)
    const moved = await s.call(mod, 'POST', `/api/proposals/${res.body.id}/transitions`, { to: 'referred', referTo, reason: '属物业服务范围' })
    expect(moved.body.state).toBe('referred')
    return res.body.id
  }
  const notes = async (user: number, id: number) =>
    ((await s.call(user, 'GET', '/api/notifications')).body.items as { kind: string; body: string; targetId: number }[]).filter((n) => n.targetId === id)
  const inbox = async (user: number, status = 'open') => (await s.call(user, 'GET', `/api/referrals?status=${status}`)).body.items as { id: number }[]

  it("lists a referral in its referee's inbox only, with what the referee needs and no resident's details", async () => {
    const id = await referred(b3[0], '保洁频次太低', 'property', '垃圾没人清，可以打我电话13812345678了解情况。')
    const mine = await s.call(property, 'GET', '/api/referrals')
    expect(mine.status).toBe(200)
    const item = mine.body.items.find((i: { id: number }) => i.id === id)
    expect(item).toMatchObject({
      title: '保洁频次太低',
      referredTo: 'property',
      neighbourhoodName: WUTONG,
      estateName: '梧桐新村',
      unitName: '3号楼',
      authorLabel: '3号楼居民',
      reason: '属物业服务范围',
      deadlineAt: s.clock.iso(30),
      overdue: false,
      status: 'open',
      answer: null,
    })
    expect(item.body).not.toContain('13812345678')
    expect((await inbox(otherProperty)).map((i) => i.id)).not.toContain(id)
    expect((await inbox(department)).map((i) => i.id)).not.toContain(id)
    for (const u of [mod, admin, b3[0]]) expect((await s.call(u, 'GET', '/api/referrals')).status).toBe(403)
    expect((await s.call(property, 'GET', '/api/referrals?status=later')).status).toBe(400)

    // The referee reads that proposal (as residents do, never as the committee), and nothing else.
    const detail = await s.call(property, 'GET', `/api/proposals/${id}`)
    expect(detail.body).toMatchObject({ isReferee: true, isCommittee: false, staffNote: null, allowedTransitions: [], referral: { status: 'open' } })
    expect(detail.body.body).not.toContain('13812345678')
    expect((await s.call(otherProperty, 'GET', `/api/proposals/${id}`)).status).toBe(403)
    expect((await s.call(department, 'GET', `/api/proposals/${id}`)).status).toBe(403)
    expect((await s.call(property, 'GET', '/api/proposals')).status).toBe(403)
  })

  it('accepts (the time limit runs on), then answers: on the timeline, deadline cleared, committee and followers told', async () => {
    const id = await referred(b3[1], '楼道灯坏了没人修', 'property')
    await s.call(b3[2], 'POST', `/api/proposals/${id}/follow`)
    const deadline = s.clock.iso(30)
    expect((await s.call(otherProperty, 'POST', `/api/proposals/${id}/referral/accept`, {})).status).toBe(403)
    expect((await s.call(b3[1], 'POST', `/api/proposals/${id}/referral/answer`, { answer: '我自己答复' })).status).toBe(403)

    const retry = { 'idempotency-key': `accept-${id}` }
    const accepted = await s.call(property, 'POST', `/api/proposals/${id}/referral/accept`, { note: '本周内派电工' }, retry)
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ deadlineAt: deadline, referral: { status: 'accepted', acceptedAt: s.clock.iso(), answer: null } })
    expect(accepted.body.timeline.at(-1)).toMatchObject({ from: 'referred', to: 'referred', referralEvent: 'accepted', actorRole: 'referee', actorLabel: '物业公司', reason: '本周内派电工' })
    // A retried request is answered again, not done twice.
    expect((await s.call(property, 'POST', `/api/proposals/${id}/referral/accept`, { note: '本周内派电工' }, retry)).body).toEqual(accepted.body)
    expect((await s.call(property, 'POST', `/api/proposals/${id}/referral/accept`, null)).body.error.code).toBe('referral_accepted')
    expect((await s.call(property, 'POST', `/api/proposals/${id}/referral/refuse`, { reason: '不归我们管' })).body.error.code).toBe('referral_accepted')
    for (const u of [b3[1], b3[2], mod]) expect((await notes(u, id)).map((n) => n.kind)).toContain('proposal.referral_accept')

    s.clock.advance(1)
    // 物业 shows what was done: its own photo goes with the answer; a resident's upload cannot.
    const photo = await uploadPhoto(s.app, await s.auth(property))
    const residents = await uploadPhoto(s.app, await s.auth(b3[1]))
    const foreign = await s.call(property, 'POST', `/api/proposals/${id}/referral/answer`, { answer: '电工已更换楼道灯', photos: [residents.id] })
    expect(foreign.body.error).toMatchObject({ code: 'invalid_input', field: 'photos' })
    const answered = await s.call(property, 'POST', `/api/proposals/${id}/referral/answer`, { answer: '电工已更换楼道灯', photos: [photo.id] })
    expect(answered.body).toMatchObject({
      deadlineAt: null,
      overdue: false,
      referral: { status: 'answered', answer: '电工已更换楼道灯', answeredAt: s.clock.iso(), answeredBy: 'referee' },
    })
    expect(answered.body.timeline.at(-1)).toMatchObject({ referralEvent: 'answered', actorLabel: '物业公司', reason: '电工已更换楼道灯', photos: [{ id: photo.id }] })
    // Residents of the proposal see the photo on the timeline and may open it.
    const seen = (await s.call(b3[2], 'GET', `/api/proposals/${id}`)).body.timeline.at(-1)
    expect(seen.photos.map((p: { id: number }) => p.id)).toEqual([photo.id])
    const file = await s.app.inject({ method: 'GET', url: `/api/media/${photo.id}`, headers: { authorization: await s.auth(b3[2]) } })
    expect(file.statusCode).toBe(200)
    for (const u of [b3[1], b3[2], mod]) expect(await notes(u, id)).toContainEqual(expect.objectContaining({ kind: 'proposal.referral_answer', body: '转办已有答复：电工已更换楼道灯' }))
    expect((await s.call(property, 'POST', `/api/proposals/${id}/referral/answer`, { answer: '再答一次' })).body.error.code).toBe('referral_answered')
    expect((await inbox(property)).map((i) => i.id)).not.toContain(id)
    expect((await inbox(property, 'answered')).map((i) => i.id)).toContain(id)
    const log = await s.app.db.kysely.selectFrom('moderation_log').select(['actor_id', 'action']).where('target_id', '=', id).execute()
    expect(log).toEqual(expect.arrayContaining([{ actor_id: property, action: 'proposal.referral_accept' }, { actor_id: property, action: 'proposal.referral_answer' }]))
  })

  it('refuses with a reason: back to the committee’s screening, shown on the timeline, and out of the referee’s reach', async () => {
    const id = await referred(b3[3], '小区门口占道经营', 'street')
    expect((await inbox(department)).map((i) => i.id)).toContain(id)
    expect((await s.call(property, 'POST', `/api/proposals/${id}/referral/refuse`, { reason: '不归物业管' })).status).toBe(403)
    expect((await s.call(department, 'POST', `/api/proposals/${id}/referral/refuse`, {})).status).toBe(400)

    const refuse = () => s.call(department, 'POST', `/api/proposals/${id}/referral/refuse`, { reason: '属市场监管所职责，请转市场监管' }, { 'idempotency-key': `refuse-${id}` })
    const res = await refuse()
    expect(res.body).toEqual({ id, state: 'screening' })
    // A retry is replayed, although the referee may no longer read the proposal.
    expect((await refuse()).body).toEqual(res.body)
    const d = await s.call(mod, 'GET', `/api/proposals/${id}`)
    expect(d.body).toMatchObject({ state: 'screening', referral: null, deadlineAt: s.clock.iso(7) })
    expect(d.body.allowedTransitions).toContain('referred')
    expect(d.body.timeline.at(-1)).toMatchObject({ from: 'referred', to: 'screening', actorRole: 'referee', actorLabel: '街镇', reason: '属市场监管所职责，请转市场监管' })
    expect(await notes(mod, id)).toContainEqual(expect.objectContaining({ body: '街镇未接收转办：属市场监管所职责，请转市场监管，退回居委会重新审核' }))
    expect((await s.call(department, 'GET', `/api/proposals/${id}`)).status).toBe(403)
    expect((await inbox(department)).map((i) => i.id)).not.toContain(id)
  })

  it('still lets the committee record the answer on the referee’s behalf, marked as the committee’s', async () => {
    const id = await referred(b3[4], '绿化带杂草丛生', 'property')
    expect((await s.call(property, 'POST', `/api/proposals/${id}/referral`, { answer: '物业自己' })).status).toBe(403)
    const res = await s.call(mod, 'POST', `/api/proposals/${id}/referral`, { answer: '物业电话答复：下周修剪' })
    expect(res.body).toMatchObject({ deadlineAt: null, referral: { status: 'answered', answeredBy: 'committee', answer: '物业电话答复：下周修剪' } })
    expect(res.body.timeline.at(-1)).toMatchObject({ referralEvent: 'answered', actorRole: 'committee', actorLabel: '居委会' })
    expect((await s.call(property, 'POST', `/api/proposals/${id}/referral/answer`, { answer: '已修剪' })).body.error.code).toBe('referral_answered')
  })

  it('escalates a stalled referral: the committee and referee at its time limit, the 街镇 at twice it, each once', async () => {
    const id = await referred(b3[5], '消防通道被占', 'property')
    s.clock.advance(30.01)
    await sweepProposals(s.app, s.clock.now())
    for (const u of [mod, b3[5], property]) expect((await notes(u, id)).map((n) => n.kind)).toContain('proposal.overdue')
    expect(await notes(admin, id)).toEqual([])
    let list = (await s.call(admin, 'GET', `/api/street/overdue?streetId=${street}`)).body.items
    expect(list.find((i: { id: number }) => i.id === id)).toMatchObject({ state: 'referred', referredTo: 'property', neighbourhoodName: WUTONG, daysOverdue: 0, escalationLevel: 1 })
    expect((await inbox(property)).find((i) => i.id === id)).toMatchObject({ overdue: true })

    s.clock.advance(30)
    const swept = await sweepProposals(s.app, s.clock.now())
    expect(swept.escalated).toBeGreaterThanOrEqual(1)
    for (const u of [admin, property]) expect((await notes(u, id)).map((n) => n.kind)).toContain('proposal.escalated')
    list = (await s.call(admin, 'GET', `/api/street/overdue?streetId=${street}`)).body.items
    expect(list.find((i: { id: number }) => i.id === id)).toMatchObject({ daysOverdue: 30, escalationLevel: 2 })
    // Most overdue first.
    const days = list.map((i: { daysOverdue: number }) => i.daysOverdue)
    expect(days).toEqual([...days].sort((a, b) => b - a))

    const before = await s.count('notifications')
    expect(await sweepProposals(s.app, s.clock.now())).toMatchObject({ flaggedOverdue: 0, escalated: 0 })
    expect(await s.count('notifications')).toBe(before)

    // The answer ends the time limit: off the 街镇's list.
    await s.call(property, 'POST', `/api/proposals/${id}/referral/answer`, { answer: '已清理消防通道' })
    list = (await s.call(admin, 'GET', `/api/street/overdue?streetId=${street}`)).body.items
    expect(list.map((i: { id: number }) => i.id)).not.toContain(id)
  })

  it('shows the 街镇 list to that 街镇’s admins only', async () => {
    for (const u of [mod, department, property, b3[0]]) expect((await s.call(u, 'GET', `/api/street/overdue?streetId=${street}`)).status).toBe(403)
    expect((await s.call(admin, 'GET', `/api/street/overdue?streetId=${wutong}`)).status).toBe(403)
    expect((await s.call(admin, 'GET', '/api/street/overdue')).status).toBe(400)
    expect((await s.call(null, 'GET', `/api/street/overdue?streetId=${street}`)).status).toBe(401)
  })

  it('escalates at once when the committee shortens a time limit that has already run out', async () => {
    const id = await referred(b3[0], '电瓶车楼道充电', 'property')
    s.clock.advance(31)
    await sweepProposals(s.app, s.clock.now())
    expect((await notes(admin, id)).map((n) => n.kind)).not.toContain('proposal.escalated')
    // 10 days to answer: overdue for 21 days, more than twice the limit since it was referred.
    expect((await s.call(mod, 'PUT', `/api/proposals/settings?unitId=${wutong}`, { referredDays: 10 })).status).toBe(200)
    await sweepProposals(s.app, s.clock.now())
    expect((await notes(admin, id)).map((n) => n.kind)).toContain('proposal.escalated')
  })
})

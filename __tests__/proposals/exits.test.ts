import { describeEachDatabase } from '../support/server'
import { sweepProposals } from '../../server/proposals'
import { MOD_WUTONG, proposalBody, startProposalServer, type ProposalServer } from './support'

const NONE = { expired: 0, votesClosed: 0, closed: 0, flaggedOverdue: 0, escalated: 0 }

// Every way out of the main path, and the time limits that keep anything from stalling unseen.
describeEachDatabase('proposals: side exits, expiry and overdue', (dialect) => {
  let s: ProposalServer
  let mod: number
  let b3: number[]
  let xinCun: Record<string, number[]>
  let anhe: number

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    mod = await s.userIdOf(MOD_WUTONG)
    b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    xinCun = {}
    for (const b of ['1号楼', '2号楼', '4号楼', '5号楼']) xinCun[b] = (await s.residentsOf('梧桐新村', b)).map((r) => r.userId)
    anhe = (await s.residentsOf('安和花园', '1号楼'))[0].userId
  })
  afterAll(() => s.close())

  async function submit(author: number, body: Record<string, unknown> = {}): Promise<number> {
    const res = await s.call(author, 'POST', '/api/proposals', proposalBody(body))
    expect(res.status).toBe(201)
    return res.body.id
  }
  async function cosign(id: number, users: number[]) {
    for (const u of users) expect((await s.call(u, 'POST', `/api/proposals/${id}/cosign`)).status).toBe(200)
  }
  const move = (id: number, body: Record<string, unknown>, as = mod) => s.call(as, 'POST', `/api/proposals/${id}/transitions`, body)
  const state = async (id: number) => (await s.call(mod, 'GET', `/api/proposals/${id}`)).body.state
  const lastNote = async (user: number) => (await s.call(user, 'GET', '/api/notifications')).body.items[0]

  it('rejects with a reason the author can read; without one nothing changes', async () => {
    const id = await submit(b3[0], { title: '楼道里装个监控摄像头' })
    const before = await s.count('proposal_transitions')
    const bare = await move(id, { to: 'rejected' })
    expect(bare.status).toBe(400)
    expect(bare.body.error).toMatchObject({ code: 'invalid_input', field: 'reason', message: '请填写原因，提案人会看到' })
    expect(await state(id)).toBe('submitted')
    expect(await s.count('proposal_transitions')).toBe(before)

    const res = await move(id, { to: 'rejected', reason: '涉及个人隐私，需业委会讨论' })
    expect(res.body.state).toBe('rejected')
    expect(await lastNote(b3[0])).toMatchObject({ body: '居委会未受理：涉及个人隐私，需业委会讨论', targetId: id })
    const mine = await s.call(b3[0], 'GET', `/api/proposals/${id}`)
    expect(mine.body.timeline[1]).toMatchObject({ to: 'rejected', actorLabel: '居委会', reason: '涉及个人隐私，需业委会讨论' })
    const after = await move(id, { to: 'accepted' })
    expect(after.status).toBe(409)
    expect(after.body.error.details.allowed).toEqual([])
  })

  it('merges into another proposal: co-signers living in its unit are carried over and everyone is told', async () => {
    // Target: a 梧桐新村 (小区) proposal, threshold max(5, 3 % of 216) = 7, with 5 co-signatures.
    const target = await submit(xinCun['1号楼'][0], { title: '梧桐新村加装电梯统一规划', level: 'estate' })
    expect((await s.call(mod, 'GET', `/api/proposals/${target}`)).body.threshold).toBe(7)
    await cosign(target, [xinCun['1号楼'][1], ...xinCun['2号楼'], xinCun['4号楼'][0], xinCun['5号楼'][0]])
    // Source: a 居民区 proposal by a 3号楼 resident, co-signed by a neighbour and by someone from 安和花园.
    const source = await submit(b3[0], { title: '3号楼加装电梯', level: 'neighbourhood' })
    await cosign(source, [b3[1], anhe])

    expect((await move(source, { to: 'merged', mergeInto: source })).status).toBe(400)
    const missing = await move(source, { to: 'merged' })
    expect(missing.body.error.field).toBe('mergeInto')

    const res = await move(source, { to: 'merged', mergeInto: target, reason: '同一事项' })
    expect(res.body).toMatchObject({ state: 'merged', mergedInto: { id: target, title: '梧桐新村加装电梯统一规划' } })
    // The author and the 3号楼 co-signer live in 梧桐新村 and are carried: 5 + 2 = 7 reaches the threshold.
    const t = await s.call(b3[1], 'GET', `/api/proposals/${target}`)
    expect(t.body).toMatchObject({ state: 'screening', cosignCount: 7, cosignedByMe: true, followedByMe: true, mergedFrom: [{ id: source, title: '3号楼加装电梯' }] })
    const anheView = await s.call(anhe, 'GET', `/api/proposals/${target}`)
    expect(anheView.body.cosignedByMe).toBe(false)
    for (const u of [b3[0], b3[1], anhe]) {
      const notes = (await s.call(u, 'GET', '/api/notifications')).body.items
      expect(notes.some((n: { targetId: number; body: string }) => n.targetId === source && n.body === '已合并到提案「梧桐新村加装电梯统一规划」，附议已一并转入')).toBe(true)
    }
  })

  it('refers to 物业 / 业委会 / 街镇 with a reason, waits for the answer, and shows it', async () => {
    const id = await submit(b3[2], { title: '小区保洁频次太低', category: 'property' })
    expect((await move(id, { to: 'referred', reason: '属物业服务范围' })).body.error.field).toBe('referTo')
    expect((await move(id, { to: 'referred', referTo: 'landlord', reason: 'x' })).status).toBe(400)
    const res = await move(id, { to: 'referred', referTo: 'property', reason: '属物业服务范围' })
    expect(res.body).toMatchObject({
      state: 'referred',
      referral: { to: 'property', toName: '物业公司', reason: '属物业服务范围', answer: null },
      deadlineAt: s.clock.iso(30),
      overdue: false,
    })
    expect(await lastNote(b3[2])).toMatchObject({ body: '已转办至物业公司：属物业服务范围' })
    const byResident = await s.call(b3[2], 'POST', `/api/proposals/${id}/referral`, { answer: '好的' })
    expect(byResident.status).toBe(403)
    const answered = await s.call(mod, 'POST', `/api/proposals/${id}/referral`, { answer: '物业已承诺每天保洁两次' })
    expect(answered.body).toMatchObject({ referral: { answer: '物业已承诺每天保洁两次' }, deadlineAt: null })
    expect(await lastNote(b3[2])).toMatchObject({ body: '转办已有答复：物业已承诺每天保洁两次' })
  })

  it('lets the author withdraw before acceptance only, and the committee only what it entered for a resident', async () => {
    const id = await submit(b3[3], { title: '垃圾箱房移个位置' })
    const byMod = await move(id, { to: 'withdrawn' })
    expect(byMod.status).toBe(409)
    expect(byMod.body.error.details.allowed).toEqual(['rejected', 'merged', 'referred'])
    expect((await move(id, { to: 'withdrawn', reason: '已和邻居协商解决' }, b3[3])).body.state).toBe('withdrawn')

    const accepted = await submit(b3[3], { title: '楼道灯改声控灯' })
    await cosign(accepted, b3.filter((u) => u !== b3[3]))
    expect((await move(accepted, { to: 'accepted' })).body.state).toBe('accepted')
    const late = await move(accepted, { to: 'withdrawn' }, b3[3])
    expect(late.status).toBe(409)
    expect(late.body.error).toMatchObject({ code: 'transition_not_allowed', details: { from: 'accepted', to: 'withdrawn', allowed: [] } })

    const proxy = await s.call(mod, 'POST', '/api/proposals', proposalBody({ title: '代录：增设休息座椅', onBehalfOf: { buildingId: await s.unitId('3号楼', '梧桐新村') } }))
    expect((await move(proxy.body.id, { to: 'withdrawn', reason: '居民来电撤回' })).body.state).toBe('withdrawn')
  })

  it('expires when the threshold is not reached in time, and tells the author (no silent expiry)', async () => {
    const id = await submit(b3[4], { title: '楼下增设快递柜' })
    await cosign(id, [b3[0]])
    s.clock.advance(29)
    // Meanwhile the merge target (screening) and the accepted proposal above passed their 7 days, and
    // twice that: the 街镇 is told too.
    expect(await sweepProposals(s.app, s.clock.now())).toEqual({ ...NONE, flaggedOverdue: 2, escalated: 2 })
    s.clock.advance(1.01)
    expect(await sweepProposals(s.app, s.clock.now())).toEqual({ ...NONE, expired: 1 })
    expect(await state(id)).toBe('expired')
    expect(await lastNote(b3[4])).toMatchObject({ body: '附议期已结束，未达到 5 人附议，提案已过期', targetId: id })
    const co = await s.call(b3[0], 'GET', '/api/notifications')
    expect(co.body.items.some((n: { targetId: number }) => n.targetId === id)).toBe(true) // the co-signer follows it
    const late = await s.call(b3[1], 'POST', `/api/proposals/${id}/cosign`)
    expect(late.status).toBe(409)
    expect(await sweepProposals(s.app, s.clock.now())).toEqual(NONE)
  })

  it('flags a stalled screening as overdue to residents and the committee, and tells the author once', async () => {
    const id = await submit(b3[5], { title: '单元门禁经常损坏' })
    await cosign(id, b3.slice(0, 5))
    expect(await state(id)).toBe('screening')
    s.clock.advance(7.01)
    const listed = await s.call(b3[0], 'GET', '/api/proposals?state=screening')
    expect(listed.body.items.find((p: { id: number }) => p.id === id)).toMatchObject({ overdue: true })
    const home = await s.call(b3[0], 'GET', '/api/proposals/home')
    expect(home.body.overdue.map((p: { id: number }) => p.id)).toContain(id)
    const queue = await s.call(mod, 'GET', '/api/proposals/queue')
    expect(queue.body.overdue.map((p: { id: number }) => p.id)).toContain(id)
    expect(queue.body.screening.map((p: { id: number }) => p.id)).toContain(id)

    const notesBefore = await s.count('notifications')
    expect(await sweepProposals(s.app, s.clock.now())).toEqual({ ...NONE, flaggedOverdue: 1 })
    expect(await lastNote(b3[5])).toMatchObject({ kind: 'proposal.overdue', body: '提案已超过审核时限，居委会尚未处理', targetId: id })
    expect(await s.count('notifications')).toBeGreaterThan(notesBefore)
    const again = await s.count('notifications')
    expect(await sweepProposals(s.app, s.clock.now())).toEqual(NONE)
    expect(await s.count('notifications')).toBe(again)

    const accepted = await move(id, { to: 'accepted' })
    expect(accepted.body).toMatchObject({ state: 'accepted', overdue: false, deadlineAt: s.clock.iso(7) })
  })

  it('records a decision of the 居民代表会议 offline, and flags implementation past its planned date', async () => {
    const id = await submit(b3[1], { title: '楼道堆物清理公约' , category: 'convention' })
    await cosign(id, b3.filter((u) => u !== b3[1]).slice(0, 5))
    await move(id, { to: 'accepted' })
    await move(id, { to: 'deliberating' })
    const noMinutes = await move(id, { to: 'approved' })
    expect(noMinutes.body.error.field).toBe('minutes')
    const decided = await move(id, { to: 'approved', minutes: '居民代表会议 2025 年 4 月 2 日表决：应到 21 人，实到 19 人，18 票赞成' })
    expect(decided.body).toMatchObject({ state: 'approved', vote: { decidedOffline: true, result: null } })
    expect(decided.body.timeline.at(-1)).toMatchObject({ to: 'approved', details: { minutes: expect.stringContaining('18 票赞成') } })

    const planned = new Date(s.clock.t + 10 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
    await move(id, { to: 'implementing', owner: '楼组长', plannedDate: planned })
    s.clock.advance(10)
    expect((await s.call(mod, 'GET', `/api/proposals/${id}`)).body.overdue).toBe(false)
    s.clock.advance(1)
    expect((await s.call(b3[0], 'GET', `/api/proposals/${id}`)).body.overdue).toBe(true)
    await sweepProposals(s.app, s.clock.now())
    expect(await lastNote(b3[1])).toMatchObject({ body: '已超过计划完成日期，尚未完成，已超期', targetId: id })
  })

  it('closes a vote by itself at its closing time with the tallied outcome', async () => {
    const id = await submit(b3[2], { title: '屋顶绿化改造' , category: 'public_space' })
    await cosign(id, b3.filter((u) => u !== b3[2]).slice(0, 5))
    await move(id, { to: 'accepted' })
    await move(id, { to: 'deliberating' })
    await move(id, { to: 'voting' })
    expect((await s.call(mod, 'GET', `/api/proposals/${id}`)).body.voteClosesAt).toBe(s.clock.iso(7))
    await s.call(b3[0], 'POST', `/api/proposals/${id}/vote`, { choice: 'for' })
    s.clock.advance(7.01)
    const sweep = await sweepProposals(s.app, s.clock.now())
    expect(sweep.votesClosed).toBe(1)
    const detail = await s.call(b3[2], 'GET', `/api/proposals/${id}`)
    expect(detail.body).toMatchObject({ state: 'declined', vote: { result: { for: 1, against: 0, abstain: 0, turnout: 1, eligibleHouseholds: 6, passed: false } } })
    expect(detail.body.timeline.at(-1)).toMatchObject({ to: 'declined', actorRole: 'system' })
    expect(await lastNote(b3[2])).toMatchObject({ body: '投票结果：未通过（赞成 1、反对 0、弃权 0，1/6 户参与）' })
  })
})

import { describeEachDatabase } from '../support/server'
import { sweepProposals } from '../../server/proposals'
import { MOD_WUTONG, MOD_XIANGZHANG, proposalBody, startProposalServer, type ProposalServer } from './support'

// The whole path of one 3号楼 proposal, from a resident's idea to the residents' verdict on the result.
describeEachDatabase('proposals: the whole path', (dialect) => {
  let s: ProposalServer
  let mod: number
  let otherMod: number
  let building3: { userId: number; room: string }[]
  let author: number
  let id: number

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    mod = await s.userIdOf(MOD_WUTONG)
    otherMod = await s.userIdOf(MOD_XIANGZHANG)
    building3 = await s.residentsOf('梧桐新村', '3号楼')
    author = building3[0].userId
  })
  afterAll(() => s.close())

  it('has six verified households in 梧桐新村3号楼 (the fixture this suite counts on)', () => {
    expect(building3.map((r) => r.room)).toEqual(['101', '102', '201', '202', '301', '302'])
  })

  it('submits a 楼组 proposal that starts collecting co-signatures', async () => {
    const res = await s.call(author, 'POST', '/api/proposals', proposalBody())
    expect(res.status).toBe(201)
    id = res.body.id
    expect(res.body).toMatchObject({
      state: 'submitted',
      level: 'building',
      unitName: '3号楼',
      cosignCount: 0,
      threshold: 5,
      authorLabel: '3号楼居民',
      enteredByStaff: false,
      isMine: true,
      overdue: false,
      photos: [],
      coverPhoto: null,
      allowedTransitions: ['withdrawn'],
      canCosign: false,
      deadlineAt: s.clock.iso(30),
    })
    expect(res.body.timeline).toEqual([expect.objectContaining({ from: null, to: 'submitted', actorRole: 'author', actorLabel: '3号楼居民' })])
  })

  it('counts co-signatures of verified residents of the 楼组 only, once each', async () => {
    const other = (await s.residentsOf('梧桐新村', '1号楼'))[0].userId
    const refused = await s.call(other, 'POST', `/api/proposals/${id}/cosign`)
    expect(refused.status).toBe(403)
    const own = await s.call(author, 'POST', `/api/proposals/${id}/cosign`)
    expect(own.status).toBe(409)
    expect(own.body.error.code).toBe('own_proposal')

    for (const [i, r] of building3.slice(1, 5).entries()) {
      const res = await s.call(r.userId, 'POST', `/api/proposals/${id}/cosign`)
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ cosigned: true, cosignCount: i + 1, threshold: 5, state: 'submitted' })
    }
    const again = await s.call(building3[1].userId, 'POST', `/api/proposals/${id}/cosign`)
    expect(again.body).toEqual({ cosigned: true, cosignCount: 4, threshold: 5, state: 'submitted' })

    const back = await s.call(building3[4].userId, 'DELETE', `/api/proposals/${id}/cosign`)
    expect(back.body).toEqual({ cosigned: false, cosignCount: 3, threshold: 5, state: 'submitted' })
    const re = await s.call(building3[4].userId, 'POST', `/api/proposals/${id}/cosign`)
    expect(re.body.cosignCount).toBe(4)
  })

  it('moves to screening at once when the threshold is reached, and tells the author', async () => {
    const res = await s.call(building3[5].userId, 'POST', `/api/proposals/${id}/cosign`)
    expect(res.body).toEqual({ cosigned: true, cosignCount: 5, threshold: 5, state: 'screening' })
    const late = await s.call(building3[5].userId, 'DELETE', `/api/proposals/${id}/cosign`)
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('not_collecting')
    const inbox = await s.call(author, 'GET', '/api/notifications')
    expect(inbox.body.items[0]).toMatchObject({ kind: 'proposal.transition', targetId: id, body: '附议人数已达到 5 人，提案进入居委会审核', read: false })
    const detail = await s.call(author, 'GET', `/api/proposals/${id}`)
    expect(detail.body.timeline.map((t: { to: string }) => t.to)).toEqual(['submitted', 'screening'])
    expect(detail.body.timeline[1]).toMatchObject({ actorRole: 'system', actorLabel: '系统' })
    expect(detail.body.deadlineAt).toBe(s.clock.iso(7))
  })

  it('refuses the committee step to the author (409 with what they may do) and to outsiders (403)', async () => {
    const byAuthor = await s.call(author, 'POST', `/api/proposals/${id}/transitions`, { to: 'accepted' })
    expect(byAuthor.status).toBe(409)
    expect(byAuthor.body.error).toMatchObject({ code: 'transition_not_allowed', details: { from: 'screening', to: 'accepted', allowed: ['withdrawn'] } })
    const neighbour = await s.call(building3[1].userId, 'POST', `/api/proposals/${id}/transitions`, { to: 'accepted' })
    expect(neighbour.status).toBe(403)
    const outsider = await s.call(otherMod, 'POST', `/api/proposals/${id}/transitions`, { to: 'accepted' })
    expect(outsider.status).toBe(403)
    const wrongStep = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'voting' })
    expect(wrongStep.status).toBe(409)
    expect(wrongStep.body.error.details.allowed).toEqual(['accepted', 'rejected', 'merged', 'referred'])
    const detail = await s.call(mod, 'GET', `/api/proposals/${id}`)
    expect(detail.body.state).toBe('screening')
    expect(detail.body.timeline).toHaveLength(2)
  })

  it('is accepted as an agenda item and deliberated with recorded 三会 meetings', async () => {
    const accepted = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'accepted', reason: '符合居民区议事范围' })
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ state: 'accepted', isCommittee: true, allowedTransitions: ['deliberating', 'referred'] })
    // The 议事厅 topic is opened with it, in the same transaction.
    const topic = await s.app.db.kysely.selectFrom('topics').select(['id', 'proposal_id', 'question', 'unit_id']).where('proposal_id', '=', id).execute()
    expect(topic).toEqual([{ id: accepted.body.topicId, proposal_id: id, question: '3号楼加装电梯的建议', unit_id: accepted.body.unitId }])
    const early = await s.call(mod, 'POST', `/api/proposals/${id}/progress`, { percent: 10, text: '准备中' })
    expect(early.status).toBe(409)

    expect((await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'deliberating' })).body.state).toBe('deliberating')
    // A meeting is recorded once it has been held: two days on, the hearing of 2025-03-05 is today.
    s.clock.advance(2)
    const inFuture = await s.call(mod, 'POST', `/api/proposals/${id}/meetings`, { kind: 'hearing', heldOn: '2099-03-05', place: '居委会活动室', attendance: 23, minutes: '还没开的会' })
    expect(inFuture.status).toBe(400)
    expect(inFuture.body.error).toEqual({ code: 'invalid_input', field: 'heldOn', message: '会议日期不能晚于今天（2025-03-05）' })
    const tomorrow = await s.call(mod, 'POST', `/api/proposals/${id}/meetings`, { kind: 'hearing', heldOn: '2025-03-06', place: '居委会活动室', attendance: 23, minutes: '明天的会' })
    expect(tomorrow.body.error?.field).toBe('heldOn')
    const beforeSubmitted = await s.call(mod, 'POST', `/api/proposals/${id}/meetings`, { kind: 'hearing', heldOn: '2025-03-02', place: '居委会活动室', attendance: 23, minutes: '提案之前的会' })
    expect(beforeSubmitted.status).toBe(400)
    expect(beforeSubmitted.body.error).toEqual({ code: 'invalid_input', field: 'heldOn', message: '会议日期不能早于提案提交的日期（2025-03-03）' })
    const meeting = await s.call(mod, 'POST', `/api/proposals/${id}/meetings`, {
      kind: 'hearing',
      heldOn: '2025-03-05',
      place: '居委会活动室',
      attendance: 23,
      minutes: '听取3号楼居民意见，多数支持加装电梯，一楼住户担心采光。',
      decisions: '请设计单位出方案，下周协调会再议',
    })
    expect(meeting.status).toBe(201)
    expect(meeting.body).toMatchObject({ kind: 'hearing', heldOn: '2025-03-05', attendance: 23 })
    const byResident = await s.call(author, 'POST', `/api/proposals/${id}/meetings`, {
      kind: 'hearing',
      heldOn: '2025-03-05',
      place: '家里',
      attendance: 1,
      minutes: '我自己开的会',
    })
    expect(byResident.status).toBe(403)
    const detail = await s.call(author, 'GET', `/api/proposals/${id}`)
    expect(detail.body.meetings).toHaveLength(1)
    expect(detail.body.meetings[0].place).toBe('居委会活动室')
  })

  it('holds a household vote: one vote per household, the first member casts it and may change it', async () => {
    const noClose = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'voting', closesAt: s.clock.iso(0.01) })
    expect(noClose.status).toBe(400)
    expect(noClose.body.error.field).toBe('closesAt')

    const tooEarly = await s.call(author, 'POST', `/api/proposals/${id}/vote`, { choice: 'for' })
    expect(tooEarly.status).toBe(409)
    expect(tooEarly.body.error.code).toBe('not_voting')

    const open = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'voting', closesAt: s.clock.iso(3) })
    expect(open.body).toMatchObject({ state: 'voting', voteClosesAt: s.clock.iso(3), deadlineAt: s.clock.iso(3) })

    const family = await s.addHouseholdMember('梧桐新村', '3号楼', '101')
    // Seen before the household voted: what the family member's page showed is not shown again after.
    expect((await s.call(family, 'GET', `/api/proposals/${id}`)).body.vote).toMatchObject({ household: null, canVote: true })
    expect((await s.call(author, 'POST', `/api/proposals/${id}/vote`, { choice: 'against' })).body).toMatchObject({
      household: { choice: 'against', castByMe: true },
      result: null,
    })
    const second = await s.call(family, 'POST', `/api/proposals/${id}/vote`, { choice: 'for' })
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('household_voted')
    const familyView = await s.call(family, 'GET', `/api/proposals/${id}`)
    expect(familyView.body.vote).toMatchObject({ household: { choice: 'against', castByMe: false }, canVote: false, result: null })
    expect((await s.call(author, 'POST', `/api/proposals/${id}/vote`, { choice: 'for' })).status).toBe(200)

    const outsider = (await s.residentsOf('梧桐新村', '1号楼'))[0].userId
    expect((await s.call(outsider, 'POST', `/api/proposals/${id}/vote`, { choice: 'against' })).status).toBe(403)
    for (const [r, choice] of [
      [building3[1], 'for'],
      [building3[2], 'against'],
      [building3[3], 'abstain'],
    ] as const) {
      expect((await s.call(r.userId, 'POST', `/api/proposals/${id}/vote`, { choice })).status).toBe(200)
    }
    expect(await s.count('proposal_votes')).toBe(4)
    // Nothing is published while the vote is open.
    const during = await s.call(building3[1].userId, 'GET', `/api/proposals/${id}`)
    expect(during.body.vote.result).toBeNull()
  })

  it('closes the vote only after its closing time, and only to the tallied outcome', async () => {
    const early = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'approved' })
    expect(early.status).toBe(409)
    expect(early.body.error).toMatchObject({ code: 'vote_open', details: { allowed: [] } })

    s.clock.advance(3.5)
    const late = await s.call(building3[4].userId, 'POST', `/api/proposals/${id}/vote`, { choice: 'against' })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('vote_closed')
    const queue = await s.call(mod, 'GET', '/api/proposals/queue')
    expect(queue.body.votesToClose.map((p: { id: number }) => p.id)).toEqual([id])

    const wrong = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'declined' })
    expect(wrong.status).toBe(409)
    expect(wrong.body.error).toMatchObject({
      code: 'vote_outcome',
      details: { allowed: ['approved'], tally: { for: 2, against: 1, abstain: 1, turnout: 4, eligibleHouseholds: 6, passed: true } },
    })
    const closed = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'approved' })
    expect(closed.status).toBe(200)
    expect(closed.body.vote).toMatchObject({
      result: { for: 2, against: 1, abstain: 1, turnout: 4, eligibleHouseholds: 6, passed: true },
      decidedOffline: false,
    })
    const inbox = await s.call(author, 'GET', '/api/notifications')
    expect(inbox.body.items[0].body).toBe('投票结果：通过（赞成 2、反对 1、弃权 1，4/6 户参与）')
  })

  it('is implemented with an owner, a planned date, progress, spending and residents’ comments', async () => {
    const missing = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'implementing', owner: '梧桐物业' })
    expect(missing.status).toBe(400)
    expect(missing.body.error).toMatchObject({ code: 'invalid_input', field: 'plannedDate' })
    const past = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'implementing', owner: '梧桐物业', plannedDate: '2025-01-01' })
    expect(past.status).toBe(400)

    const started = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, {
      to: 'implementing',
      owner: '梧桐物业',
      plannedDate: '2025-06-30',
      budgetPlanned: 480000,
    })
    expect(started.body).toMatchObject({
      state: 'implementing',
      implementation: { owner: '梧桐物业', plannedDate: '2025-06-30', budgetPlanned: 480000, budgetSpent: null, percent: 0 },
      deadlineAt: '2025-06-30T15:59:59.999Z',
    })
    const progress = await s.call(mod, 'POST', `/api/proposals/${id}/progress`, {
      percent: 40,
      text: '井道施工完成，联系电话13812345678',
      budgetSpent: 120000.5,
    })
    expect(progress.status).toBe(201)
    expect(progress.body).toMatchObject({ percent: 40, budgetSpent: 120000.5, photos: [] })
    const comment = await s.call(building3[2].userId, 'POST', `/api/proposals/${id}/progress/${progress.body.id}/comments`, {
      body: '施工时间请避开午休',
    })
    expect(comment.status).toBe(201)
    expect(comment.body).toMatchObject({ authorLabel: '3号楼居民', contentStatus: 'visible', isMine: true })

    const view = await s.call(building3[1].userId, 'GET', `/api/proposals/${id}`)
    expect(view.body.implementation).toMatchObject({ percent: 40, budgetSpent: 120000.5 })
    expect(view.body.progress[0].text).toBe('井道施工完成，联系电话138****5678')
    expect(view.body.progress[0].comments).toEqual([expect.objectContaining({ body: '施工时间请避开午休', isMine: false })])
    const modView = await s.call(mod, 'GET', `/api/proposals/${id}`)
    expect(modView.body.progress[0].text).toBe('井道施工完成，联系电话13812345678')
  })

  it('is evaluated by the residents of the unit while the window is open, then closes by itself', async () => {
    const notYet = await s.call(author, 'POST', `/api/proposals/${id}/evaluations`, { rating: 5 })
    expect(notYet.status).toBe(409)
    expect((await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'completed', reason: '电梯已投入使用' })).body.state).toBe('completed')

    expect((await s.call(author, 'POST', `/api/proposals/${id}/evaluations`, { rating: 3, comment: '还行' })).status).toBe(200)
    expect((await s.call(author, 'POST', `/api/proposals/${id}/evaluations`, { rating: 5, comment: '很满意' })).status).toBe(200)
    const second = await s.call(building3[1].userId, 'POST', `/api/proposals/${id}/evaluations`, { rating: 4 })
    expect(second.body).toMatchObject({ average: 4.5, count: 2, mine: { rating: 4, comment: null } })
    const outsider = (await s.residentsOf('梧桐新村', '1号楼'))[0].userId
    expect((await s.call(outsider, 'POST', `/api/proposals/${id}/evaluations`, { rating: 1 })).status).toBe(403)
    expect((await s.call(author, 'POST', `/api/proposals/${id}/evaluations`, { rating: 6 })).status).toBe(400)

    s.clock.advance(29)
    expect(await sweepProposals(s.app, s.clock.now())).toEqual({ expired: 0, votesClosed: 0, closed: 0, flaggedOverdue: 0, escalated: 0 })
    s.clock.advance(1.1)
    expect(await sweepProposals(s.app, s.clock.now())).toEqual({ expired: 0, votesClosed: 0, closed: 1, flaggedOverdue: 0, escalated: 0 })
    const closedEval = await s.call(building3[2].userId, 'POST', `/api/proposals/${id}/evaluations`, { rating: 2 })
    expect(closedEval.status).toBe(409)
    expect(closedEval.body.error.message).toBe('成效评议已经结束')

    const detail = await s.call(building3[2].userId, 'GET', `/api/proposals/${id}`)
    expect(detail.body.state).toBe('closed')
    expect(detail.body.evaluations).toMatchObject({ average: 4.5, count: 2, canEvaluate: false })
    expect(detail.body.timeline.map((t: { to: string }) => t.to)).toEqual([
      'submitted',
      'screening',
      'accepted',
      'deliberating',
      'voting',
      'approved',
      'implementing',
      'completed',
      'closed',
    ])
  })

  it('logged every committee act in the moderation log', async () => {
    const log = await s.app.db.kysely
      .selectFrom('moderation_log')
      .select(['action', 'actor_id'])
      .where('target_type', '=', 'proposal')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute()
    expect(log.map((l) => l.action)).toEqual([
      'proposal.accepted',
      'proposal.deliberating',
      'proposal.meeting',
      'proposal.voting',
      'proposal.approved',
      'proposal.implementing',
      'proposal.progress',
      'proposal.completed',
    ])
    expect(new Set(log.map((l) => l.actor_id))).toEqual(new Set([mod]))
  })
})

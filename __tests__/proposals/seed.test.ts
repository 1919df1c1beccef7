import { describeEachDatabase } from '../support/server'
import { sweepProposals } from '../../server/proposals'
import { MOD_WUTONG, startProposalServer, type ProposalServer } from './support'

// The demo proposals `npm start` shows: one in each stage, consistent with the rules the routes keep.
describeEachDatabase('proposals: demo seed', (dialect) => {
  let s: ProposalServer
  beforeAll(async () => {
    s = await startProposalServer(dialect, {}, { keepDemo: true })
    s.clock.t = Date.now()
  })
  afterAll(() => s.close())

  it('shows a 3号楼 resident a lively 居民区 and a 首页 that asks something of them', async () => {
    const resident = (await s.residentsOf('梧桐新村', '3号楼'))[3].userId
    const list = await s.call(resident, 'GET', '/api/proposals')
    expect(list.body.items.map((p: { title: string; state: string }) => [p.title, p.state])).toEqual([
      ['楼下小卖部噪音问题', 'rejected'],
      ['院内梧桐树修剪', 'referred'],
      ['1号楼楼道堆物清理', 'screening'],
      ['助餐点延长晚餐供应时间', 'completed'],
      ['地下车库照明改造', 'implementing'],
      ['梧桐新村增设非机动车充电棚', 'submitted'],
      ['3号楼加装电梯的建议', 'voting'],
    ])
    const home = await s.call(resident, 'GET', '/api/proposals/home')
    expect(home.body.openVotes.map((p: { title: string; householdVoted: boolean }) => [p.title, p.householdVoted])).toEqual([['3号楼加装电梯的建议', false]])
    expect(home.body.nearThreshold.map((p: { title: string }) => p.title)).toEqual(['梧桐新村增设非机动车充电棚'])
    expect(home.body.toEvaluate.map((p: { title: string }) => p.title)).toEqual(['助餐点延长晚餐供应时间'])
    const stalled = await s.call(await s.userIdOf(MOD_WUTONG), 'GET', '/api/proposals/queue')
    expect(stalled.body.overdue.map((p: { title: string }) => p.title)).toEqual(['1号楼楼道堆物清理'])
  })

  it('keeps co-sign counts equal to the co-signatures, and a coherent detail page', async () => {
    const rows = await s.app.db.kysely.selectFrom('proposals').select(['id', 'cosign_count', 'threshold', 'state']).execute()
    expect(rows).toHaveLength(8)
    for (const r of rows) {
      const { n } = await s.app.db.kysely
        .selectFrom('proposal_cosigns')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('proposal_id', '=', r.id)
        .executeTakeFirstOrThrow()
      expect(Number(n)).toBe(r.cosign_count)
      if (!['submitted', 'rejected', 'referred'].includes(r.state)) expect(r.cosign_count).toBeGreaterThanOrEqual(r.threshold)
    }
    const lift = rows.find((r) => r.state === 'voting')!
    const author = (await s.residentsOf('梧桐新村', '3号楼'))[0].userId
    const detail = await s.call(author, 'GET', `/api/proposals/${lift.id}`)
    expect(detail.body).toMatchObject({ isMine: true, cosignCount: 5, threshold: 5, vote: { household: null, canVote: true, result: null } })
    expect(detail.body.meetings.map((m: { kind: string }) => m.kind)).toEqual(['hearing', 'coordination'])
    expect(detail.body.timeline.map((t: { to: string }) => t.to)).toEqual(['submitted', 'screening', 'accepted', 'deliberating', 'voting'])
    // Nothing in the demo is due yet except the overdue screening, which the sweep flags once.
    expect(await sweepProposals(s.app, new Date())).toEqual({ expired: 0, votesClosed: 0, closed: 0, flaggedOverdue: 1, escalated: 0 })
  })
})

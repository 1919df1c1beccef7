import { describeEachDatabase } from '../support/server'
import { implementingProposal, MOD_WUTONG, startProposalServer, type ProposalServer } from './support'

// Implementation figures residents supervise (过程监督, 居务公开): percent done and money spent so far only
// grow; the committee may take one back only as a marked correction whose text says why.
describeEachDatabase('proposals: progress percent and spending', (dialect) => {
  let s: ProposalServer
  let mod: number
  let resident: number
  let id: number
  const post = (body: Record<string, unknown>) => s.call(mod, 'POST', `/api/proposals/${id}/progress`, body)
  const reports = async () =>
    Number((await s.app.db.kysely.selectFrom('proposal_progress').select((eb) => eb.fn.countAll<number>().as('n')).where('proposal_id', '=', id).executeTakeFirstOrThrow()).n)
  const figures = async () =>
    s.app.db.kysely.selectFrom('proposals').select(['progress_percent', 'budget_spent_fen']).where('id', '=', id).executeTakeFirstOrThrow()

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    mod = await s.userIdOf(MOD_WUTONG)
    resident = (await s.residentsOf('梧桐新村', '3号楼'))[1].userId
    id = await implementingProposal(s, '楼道照明改造')
  })
  afterAll(() => s.close())

  it('takes growing figures as before, without any new field', async () => {
    const first = await post({ percent: 60, text: '灯具已采购', budgetSpent: 12000 })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ percent: 60, budgetSpent: 12000, correction: false })
    expect((await post({ percent: 60, text: '本周未施工' })).status).toBe(201)
  })

  it('refuses a lower percent or lower spending without a correction, changing nothing', async () => {
    const progressRows = await reports()
    const lowerPercent = await post({ percent: 50, text: '重新估算' })
    expect(lowerPercent.status).toBe(400)
    expect(lowerPercent.body.error).toEqual({
      code: 'invalid_input',
      field: 'percent',
      message: '实施进度不能低于上次报告的 60%；如是更正，请标明“更正”并在说明里写明原因',
    })
    const lowerSpending = await post({ percent: 70, text: '继续施工', budgetSpent: 11999.99 })
    expect(lowerSpending.status).toBe(400)
    expect(lowerSpending.body.error).toMatchObject({ field: 'budgetSpent', message: '累计支出不能少于上次报告的 12000 元；如是更正，请标明“更正”并在说明里写明原因' })
    const explicitlyNot = await post({ percent: 50, text: '重新估算', correction: false })
    expect(explicitlyNot.body.error?.field).toBe('percent')
    // A correction that lowers nothing is no correction.
    const nothingLowered = await post({ percent: 70, text: '继续施工', correction: true })
    expect(nothingLowered.status).toBe(400)
    expect(nothingLowered.body.error).toMatchObject({ field: 'correction', message: '这次进展没有调低进度或累计支出，不是更正' })
    expect(await reports()).toBe(progressRows)
    expect(await figures()).toEqual({ progress_percent: 60, budget_spent_fen: 1_200_000 })
  })

  it('takes a marked correction, tells residents it was one, and logs it with its reason', async () => {
    const corrected = await post({ percent: 40, text: '上次误报：西区灯具尚未安装', budgetSpent: 9000, correction: true })
    expect(corrected.status).toBe(201)
    expect(corrected.body).toMatchObject({ percent: 40, budgetSpent: 9000, correction: true })
    expect(await figures()).toEqual({ progress_percent: 40, budget_spent_fen: 900_000 })
    expect((await post({ percent: 80, text: '西区安装完成', budgetSpent: 15000 })).body.correction).toBe(false)

    const view = await s.call(resident, 'GET', `/api/proposals/${id}`)
    expect(view.body.progress.map((p: { percent: number; correction: boolean }) => [p.percent, p.correction])).toEqual([
      [60, false],
      [60, false],
      [40, true],
      [80, false],
    ])
    expect(view.body.implementation).toMatchObject({ percent: 80, budgetSpent: 15000 })
    const inbox = await s.call(resident, 'GET', '/api/notifications')
    expect(inbox.body.items.map((n: { body: string }) => n.body)).toContain('实施进展更正为 40%：上次误报：西区灯具尚未安装')
    const log = await s.app.db.kysely
      .selectFrom('moderation_log')
      .select(['action', 'reason'])
      .where('target_type', '=', 'proposal')
      .where('target_id', '=', id)
      .where('action', 'like', 'proposal.progress%')
      .orderBy('id')
      .execute()
    expect(log).toEqual([
      { action: 'proposal.progress', reason: null },
      { action: 'proposal.progress', reason: null },
      { action: 'proposal.progress_correction', reason: '上次误报：西区灯具尚未安装' },
      { action: 'proposal.progress', reason: null },
    ])
  })
})

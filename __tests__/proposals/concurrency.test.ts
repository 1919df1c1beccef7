import { describeEachDatabase } from '../support/server'
import { sweepProposals } from '../../server/proposals'
import { proposalBody, startProposalServer, type ProposalServer } from './support'

// Residents act at the same moment: counts stay exact and every step happens once.
describeEachDatabase('proposals: concurrent requests', (dialect) => {
  let s: ProposalServer
  let b3: number[]
  beforeAll(async () => {
    s = await startProposalServer(dialect)
    b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
  })
  afterAll(() => s.close())

  it('co-signs at once without losing a count, and reaches screening exactly once', async () => {
    const id = (await s.call(b3[0], 'POST', '/api/proposals', proposalBody())).body.id
    const extra = await s.addHouseholdMember('梧桐新村', '3号楼', '302')
    await Promise.all(b3.slice(1).map((u) => s.auth(u)))
    await s.auth(extra)
    const results = await Promise.all([...b3.slice(1), extra].map((u) => s.call(u, 'POST', `/api/proposals/${id}/cosign`)))
    const ok = results.filter((r) => r.status === 200)
    // Six try for five places: the sixth either lands before the step (counted) or after it (409).
    expect(results.every((r) => r.status === 200 || (r.status === 409 && r.body.error.code === 'not_collecting'))).toBe(true)
    const row = await s.app.db.kysely.selectFrom('proposals').select(['cosign_count', 'state']).where('id', '=', id).executeTakeFirstOrThrow()
    const { n } = await s.app.db.kysely
      .selectFrom('proposal_cosigns')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('proposal_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ cosign_count: ok.length, state: 'screening' })
    expect(Number(n)).toBe(ok.length)
    expect(ok.length).toBeGreaterThanOrEqual(5)
    const steps = await s.app.db.kysely.selectFrom('proposal_transitions').select('to_state').where('proposal_id', '=', id).execute()
    expect(steps.map((t) => t.to_state)).toEqual(['submitted', 'screening'])
  })

  it('lets one member of a household vote when two try at once', async () => {
    const id = (await s.call(b3[1], 'POST', '/api/proposals', proposalBody({ title: '楼顶防水维修' }))).body.id
    for (const u of [b3[0], b3[2], b3[3], b3[4], b3[5]]) await s.call(u, 'POST', `/api/proposals/${id}/cosign`)
    const mod = await s.userIdOf('居委会 · 梧桐居民区')
    for (const to of ['accepted', 'deliberating', 'voting']) expect((await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to })).status).toBe(200)
    const spouse = await s.addHouseholdMember('梧桐新村', '3号楼', '201')
    await s.auth(spouse)
    const [a, b] = await Promise.all([
      s.call(b3[2], 'POST', `/api/proposals/${id}/vote`, { choice: 'for' }),
      s.call(spouse, 'POST', `/api/proposals/${id}/vote`, { choice: 'against' }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const votes = await s.app.db.kysely.selectFrom('proposal_votes').select(['room', 'choice']).where('proposal_id', '=', id).execute()
    expect(votes).toEqual([{ room: '201', choice: a.status === 200 ? 'for' : 'against' }])
  })

  it('flags an overdue item once even when two sweeps run together', async () => {
    s.clock.advance(8)
    const before = await s.count('notifications')
    const [x, y] = await Promise.all([sweepProposals(s.app, s.clock.now()), sweepProposals(s.app, s.clock.now())])
    // The screening proposal of the first test is overdue; the vote of the second closes (once).
    expect(x.flaggedOverdue + y.flaggedOverdue).toBe(1)
    expect(x.votesClosed + y.votesClosed).toBe(1)
    const author = b3[0]
    const notes = (await s.call(author, 'GET', '/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'proposal.overdue')
    expect(notes).toHaveLength(1)
    expect(await s.count('notifications')).toBeGreaterThan(before)
  })
})

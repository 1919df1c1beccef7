import { describeEachDatabase } from '../support/server'
import { MOD_WUTONG, MOD_XIANGZHANG, proposalBody, startProposalServer, type ProposalServer } from './support'

// 代录 co-signatures: a household counts once whoever of it came in, and the committee can take back one
// it entered by mistake while the proposal still collects them.
describeEachDatabase('proposals: 代录 co-signatures by household', (dialect) => {
  let s: ProposalServer
  let mod: number
  let building: number
  let b3: number[]
  let id: number
  const proxy = (room: string, name?: string) => s.call(mod, 'POST', `/api/proposals/${id}/cosign`, { onBehalfOf: { buildingId: building, room, ...(name ? { name } : {}) } })
  const list = async () => (await s.call(mod, 'GET', `/api/proposals/${id}/proxy-cosigns`)).body.items as { id: number; room: string; buildingName: string }[]
  const stored = async () =>
    Number(
      (await s.app.db.kysely.selectFrom('proposal_cosigns').select((eb) => eb.fn.countAll<number>().as('n')).where('proposal_id', '=', id).executeTakeFirstOrThrow()).n,
    )

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    mod = await s.userIdOf(MOD_WUTONG)
    building = await s.unitId('3号楼', '梧桐新村')
    b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    id = (await s.call(b3[0], 'POST', '/api/proposals', proposalBody({ title: '楼道加装扶手' }))).body.id
  })
  afterAll(() => s.close())

  it('counts a household (楼组 and room) once, whatever the name or the way the room is written', async () => {
    expect((await proxy('3-402', '李伯伯')).body).toMatchObject({ cosigned: true, cosignCount: 1 })
    expect((await proxy('3-402', '李阿姨')).body).toMatchObject({ cosigned: true, cosignCount: 1 })
    expect((await proxy(' 3－402 ')).body).toMatchObject({ cosigned: true, cosignCount: 1 })
    expect((await proxy('3-502', '张阿姨')).body).toMatchObject({ cosigned: true, cosignCount: 2 })
    expect(await stored()).toBe(2)
    const log = await s.app.db.kysely
      .selectFrom('moderation_log')
      .select(['action', 'reason'])
      .where('target_type', '=', 'proposal')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute()
    expect(log).toEqual([
      { action: 'proposal.proxy_cosign', reason: '3号楼 3-402 李伯伯' },
      { action: 'proposal.proxy_cosign', reason: '3号楼 3-502 张阿姨' },
    ])
  })

  it('also recognises a household co-signed before keys went by household (stored with its name)', async () => {
    await s.app.db.kysely
      .insertInto('proposal_cosigns')
      .values({ proposal_id: id, signer_key: `p:${building}:3-602:王伯伯`, user_id: null, building_id: building, room: '3-602', entered_by: mod, created_at: s.clock.iso() })
      .execute()
    await s.app.db.kysely.updateTable('proposals').set({ cosign_count: 3 }).where('id', '=', id).execute()
    expect((await proxy('3-602', '王阿姨')).body).toMatchObject({ cosigned: true, cosignCount: 3 })
    expect(await stored()).toBe(3)
  })

  it('lists the 代录 co-signatures to the committee only', async () => {
    expect((await list()).map((c) => [c.buildingName, c.room])).toEqual([
      ['3号楼', '3-402'],
      ['3号楼', '3-502'],
      ['3号楼', '3-602'],
    ])
    expect((await s.call(b3[1], 'GET', `/api/proposals/${id}/proxy-cosigns`)).status).toBe(403)
  })

  it('lets the committee take one back, recounting and logging it; nothing else can be taken this way', async () => {
    const own = await s.call(b3[1], 'POST', `/api/proposals/${id}/cosign`)
    expect(own.body.cosignCount).toBe(4)
    const ownRow = await s.app.db.kysely.selectFrom('proposal_cosigns').select('id').where('proposal_id', '=', id).where('user_id', '=', b3[1]).executeTakeFirstOrThrow()
    const [first] = await list()
    const url = (cosignId: number) => `/api/proposals/${id}/proxy-cosigns/${cosignId}`

    expect((await s.call(b3[1], 'DELETE', url(first.id))).status).toBe(403)
    expect((await s.call(await s.userIdOf(MOD_XIANGZHANG), 'DELETE', url(first.id))).status).toBe(403)
    const residentsOwn = await s.call(mod, 'DELETE', url(ownRow.id))
    expect(residentsOwn.status).toBe(404)
    expect(residentsOwn.body.error).toEqual({ code: 'not_found', message: '这条代录的附议不存在或已被删除' })
    expect(await stored()).toBe(4)

    const removed = await s.call(mod, 'DELETE', url(first.id))
    expect(removed.status).toBe(200)
    expect(removed.body).toEqual({ cosigned: false, cosignCount: 3, threshold: expect.any(Number), state: 'submitted' })
    expect((await list()).map((c) => c.room)).toEqual(['3-502', '3-602'])
    expect((await s.call(mod, 'DELETE', url(first.id))).status).toBe(404)
    const row = await s.app.db.kysely.selectFrom('proposals').select('cosign_count').where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.cosign_count).toBe(3)
    const log = await s.app.db.kysely.selectFrom('moderation_log').select(['action', 'reason', 'actor_id']).where('target_id', '=', id).where('action', '=', 'proposal.proxy_cosign_removed').execute()
    expect(log).toEqual([{ action: 'proposal.proxy_cosign_removed', reason: '3-402', actor_id: mod }])
    // The household may be entered again, counted once.
    expect((await proxy('3-402', '李伯伯')).body).toMatchObject({ cosigned: true, cosignCount: 4 })
  })

  it('keeps co-signatures once the proposal has left collecting', async () => {
    for (const u of b3.slice(2)) await s.call(u, 'POST', `/api/proposals/${id}/cosign`)
    const detail = await s.call(mod, 'GET', `/api/proposals/${id}`)
    expect(detail.body.state).toBe('screening')
    const [first] = await list()
    const late = await s.call(mod, 'DELETE', `/api/proposals/${id}/proxy-cosigns/${first.id}`)
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('not_collecting')
    expect((await list()).length).toBe(3)
  })
})

import { describeEachDatabase } from '../support/server'
import { MOD_WUTONG, MOD_XIANGZHANG, proposalBody, startProposalServer, type ProposalServer } from '../proposals/support'

// Search in proposals and the 议事厅: Chinese words in any order, all of them required, best match first,
// and never past what the caller may read (hidden, held for review, another 居民区).
describeEachDatabase('search in proposals and the 议事厅', (dialect) => {
  let s: ProposalServer
  let b3: number[]
  let xz: number
  let mod: number
  const p: Record<string, number> = {}
  const t: Record<string, number> = {}

  const ids = (res: { body: { items: { id: number }[] } }) => res.body.items.map((i) => i.id)
  const find = async (who: number, q: string, path = '/api/proposals') => {
    const res = await s.call(who, 'GET', `${path}?q=${encodeURIComponent(q)}`)
    expect(res.status).toBe(200)
    return ids(res)
  }

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    xz = (await s.residentsOf('香樟苑', '1号楼'))[0].userId
    mod = await s.userIdOf(MOD_WUTONG)
    const submit = async (key: string, author: number, title: string, body: string) => {
      const res = await s.call(author, 'POST', '/api/proposals', proposalBody({ title, body, category: 'other' }))
      expect(res.status).toBe(201)
      p[key] = res.body.id
    }
    await submit('lift', b3[0], '3号楼加装电梯的建议', '老人多，上下楼困难，建议加装电梯。')
    await submit('liftLater', b3[1], '电梯加装后的维护费用', '电梯装好以后，维护保养的钱怎么出？')
    await submit('mention', b3[2], '楼道照明不足', '晚上楼道太暗，顺便问一下电梯什么时候装。')
    await submit('parking', b3[3], '门口禁止停车', '消防通道经常被占用，请电话 13912345678 联系我。')
    await submit('hidden', b3[4], '加装电梯费用分摊', '按楼层分摊加装电梯的费用。')
    await submit('other', xz, '香樟苑加装电梯', '香樟苑也想加装电梯。')
    await s.app.db.kysely.updateTable('proposals').set({ content_status: 'hidden' }).where('id', '=', p.hidden).execute()
    const open = async (key: string, who: number, unitId: number, question: string, background: string) => {
      const res = await s.call(who, 'POST', '/api/topics', { unitId, question, background })
      expect(res.status).toBe(201)
      t[key] = res.body.id
    }
    await open('lift', mod, await s.unitId('梧桐新村'), '电梯加装方案大家怎么看', '3号楼的加装方案已经出来了。')
    await open('bins', mod, await s.unitId('梧桐新村'), '垃圾箱房搬到哪里', '箱房离住户太近，夏天有味道。')
    await open('other', await s.userIdOf(MOD_XIANGZHANG), await s.unitId('香樟苑'), '香樟苑加装电梯意见征集', '请大家说说加装电梯的想法。')
  })
  afterAll(() => s.close())

  it('finds proposals by words in any order, the title’s matches first', async () => {
    // 加装 + 电梯, wherever they stand: the title that says both beats a text that only mentions them.
    expect(await find(b3[5], '加装电梯')).toEqual([p.lift, p.liftLater])
    expect(await find(b3[5], '电梯 加装')).toEqual([p.lift, p.liftLater])
    // Every word must be there: 维护 narrows it to one.
    expect(await find(b3[5], '电梯维护')).toEqual([p.liftLater])
    // A word of the body alone is enough when it is the only one asked for.
    expect(await find(b3[5], '楼道')).toEqual([p.mention])
  })

  it('finds nothing for words that are not there, and nothing for only common characters', async () => {
    expect(await find(b3[5], '篮球场')).toEqual([])
    expect(await find(b3[5], '的')).toEqual([])
  })

  it('never finds what the caller may not read, nor masked personal details', async () => {
    // Hidden by a moderator: not for residents; its committee still finds it.
    expect(await find(b3[5], '费用分摊')).toEqual([])
    expect(await find(mod, '费用分摊')).toEqual([p.hidden])
    // Another 居民区's proposal is not found, even with the words of its title.
    expect(await find(b3[5], '香樟苑')).toEqual([])
    expect(await find(xz, '加装电梯')).toEqual([p.other])
    // The phone number is masked in what residents read, so it is not a search term either.
    expect(await find(b3[5], '13912345678')).toEqual([])
  })

  it('pages a search by its rank without gaps or repeats', async () => {
    const first = await s.call(b3[5], 'GET', `/api/proposals?q=${encodeURIComponent('电梯')}&limit=2`)
    expect(first.status).toBe(200)
    const rest = await s.call(b3[5], 'GET', `/api/proposals?q=${encodeURIComponent('电梯')}&limit=2&cursor=${first.body.nextCursor}`)
    const all = [...ids(first), ...ids(rest)]
    // Titles first (电梯 twice in 电梯加装后的维护费用's text), then the mere mention.
    expect(all).toEqual([p.liftLater, p.lift, p.mention])
    expect(rest.body.nextCursor).toBeNull()
    // A cursor of another order is refused, not a 500.
    const bad = await s.call(b3[5], 'GET', `/api/proposals?q=${encodeURIComponent('电梯')}&cursor=${first.body.nextCursor}x`)
    expect(bad.status).toBe(400)
  })

  it('searches 议事厅 topics of the caller’s 居民区 only (the demo topics are there too)', async () => {
    const lift = await find(b3[5], '加装电梯', '/api/topics')
    expect(lift).toContain(t.lift)
    expect(lift).not.toContain(t.bins)
    expect(lift).not.toContain(t.other)
    const bins = await find(b3[5], '垃圾 箱房', '/api/topics')
    expect(bins).toContain(t.bins)
    expect(bins).not.toContain(t.lift)
    const elsewhere = await find(xz, '加装电梯', '/api/topics')
    expect(elsewhere).toContain(t.other)
    expect(elsewhere).not.toContain(t.lift)
    expect(await find(b3[5], '篮球场', '/api/topics')).toEqual([])
  })
})

import { startProposalServer, MOD_WUTONG, MOD_XIANGZHANG, proposalBody, WUTONG, type ProposalServer } from '../proposals/support'
import { uploadPhoto } from '../media/support'
import { fundSpending } from '../../server/affairs'
import { describeEachDatabase } from '../support/server'

type Entry = { key: string; kind: string; title: string; link: { kind: string; id: number } | null; correctedBy: string[]; corrects: string | null; lines: string[] }

describeEachDatabase('居务公开: a proposal from submission to evaluation, on the ledger', (dialect) => {
  let s: ProposalServer
  let mod: number
  let b3: number[]
  let outsider: number
  let nb: number
  let id: number

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    mod = await s.userIdOf(MOD_WUTONG)
    b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    outsider = (await s.residentsOf('香樟苑', '1号楼'))[0].userId
    nb = await s.unitId(WUTONG)
  })
  afterAll(() => s.close())

  const ledger = async (who: number, query = '') => {
    const res = await s.call(who, 'GET', `/api/affairs?unitId=${nb}${query}`)
    expect(res.status).toBe(200)
    return res.body as { entries: (Entry & { openFlags: number })[]; supervisors: { label: string }[] }
  }
  const step = async (url: string, body: unknown, status = 200) => {
    const res = await s.call(mod, 'POST', url, body)
    if (res.status !== status) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }

  it('walks a proposal through decision, meeting, spending and evaluation', async () => {
    id = (await s.call(b3[0], 'POST', '/api/proposals', proposalBody({ title: '3号楼楼道扶手' }))).body.id
    for (const u of b3.slice(1)) await s.call(u, 'POST', `/api/proposals/${id}/cosign`)
    await step(`/api/proposals/${id}/transitions`, { to: 'accepted' })
    await step(`/api/proposals/${id}/transitions`, { to: 'deliberating' })
    await step(`/api/proposals/${id}/meetings`, { kind: 'hearing', heldOn: '2025-03-03', place: '居委会活动室', attendance: 18, minutes: '居民同意加装扶手' }, 201)
    await step(`/api/proposals/${id}/transitions`, { to: 'approved', minutes: '居民代表会议表决通过' })
    await step(`/api/proposals/${id}/transitions`, { to: 'implementing', owner: '梧桐物业', plannedDate: '2025-06-30', budgetPlanned: 5000 })
    await step(`/api/proposals/${id}/progress`, { percent: 100, text: '扶手安装完成', budgetSpent: 4800 }, 201)
    await step(`/api/proposals/${id}/transitions`, { to: 'completed' })
    expect((await s.call(b3[1], 'POST', `/api/proposals/${id}/evaluations`, { rating: 5, comment: '很好' })).status).toBe(200)
  })

  it('shows its decision, meeting, spending and evaluation on the 居务公开 API, each linking back', async () => {
    const { entries } = await ledger(b3[2], '&year=2025')
    const mine = entries.filter((e) => e.link?.kind === 'proposal' && e.link.id === id)
    expect(mine.map((e) => e.kind).sort()).toEqual(['decision', 'evaluation', 'meeting', 'spending'])
    const byKind = Object.fromEntries(mine.map((e) => [e.kind, e]))
    expect(byKind.decision.lines).toContain('居民代表会议决定：居民代表会议表决通过')
    expect(byKind.meeting.lines[0]).toBe('听证会，2025-03-03，居委会活动室，18 人参加')
    expect(byKind.spending.lines.slice(0, 2)).toEqual(['预算：5000.00 元', '已支出：4800.00 元（完成进度 100%）'])
    expect(byKind.evaluation.lines).toEqual(['1 位居民评价，平均 5 分（满分 5 分）'])
    // Each entry opens on its own, and the filters narrow the ledger.
    const detail = await s.call(b3[2], 'GET', `/api/affairs/entries/${byKind.meeting.key}`)
    expect(detail.body.entry).toEqual(byKind.meeting)
    expect((await ledger(b3[2], '&kind=meeting')).entries.every((e) => e.kind === 'meeting')).toBe(true)
    expect((await ledger(b3[2], '&year=2024')).entries.filter((e) => e.link?.id === id)).toEqual([])
  })

  it('refuses a resident of another 居民区 (403), and anyone not signed in (401)', async () => {
    const { entries } = await ledger(b3[0])
    expect((await s.call(outsider, 'GET', `/api/affairs?unitId=${nb}`)).status).toBe(403)
    expect((await s.call(outsider, 'GET', `/api/affairs/entries/${entries[0].key}`)).status).toBe(403)
    expect((await s.call(outsider, 'GET', `/api/affairs/entries/${entries[0].key}/notice`)).status).toBe(403)
    expect((await s.call(await s.userIdOf(MOD_XIANGZHANG), 'POST', `/api/affairs/entries/${entries[0].key}/corrections`, { body: '不是我们的' })).status).toBe(403)
    expect((await s.call(null, 'GET', `/api/affairs?unitId=${nb}`)).status).toBe(401)
    expect((await s.call(b3[0], 'GET', '/api/affairs/entries/meeting-999999')).status).toBe(404)
  })

  it('shows a correction and the entry it corrects, both, the old one marked corrected', async () => {
    const spending = (await ledger(b3[0])).entries.find((e) => e.kind === 'spending' && e.link?.id === id)!
    const res = await s.call(mod, 'POST', `/api/affairs/entries/${spending.key}/corrections`, { body: '发票复核：实际支出 4750 元', amount: 4750 })
    expect(res.status).toBe(201)
    const correction = res.body.entry as Entry
    expect(correction).toMatchObject({ kind: 'correction', corrects: spending.key, link: { kind: 'proposal', id } })
    const { entries } = await ledger(b3[0])
    expect(entries.find((e) => e.key === spending.key)!.correctedBy).toEqual([correction.key])
    expect(entries.find((e) => e.key === correction.key)).toBeDefined()
    const old = await s.call(b3[0], 'GET', `/api/affairs/entries/${spending.key}`)
    expect(old.body.related.map((e: Entry) => e.key)).toEqual([correction.key])
    // The original is never changed.
    expect(old.body.entry.lines).toEqual(spending.lines)
  })

  it('takes a resident’s question to the committee’s queue, and shows the answer to everyone', async () => {
    const meeting = (await ledger(b3[0])).entries.find((e) => e.kind === 'meeting' && e.link?.id === id)!
    const asked = await s.call(b3[3], 'POST', `/api/affairs/entries/${meeting.key}/questions`, { body: '会议纪要里的扶手是什么材质？' })
    expect(asked.status).toBe(201)
    expect(asked.body.questions).toEqual([expect.objectContaining({ body: '会议纪要里的扶手是什么材质？', authorLabel: '3号楼居民', answer: null, isMine: true })])
    // Not public until the committee has read and answered it.
    expect((await s.call(b3[4], 'GET', `/api/affairs/entries/${meeting.key}`)).body.questions).toEqual([])
    expect((await s.call(outsider, 'POST', `/api/affairs/entries/${meeting.key}/questions`, { body: '我也想问' })).status).toBe(403)

    const queue = await s.call(mod, 'GET', `/api/affairs/queue?unitId=${nb}`)
    const item = queue.body.items.find((q: { entryKey: string }) => q.entryKey === meeting.key)
    expect(item).toMatchObject({ kind: 'question', entryTitle: meeting.title })
    expect((await s.call(b3[3], 'POST', `/api/affairs/questions/${item.id}/answer`, { answer: '我自己答' })).status).toBe(403)
    const answered = await s.call(mod, 'POST', `/api/affairs/questions/${item.id}/answer`, { answer: '不锈钢，带防滑套' })
    expect(answered.status).toBe(200)
    expect((await s.call(mod, 'POST', `/api/affairs/questions/${item.id}/answer`, { answer: '再答一次' })).status).toBe(409)
    const seen = await s.call(b3[4], 'GET', `/api/affairs/entries/${meeting.key}`)
    expect(seen.body.questions).toEqual([expect.objectContaining({ body: '会议纪要里的扶手是什么材质？', answer: '不锈钢，带防滑套', isMine: false })])
    expect((await s.call(mod, 'GET', `/api/affairs/queue?unitId=${nb}`)).body.items.some((q: { id: number }) => q.id === item.id)).toBe(false)
  })

  it('lets only 居务监督委员会 members flag an entry; the flag shows until the committee answers', async () => {
    const decision = (await ledger(b3[0])).entries.find((e) => e.kind === 'decision' && e.link?.id === id)!
    const flagUrl = `/api/affairs/entries/${decision.key}/flags`
    expect((await s.call(b3[5], 'POST', flagUrl, { body: '缺少投票明细' })).status).toBe(403)
    const appointed = await s.call(mod, 'POST', '/api/affairs/supervisors', { unitId: nb, userId: b3[5] })
    expect(appointed.status).toBe(201)
    expect(appointed.body.label).toBe('3号楼居民')
    expect((await s.call(mod, 'POST', '/api/affairs/supervisors', { unitId: nb, userId: outsider })).status).toBe(400)
    expect((await ledger(b3[0])).supervisors.map((m) => m.label)).toContain('3号楼居民')

    expect((await s.call(b3[5], 'POST', flagUrl, { body: '缺少投票明细' })).status).toBe(201)
    expect((await ledger(b3[0])).entries.find((e) => e.key === decision.key)).toMatchObject({ openFlags: 1 })
    const flag = (await s.call(mod, 'GET', `/api/affairs/queue?unitId=${nb}`)).body.items.find((q: { kind: string; entryKey: string }) => q.kind === 'flag' && q.entryKey === decision.key)
    await step(`/api/affairs/questions/${flag.id}/answer`, { answer: '本次为居民代表会议表决，纪要已补充' })
    expect((await ledger(b3[0])).entries.find((e) => e.key === decision.key)).toMatchObject({ openFlags: 0 })

    const removed = await s.call(mod, 'DELETE', `/api/affairs/supervisors/${appointed.body.id}`)
    expect(removed.status).toBe(200)
    expect((await s.call(b3[5], 'POST', flagUrl, { body: '还想再标记' })).status).toBe(403)
  })

  it('records a 自治金 payment with its receipt photo, and counts it for the 台账', async () => {
    const modAuth = await s.auth(mod)
    const receipt = await uploadPhoto(s.app, modAuth)
    const res = await s.call(mod, 'POST', '/api/affairs/funds', { unitId: nb, title: '楼道绿植', body: '购买绿植 20 盆', amount: 600.5, spentOn: '2025-03-03', photos: [receipt.id] })
    expect(res.status).toBe(201)
    expect(res.body.entry).toMatchObject({ kind: 'fund', amount: 600.5, lines: ['金额：600.50 元', '购买绿植 20 盆'] })
    expect(res.body.photos.map((p: { id: number }) => p.id)).toEqual([receipt.id])
    // A resident of the 居民区 may open the receipt; a resident of another may not.
    const photoUrl = (await s.call(b3[0], 'GET', `/api/affairs/entries/${res.body.entry.key}`)).body.photos[0].url
    expect((await s.app.inject({ method: 'GET', url: photoUrl })).statusCode).toBe(200)
    expect((await s.call(b3[0], 'POST', '/api/affairs/funds', { unitId: nb, title: '我来记账', body: '不行', amount: 1, spentOn: '2025-03-03' })).status).toBe(403)
    expect((await s.call(mod, 'POST', '/api/affairs/funds', { unitId: nb, title: '未来的钱', body: '明天才花', amount: 1, spentOn: '2025-03-04' })).status).toBe(400)
    const fraction = await s.call(mod, 'POST', '/api/affairs/funds', { unitId: nb, title: '半分钱', body: '算不出来', amount: 1.005, spentOn: '2025-03-03' })
    expect(fraction.body.error).toMatchObject({ field: 'amount', message: '金额最多精确到分（两位小数）' })

    const spent = await fundSpending(s.app.db.kysely, nb, { start: '2025-01-01', end: '2025-12-31' })
    expect(spent.payments.find((p) => p.key === res.body.entry.key)).toMatchObject({ amountFen: 60050, corrected: false })
    const corrected = await s.call(mod, 'POST', `/api/affairs/entries/${res.body.entry.key}/corrections`, { body: '少算了运费', amount: 650.07 })
    expect(corrected.status).toBe(201)
    const after = await fundSpending(s.app.db.kysely, nb, { start: '2025-01-01', end: '2025-12-31' })
    expect(after.payments.find((p) => p.key === res.body.entry.key)).toMatchObject({ amountFen: 65007, corrected: true })
    expect(after.totalFen - spent.totalFen).toBe(65007 - 60050)
  })

  it('prints a notice: an A4 PDF', async () => {
    const meeting = (await ledger(b3[0])).entries.find((e) => e.kind === 'meeting' && e.link?.id === id)!
    const res = await s.app.inject({ method: 'GET', url: `/api/affairs/entries/${meeting.key}/notice`, headers: { authorization: await s.auth(b3[0]) } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    const text = res.rawPayload.toString('latin1')
    expect(text.startsWith('%PDF-')).toBe(true)
    // A4 in points, and the Chinese font embedded (subset) rather than fetched.
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/)
    expect(text).toMatch(/NotoSansSC/)
  })

  it('sums every 居民区 of the 街镇 up for its staff', async () => {
    const admin = await s.userIdOf('街道工作人员 · 长宁示范街道')
    const street = await s.unitId('长宁示范街道')
    const res = await s.call(admin, 'GET', `/api/affairs/summary?streetId=${street}&year=2025`)
    expect(res.status).toBe(200)
    const wutong = res.body.neighbourhoods.find((n: { id: number }) => n.id === nb)
    const { entries } = await ledger(b3[0], '&year=2025')
    const counted = entries.reduce<Record<string, number>>((c, e) => ({ ...c, [e.kind]: (c[e.kind] ?? 0) + 1 }), {})
    expect(wutong.entries).toEqual(counted)
    expect(res.body.neighbourhoods.map((n: { name: string }) => n.name)).toEqual(['梧桐居民区', '香樟居民区'])
    expect((await s.call(mod, 'GET', `/api/affairs/summary?streetId=${street}`)).status).toBe(403)
  })

  it('audited every committee act', async () => {
    const log = await s.app.db.kysely.selectFrom('moderation_log').select('action').where('action', 'like', 'affairs.%').where('unit_id', '=', nb).execute()
    expect(new Set(log.map((l) => l.action))).toEqual(
      new Set(['affairs.correction', 'affairs.question.answer', 'affairs.flag.answer', 'affairs.supervisor.appoint', 'affairs.supervisor.remove', 'affairs.fund']),
    )
  })
})

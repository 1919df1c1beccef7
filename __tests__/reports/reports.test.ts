import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Ledger, StreetLedger } from '../../types'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import { MATRIX_ACCOUNTS, routeMatrix, signInEach } from '../support/route-matrix'
import { ADMIN, call, fakeClock, MODERATOR, OTHER_MODERATOR, readXlsx, unitId, type Actor } from '../surveys/support'

// Each suite starts a seeded server (PostgreSQL included) and renders PDFs; a loaded machine needs time.
jest.setTimeout(60_000)

/** The text pdftotext reads out of a PDF (poppler-utils). */
function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-ledger-'))
  try {
    const file = path.join(dir, 'ledger.pdf')
    fs.writeFileSync(file, pdf)
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)

describeEachDatabase('reports: the 台账 of a 居民区 and of a 街镇', (dialect) => {
  let s: TestServer
  // Early 2027: the whole of 2026 is over, so its 台账 stands at the year's end.
  const clock = fakeClock('2027-01-10T02:00:00.000Z')
  let moderator: Actor
  let admin: Actor
  let otherModerator: Actor
  let resident: Actor
  let wutong: number
  let street: number
  let built: number
  let stuck: number

  const db = () => s.app.db.kysely
  const t = (d: string) => `2026-${d}T02:00:00.000Z`

  /** A project walked from raising to evaluation in 2026, and one left in screening, written as their tables define them. */
  async function records() {
    const building3 = await unitId(s, '3号楼', '梧桐新村')
    const insert = (title: string, state: string, created: string, extra: object = {}) =>
      db()
        .insertInto('proposals')
        .values({
          title,
          body: '台账测试',
          category: 'other',
          level: 'building',
          unit_id: building3,
          building_id: building3,
          neighbourhood_id: wutong,
          photos: '[]',
          author_id: resident.userId,
          author_building_id: building3,
          hide_building: 0,
          state,
          state_entered_at: created,
          threshold: 5,
          cosign_count: 6,
          content_status: 'visible',
          decided_offline: 1,
          created_at: created,
          updated_at: created,
          ...extra,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    built = (await insert('台账测试：3号楼雨棚更新', 'closed', t('03-01'), { budget_planned_fen: 1_200_000, budget_spent_fen: 900_050 })).id
    stuck = (await insert('台账测试：车棚照明', 'screening', t('09-01'), { state_entered_at: t('09-05'), deadline_at: t('09-12') })).id
    const steps: [number, string, string, string, object?][] = [
      [built, 'submitted', 'screening', '03-05'],
      [built, 'screening', 'accepted', '03-06'],
      [built, 'accepted', 'deliberating', '03-08'],
      [built, 'deliberating', 'approved', '03-21'],
      [built, 'approved', 'implementing', '04-01', { plannedDate: '2026-06-30', budgetPlanned: 12000 }],
      [built, 'implementing', 'completed', '06-20'],
      [built, 'completed', 'closed', '07-20'],
      [stuck, 'submitted', 'screening', '09-05'],
    ]
    for (const [id, from, to, at, details] of steps) {
      await db()
        .insertInto('proposal_transitions')
        .values({ proposal_id: id, from_state: from, to_state: to, actor_id: moderator.userId, actor_role: 'committee', details: details ? JSON.stringify(details) : null, created_at: t(at) })
        .execute()
    }
    for (const [kind, heldOn, attendance] of [['hearing', '2026-03-10', 25], ['representatives', '2026-03-21', 30]] as const) {
      await db()
        .insertInto('proposal_meetings')
        .values({ proposal_id: built, kind, held_on: heldOn, place: '活动室', attendance, minutes: '纪要', created_by: moderator.userId, created_at: `${heldOn}T08:00:00.000Z` })
        .execute()
    }
    for (const [percent, spent, at] of [[40, 500_000, '05-01'], [90, 900_050, '06-15']] as const) {
      await db()
        .insertInto('proposal_progress')
        .values({ proposal_id: built, percent, text: '施工中', photos: '[]', budget_spent_fen: spent, created_by: moderator.userId, created_at: t(at) })
        .execute()
    }
  }

  let headers: Record<string, Record<string, string>>

  beforeAll(async () => {
    s = await startServer(dialect, { overrides: { clock: clock.now } })
    moderator = await s.loginAs(MODERATOR)
    otherModerator = await s.loginAs(OTHER_MODERATOR)
    admin = await s.loginAs(ADMIN)
    resident = await s.loginAs(MATRIX_ACCOUNTS.resident)
    wutong = await unitId(s, '梧桐居民区')
    street = await unitId(s, '长宁示范街道')
    headers = await signInEach(s, MATRIX_ACCOUNTS)
    await records()
  })
  afterAll(async () => {
    await s?.close()
  })

  const ledgerOf = async (who: Actor, query = `unitId=${wutong}&period=2026`) => call(s, who, 'GET', `/api/reports?${query}`)

  it('reports a project from raising to evaluation, the overdue one, the meetings and the money', async () => {
    const res = await ledgerOf(moderator)
    expect(res.status).toBe(200)
    const l: Ledger = res.body
    expect(l.unit).toEqual({ id: wutong, name: '梧桐居民区' })
    expect(l.period).toMatchObject({ id: '2026', label: '2026年' })
    expect(l.asOf).toBe('2026-12-31T16:00:00.000Z')
    expect(l.proposals.list.find((p) => p.id === built)).toMatchObject({
      state: 'closed',
      decision: 'approved',
      raisedAt: t('03-01'),
      decidedAt: t('03-21'),
      implementedAt: t('06-20'),
      evaluatedAt: t('07-20'),
      daysOverdue: null,
    })
    expect(l.proposals.overdue.find((p) => p.id === stuck)).toMatchObject({ state: 'screening', daysOverdue: 110 })
    const stages = Object.fromEntries(l.proposals.stages.map((x) => [x.stage, x]))
    for (const stage of ['raised', 'decided', 'implemented', 'evaluated']) expect(stages[stage].count).toBeGreaterThanOrEqual(1)
    expect(l.meetings.counts.find((c) => c.kind === 'representatives')!.count).toBeGreaterThanOrEqual(1)
    expect(l.meetings.list.filter((m) => m.proposalId === built).map((m) => [m.kindName, m.heldOn, m.attendance])).toEqual([
      ['听证会', '2026-03-10', 25],
      ['居民代表会议', '2026-03-21', 30],
    ])
    expect(l.money.lines.find((m) => m.ref.id === built)).toMatchObject({ source: 'project', planned: 12000, spent: 9000.5, spentInPeriod: 9000.5 })
    expect(l.participation.households).toBeGreaterThan(0)
    expect(l.participation.verifiedRate).toBe(Math.round((l.participation.verifiedHouseholds / l.participation.households) * 10_000) / 10_000)
    expect(l.index).toMatchObject({ period: { id: '2026' }, max: 100 })
    expect(l.index.items[0]).toMatchObject({ level: '总分', points: l.index.total })

    // A quarter holds only its own steps: in 2026-Q2 the project was completed, not raised.
    const q2: Ledger = (await ledgerOf(moderator, `unitId=${wutong}&period=2026-Q2`)).body
    expect(q2.proposals.list.find((p) => p.id === built)).toMatchObject({ state: 'completed', evaluatedAt: null })
    expect(q2.money.lines.find((m) => m.ref.id === built)).toMatchObject({ spent: 9000.5, spentInPeriod: 9000.5 })
    expect(q2.index.period.id).toBe('2026H1')
  })

  it('downloads the 台账 as a workbook whose sheets hold the API figures as numbers and dates', async () => {
    const l: Ledger = (await ledgerOf(moderator)).body
    const x = await call(s, moderator, 'GET', `/api/reports/download?unitId=${wutong}&period=2026&format=xlsx`)
    expect(x.status).toBe(200)
    expect(x.headers['content-type']).toContain('spreadsheetml')
    expect(x.headers['content-disposition']).toContain(`filename="ledger-${wutong}-2026.xlsx"`)
    const book = await readXlsx(x.raw)
    expect(Object.keys(book)).toEqual(['会议统计', '会议明细', '提案进度', '提案明细', '居民参与', '投票', '问卷', '资金', '评估指标'])
    expect(book['会议统计'].map((r) => [r['会议类型'], r['次数'], r['参加人次']])).toEqual(l.meetings.counts.map((c) => [c.name, c.count, c.attendance]))
    expect(book['提案进度'].map((r) => [r['阶段'], r['本期件数'], r['中位天数']])).toEqual(l.proposals.stages.map((x) => [x.name, x.count, x.medianDays]))
    const row = book['提案明细'].find((r) => r['编号'] === built)!
    expect(row['提出日期']).toBeInstanceOf(Date)
    expect([row['提出日期'], row['决定日期'], row['实施完成'], row['评议结项']].map(day)).toEqual(['2026-03-01', '2026-03-21', '2026-06-20', '2026-07-20'])
    expect(book['提案明细'].find((r) => r['编号'] === stuck)!['超期天数']).toBe(110)
    expect(book['提案明细']).toHaveLength(l.proposals.list.length)
    const participation = Object.fromEntries(book['居民参与'].map((r) => [r['项目'], r]))
    expect(participation['已认证户 / 总户数']).toMatchObject({ 数量: l.participation.verifiedHouseholds, 总数: l.participation.households, 比例: l.participation.verifiedRate })
    expect(participation['附议人次']['数量']).toBe(l.participation.cosigns)
    expect(participation['议事厅发言']['数量']).toBe(l.participation.posts)
    const money = book['资金']
    expect(money.find((r) => r['项目'] === `#${built} 台账测试：3号楼雨棚更新`)).toMatchObject({ 来源: '提案项目', '预算（元）': 12000, '累计支出（元）': 9000.5 })
    expect(money[money.length - 1]).toMatchObject({ 来源: '合计', '预算（元）': l.money.planned, '累计支出（元）': l.money.spent, '本期支出（元）': l.money.spentInPeriod })
    expect(book['评估指标'][0]).toMatchObject({ 层级: '总分', 得分: l.index.total, 满分: 100 })
    expect(book['评估指标']).toHaveLength(l.index.items.length)
  })

  it('renders the PDF with Chinese headings and the figures', async () => {
    const l: Ledger = (await ledgerOf(moderator)).body
    const res = await call(s, moderator, 'GET', `/api/reports/download?unitId=${wutong}&period=2026&format=pdf`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.raw.subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(res.raw)
    for (const heading of ['梧桐居民区工作台账', '2026年', '一、会议召开情况', '二、提案办理情况', '三、居民参与情况', '四、资金使用情况', '五、评估指标', '居民代表会议', '数据截至 2026-12-31']) {
      expect(text).toContain(heading)
    }
    expect(text).toContain('台账测试：3号楼雨棚更新')
    expect(text).toContain('9,000.50')
    expect(text).toContain(l.money.spent.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }))
    expect(text).toContain(`${l.index.total} / 100`)
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/)
  })

  it('logs each download as a staff act', async () => {
    await call(s, moderator, 'GET', `/api/reports/download?unitId=${wutong}&period=2026-H1&format=xlsx`)
    const logged = await db().selectFrom('moderation_log').selectAll().where('action', '=', 'report.download').where('reason', '=', '2026年上半年 xlsx').execute()
    expect(logged).toEqual([expect.objectContaining({ actor_id: moderator.userId, target_type: 'report', target_id: wutong, unit_id: wutong })])
    const log = await call(s, moderator, 'GET', `/api/moderation/log?unitId=${wutong}`)
    expect(log.status).toBe(200)
    expect(JSON.stringify(log.body)).toContain('下载台账')
  })

  it('refuses residents and the staff of another 居民区, and a period it cannot read', async () => {
    expect((await ledgerOf(resident)).status).toBe(403)
    expect((await ledgerOf(otherModerator)).status).toBe(403)
    expect((await call(s, otherModerator, 'GET', `/api/reports/download?unitId=${wutong}&period=2026&format=pdf`)).status).toBe(403)
    expect((await ledgerOf(admin)).status).toBe(200)
    const bad = await ledgerOf(moderator, `unitId=${wutong}&period=2026-13`)
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('period')
    // A 街镇 is not a 居民区.
    expect((await ledgerOf(admin, `unitId=${street}&period=2026`)).status).toBe(400)
    // Without a unit, a committee gets its own 居民区.
    expect((await ledgerOf(moderator, 'period=2026-05')).body.unit.id).toBe(wutong)
  })

  it('gives the 街镇 every 居民区 side by side, in JSON and in the workbook', async () => {
    const res = await call(s, admin, 'GET', `/api/reports/street?unitId=${street}&period=2026`)
    expect(res.status).toBe(200)
    const st: StreetLedger = res.body
    expect(st.neighbourhoods.map((n) => n.name)).toEqual(expect.arrayContaining(['梧桐居民区', '香樟居民区']))
    const i = st.neighbourhoods.findIndex((n) => n.id === wutong)
    const mine: Ledger = (await ledgerOf(admin)).body
    expect(st.ledgers[i].money).toEqual(mine.money)
    const row = (key: string) => st.rows.find((r) => r.key === key)!
    expect(row('money.spent').values[i]).toBe(mine.money.spent)
    expect(row('index.total').values[i]).toBe(mine.index.total)

    const x = await call(s, admin, 'GET', `/api/reports/street/download?unitId=${street}&period=2026&format=xlsx`)
    expect(x.status).toBe(200)
    const book = await readXlsx(x.raw)
    const compare = book['各居民区对比']
    expect(compare).toHaveLength(st.rows.length)
    for (const [r, figure] of st.rows.entries()) {
      expect(compare[r]['项目']).toBe(figure.name)
      st.neighbourhoods.forEach((n, j) => expect(compare[r][n.name]).toBe(figure.values[j]))
    }
    expect(book['资金'].filter((r) => r['居民区'] === '梧桐居民区')).toHaveLength(mine.money.lines.length + 1)
    const pdf = await call(s, admin, 'GET', `/api/reports/street/download?unitId=${street}&period=2026&format=pdf`)
    expect(pdf.status).toBe(200)
    const text = pdfText(pdf.raw)
    expect(text).toContain('长宁示范街道各居民区工作台账')
    expect(text).toContain('香樟居民区')

    expect((await call(s, moderator, 'GET', `/api/reports/street?unitId=${street}&period=2026`)).status).toBe(403)
    expect((await call(s, admin, 'GET', `/api/reports/street?unitId=${wutong}&period=2026`)).status).toBe(400)
  })

  describe('permissions', () => {
    const nb = () => `unitId=${wutong}&period=2026-05`
    const st = () => `unitId=${street}&period=2026-05`
    routeMatrix({
      app: () => s.app,
      ids: () => null,
      roles: ['anonymous', 'unverified', 'resident', 'moderator', 'otherModerator', 'admin'] as const as unknown as ('anonymous' | keyof typeof MATRIX_ACCOUNTS)[],
      headers: (role) => headers[role],
      prefixes: ['/api/reports'],
      cases: [
        { method: 'GET', route: '/api/reports', url: () => `/api/reports?${nb()}`, expect: { anonymous: 401, unverified: 403, resident: 403, moderator: 'ok', otherModerator: 403, admin: 'ok' } },
        { method: 'GET', route: '/api/reports/download', url: () => `/api/reports/download?${nb()}&format=xlsx`, expect: { anonymous: 401, unverified: 403, resident: 403, moderator: 'ok', otherModerator: 403, admin: 'ok' } },
        { method: 'GET', route: '/api/reports/street', url: () => `/api/reports/street?${st()}`, expect: { anonymous: 401, unverified: 403, resident: 403, moderator: 403, otherModerator: 403, admin: 'ok' } },
        { method: 'GET', route: '/api/reports/street/download', url: () => `/api/reports/street/download?${st()}&format=xlsx`, expect: { anonymous: 401, unverified: 403, resident: 403, moderator: 403, otherModerator: 403, admin: 'ok' } },
      ],
    })
  })
})

import { INSTRUMENTS } from '../../src/scoring'
import type { IndexLeafResult, IndexNodeResult } from '../../src/scoring'
import type { IndexReport } from '../../types'
import { currentYear } from '../../types/period'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import { ADMIN, call, checkPaperBatches, csvObjects, DAY, fakeClock, MODERATOR, OTHER_MODERATOR, readXlsx, unitId, verifiedResidents, loginUser, type Actor } from '../surveys/support'

// Each suite starts a seeded server (PostgreSQL included); a loaded machine needs more than jest's 5 s.
jest.setTimeout(30_000)

function leaf(report: IndexReport, id: string): IndexLeafResult {
  const find = (nodes: IndexNodeResult[]): IndexLeafResult | undefined => {
    for (const n of nodes) {
      if (n.id === id && 'kind' in n) return n
      if ('children' in n) {
        const found = find(n.children)
        if (found) return found
      }
    }
    return undefined
  }
  const found = find(report.result.children)
  if (!found) throw new Error(`no leaf ${id}`)
  return found
}

const ITEMS = { satisfaction: 4, awareness: 1, belonging: 5 } as const
const answersFor = (values: Partial<Record<keyof typeof INSTRUMENTS, number>>) =>
  Object.entries(values).flatMap(([ins, v]) => INSTRUMENTS[ins as keyof typeof INSTRUMENTS].items.map((i) => ({ questionId: i.id, value: v })))

describeEachDatabase('indicators: the index from questionnaires, platform records and manual entries', (dialect) => {
  let s: TestServer
  const clock = fakeClock('2030-03-02T02:00:00.000Z')
  let moderator: Actor
  let otherModerator: Actor
  let admin: Actor
  let resident: Actor
  let xiangzhangResident: Actor
  let wutong: number
  let building3: number
  let anhe1: number
  let firstWave: number

  const db = () => s.app.db.kysely

  /** A survey of the 居民区 with the given instruments: `app` residents answer in the app, `paper` entries on paper. */
  async function wave(instruments: (keyof typeof INSTRUMENTS)[], values: Partial<Record<keyof typeof INSTRUMENTS, number>>, paper: number, app: Actor[] = []) {
    const created = await call(s, moderator, 'POST', '/api/surveys', { unitId: wutong, instruments, closesAt: new Date(clock.now().getTime() + 7 * DAY).toISOString() })
    expect(created.status).toBe(201)
    const id = created.body.id as number
    expect((await call(s, moderator, 'POST', `/api/surveys/${id}/publish`)).status).toBe(200)
    for (const who of app) expect((await call(s, who, 'POST', `/api/surveys/${id}/responses`, { answers: answersFor(values) })).status).toBe(201)
    for (let i = 0; i < paper; i++) {
      const res = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: i % 2 ? building3 : anhe1, answers: answersFor(values) })
      expect(res.status).toBe(201)
    }
    // The 街镇 checks the committee's paper against the questionnaires.
    await checkPaperBatches(s, admin, id)
    return id
  }

  /** Closes a wave; the 街镇, having seen the paper, confirms it for the index. */
  const close = async (id: number) => {
    clock.advance(DAY)
    expect((await call(s, moderator, 'POST', `/api/surveys/${id}/close`)).status).toBe(200)
    expect((await call(s, admin, 'POST', `/api/surveys/${id}/paper-confirmation`)).status).toBe(200)
  }

  const index = async (who: Actor, query = `unitId=${wutong}&period=2030`) => call(s, who, 'GET', `/api/indicators?${query}`)

  /** Records of the other modules in 2030, written as their tables define them. */
  async function platformRecords() {
    const t = (day: string) => `2030-${day}T03:00:00.000Z`
    const nbOf = wutong
    const p = await db()
      .insertInto('proposals')
      .values({
        title: '3号楼加装电梯',
        body: '希望加装电梯',
        category: 'elevator',
        level: 'building',
        unit_id: building3,
        building_id: building3,
        neighbourhood_id: nbOf,
        photos: '[]',
        author_id: resident.userId,
        author_building_id: building3,
        hide_building: 0,
        state: 'implementing',
        state_entered_at: t('02-20'),
        threshold: 5,
        cosign_count: 6,
        content_status: 'visible',
        decided_offline: 0,
        created_at: t('01-10'),
        updated_at: t('02-20'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db().insertInto('proposal_transitions').values({ proposal_id: p.id, from_state: 'screening', to_state: 'accepted', actor_id: moderator.userId, actor_role: 'committee', created_at: t('01-20') }).execute()
    await db()
      .insertInto('proposal_meetings')
      .values({ proposal_id: p.id, kind: 'hearing', held_on: '2030-02-01', place: '活动室', attendance: 20, minutes: '听证', created_by: moderator.userId, created_at: t('02-01') })
      .execute()
    await db().insertInto('proposal_progress').values({ proposal_id: p.id, percent: 30, text: '已开工', photos: '[]', created_by: moderator.userId, created_at: t('02-21') }).execute()
    await db()
      .insertInto('proposal_evaluations')
      .values({ proposal_id: p.id, user_id: resident.userId, author_label: '3号楼居民', rating: 4, content_status: 'visible', created_at: t('02-25'), updated_at: t('02-25') })
      .execute()
    const topic = async (unit: number, concluded: boolean) =>
      (
        await db()
          .insertInto('topics')
          .values({
            unit_id: unit,
            neighbourhood_id: nbOf,
            question: '议题',
            background: '',
            state: concluded ? 'concluded' : 'open',
            pending: 0,
            summary: concluded ? '议定：分两期施工' : null,
            concluded_at: concluded ? t('02-10') : null,
            opened_by: moderator.userId,
            post_count: 1,
            created_at: t('01-15'),
            updated_at: t('02-10'),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const building = await topic(building3, true)
    await topic(nbOf, false)
    await db()
      .insertInto('posts')
      .values({
        topic_id: building,
        author_id: resident.userId,
        author_label: '3号楼居民',
        author_is_staff: 0,
        official: 0,
        body: '同意',
        photos: '[]',
        status: 'published',
        open_reports: 0,
        like_count: 0,
        reply_count: 0,
        created_at: t('01-16'),
      })
      .execute()
  }

  beforeAll(async () => {
    s = await startServer(dialect, { overrides: { clock: clock.now } })
    moderator = await s.loginAs(MODERATOR)
    otherModerator = await s.loginAs(OTHER_MODERATOR)
    admin = await s.loginAs(ADMIN)
    resident = await s.loginAs('居民代表 · 梧桐新村3号楼（已认证）')
    xiangzhangResident = await s.loginAs('居民代表 · 香樟苑1号楼（已认证）')
    wutong = await unitId(s, '梧桐居民区')
    building3 = await unitId(s, '3号楼', '梧桐新村')
    anhe1 = await unitId(s, '1号楼', '安和花园')
    const others = (await verifiedResidents(s, '梧桐居民区')).filter((r) => r.userId !== resident.userId).slice(0, 2)
    const app = [resident, ...(await Promise.all(others.map((r) => loginUser(s, r.userId))))]
    // 3 in the app + 9 on paper; satisfaction 4 of 5 (75%), awareness all known, belonging 5 of 5.
    firstWave = await wave(['satisfaction', 'awareness', 'belonging'], ITEMS, 9, app)
    await close(firstWave)
    await platformRecords()
  })
  afterAll(() => s.close())

  it('scores the questionnaire items from the latest closed wave', async () => {
    const res = await index(moderator)
    expect(res.status).toBe(200)
    const r: IndexReport = res.body
    expect(r.unit).toEqual({ id: wutong, name: '梧桐居民区' })
    expect(r.period).toEqual({ id: '2030', label: '2030年', start: '2030-01-01', end: '2030-12-31' })
    expect(r.definition.id).toBe('changning_2022')
    expect(leaf(r, 'satisfaction')).toMatchObject({ points: 7.5, source: 'questionnaire', missing: false, provisional: true })
    expect(leaf(r, 'awareness')).toMatchObject({ points: 10, source: 'questionnaire' })
    // 8 of 9 items at the top; the ninth (想搬离) is reversed, so answering 5 there scores 0.
    expect(leaf(r, 'belonging')).toMatchObject({ points: 8.89, source: 'questionnaire' })
    expect(leaf(r, 'satisfaction').explanation).toContain('有效问卷 12 份')
    expect(r.provenance.satisfaction).toMatchObject({ used: 'questionnaire', questionnaire: { surveyId: firstWave, n: 12, points: 7.5, status: 'insufficient_sample' } })
    expect(leaf(r, 'party_cohesion')).toMatchObject({ points: 0, missing: true })
    expect(r.provenance.party_cohesion.used).toBeNull()
  })

  it('takes the platform evidence from its own records', async () => {
    const r: IndexReport = (await index(moderator)).body
    // 20 demo households verified of 470: 4.3%, under the lowest band.
    expect(r.provenance.online_venue).toMatchObject({ used: 'platform', platform: { value: 20 / 470 } })
    expect(leaf(r, 'online_venue')).toMatchObject({ points: 0, source: 'platform', missing: false })
    expect(leaf(r, 'online_venue').explanation).toContain('4.3%')
    for (const id of ['proposal_mechanism', 'supervision_mechanism', 'evaluation_mechanism', 'consultation_mechanism', 'needs_survey_mechanism']) {
      expect([id, leaf(r, id).points, leaf(r, id).source]).toEqual([id, 1, 'platform'])
    }
    expect(r.provenance.proposal_mechanism.platform!.detail).toBe('本期居民提案 1 件，立项 1 件')
    // 电子问卷 and 小程序: two channels, 0.5 each.
    expect(leaf(r, 'online_needs_survey')).toMatchObject({ points: 1, source: 'platform' })
    const platform = leaf(r, 'consultation_platform')
    // The library gives a sum leaf 'mixed' when a missing part defaults to another source; the provenance says what fed it.
    expect(platform).toMatchObject({ points: 3, missing: true, provisional: true, missingParts: ['platform_committee'] })
    expect(r.provenance.consultation_platform.used).toBe('platform')
    expect(r.provenance.consultation_platform.parts!.platform_evidence.platform!.value).toEqual({ online_hall: true, three_meetings: true, open_process: true })
    // Nothing the platform cannot see is asserted.
    expect(r.provenance.member_registration).toEqual({ leafId: 'member_registration', used: null })
    // Each platform item cites the 居务公开 entries behind it.
    const meeting = await db().selectFrom('proposal_meetings').select(['id', 'proposal_id']).where('held_on', '=', '2030-02-01').executeTakeFirstOrThrow()
    expect(r.provenance.proposal_mechanism.platform!.ledger).toEqual([`meeting-${meeting.id}`])
    expect(r.provenance.evaluation_mechanism.platform!.ledger).toContain(`evaluation-${meeting.proposal_id}`)
    expect(r.provenance.consultation_platform.parts!.platform_evidence.platform!.ledger).toEqual([`meeting-${meeting.id}`])
  })

  it('lets only the 街镇 enter manual inputs, checked by the scoring library', async () => {
    const count = async () => (await db().selectFrom('indicator_inputs').select('id').where('period', '=', '2030').execute()).length
    const body = { unitId: wutong, period: '2030', inputs: { member_registration: 0.9 } }
    expect((await call(s, moderator, 'PUT', '/api/indicators/inputs', body)).status).toBe(403)
    expect((await call(s, otherModerator, 'PUT', '/api/indicators/inputs', body)).status).toBe(403)
    expect((await call(s, resident, 'PUT', '/api/indicators/inputs', body)).status).toBe(403)
    const rate = await call(s, admin, 'PUT', '/api/indicators/inputs', { ...body, inputs: { member_registration: 1.2 } })
    expect(rate.status).toBe(400)
    expect(rate.body.error.field).toBe('inputs.member_registration')
    expect(rate.body.error.message).toBe('党员报到：比例应在 0–1 之间，收到 1.2')
    const unknown = await call(s, admin, 'PUT', '/api/indicators/inputs', { ...body, inputs: { member_registraton: 0.9 } })
    expect(unknown.body.error).toMatchObject({ code: 'invalid_input', field: 'inputs.member_registraton' })
    const questionnaire = await call(s, admin, 'PUT', '/api/indicators/inputs', { ...body, inputs: { satisfaction: { score: 1 } } })
    expect(questionnaire.status).toBe(400)
    const part = await call(s, admin, 'PUT', '/api/indicators/inputs', { ...body, inputs: { autonomy_teams: { teams_participation: 4 } } })
    expect(part.body.error.field).toBe('inputs.autonomy_teams.teams_participation')
    expect(await count()).toBe(0)
  })

  it('uses the admin entries beside the other sources and records who and when', async () => {
    clock.set('2030-04-01T02:00:00.000Z')
    const res = await call(s, admin, 'PUT', '/api/indicators/inputs', {
      unitId: wutong,
      period: '2030',
      note: '街道评估组',
      inputs: {
        member_registration: 0.9,
        five_social_linkage: 4.5,
        project_count: { value: 13, peerAverage: 10 },
        consultation_platform: { platform_committee: 2 },
        online_venue: 0.55,
        // A questionnaire leaf with no wave in the period: the entry is used.
        party_cohesion: 0.6,
        // One with a wave: the wave wins.
        satisfaction: 0.2,
      },
    })
    expect(res.status).toBe(200)
    const r: IndexReport = res.body
    expect(leaf(r, 'member_registration')).toMatchObject({ points: 3, source: 'manual' })
    expect(leaf(r, 'five_social_linkage')).toMatchObject({ points: 4.5, source: 'manual' })
    expect(leaf(r, 'project_count')).toMatchObject({ points: 3, source: 'manual' })
    expect(leaf(r, 'consultation_platform')).toMatchObject({ points: 5, source: 'mixed', missing: false, provisional: true })
    expect(r.provenance.consultation_platform.used).toBe('mixed')
    expect(leaf(r, 'online_venue')).toMatchObject({ points: 3, source: 'manual' })
    expect(r.provenance.online_venue).toMatchObject({ used: 'manual', platform: { value: 20 / 470 }, manual: { value: 0.55, note: '街道评估组', enteredAt: '2030-04-01T02:00:00.000Z' } })
    expect(r.provenance.online_venue.manual!.enteredBy).toEqual({ id: admin.userId, label: `长宁示范街道工作人员 #${admin.userId}` })
    expect(leaf(r, 'party_cohesion')).toMatchObject({ points: 3, source: 'manual' })
    expect(leaf(r, 'satisfaction')).toMatchObject({ points: 7.5, source: 'questionnaire' })
    expect(r.provenance.satisfaction.manual!.value).toBe(0.2)
    expect(r.result.missing).not.toContain('member_registration')
    expect(r.result.provisional).toEqual(expect.arrayContaining(['consultation_platform', 'satisfaction']))

    const rows = await db().selectFrom('indicator_inputs').selectAll().where('period', '=', '2030').orderBy('id').execute()
    expect(rows.map((x) => x.leaf_id)).toEqual([
      'member_registration',
      'five_social_linkage',
      'project_count',
      'consultation_platform.platform_committee',
      'online_venue',
      'party_cohesion',
      'satisfaction',
    ])
    expect(rows.every((x) => x.entered_by === admin.userId && x.entered_at === '2030-04-01T02:00:00.000Z' && x.unit_id === wutong)).toBe(true)
    const log = await db().selectFrom('moderation_log').selectAll().where('action', '=', 'indicator.input').execute()
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ actor_id: admin.userId, unit_id: wutong, target_type: 'indicator_input' })
  })

  it('keeps the history; the latest entry wins and null clears', async () => {
    clock.set('2030-04-02T02:00:00.000Z')
    const res = await call(s, admin, 'PUT', '/api/indicators/inputs', { unitId: wutong, period: '2030', inputs: { member_registration: 0.85, five_social_linkage: null } })
    expect(res.status).toBe(200)
    expect(leaf(res.body, 'member_registration')).toMatchObject({ points: 2, source: 'manual' })
    expect(leaf(res.body, 'five_social_linkage')).toMatchObject({ points: 0, missing: true })
    const history = await call(s, moderator, 'GET', `/api/indicators/inputs?unitId=${wutong}&period=2030`)
    expect(history.status).toBe(200)
    const reg = history.body.items.filter((e: { leafId: string }) => e.leafId === 'member_registration')
    expect(reg.map((e: { value: number; current: boolean; enteredAt: string }) => [e.value, e.current, e.enteredAt])).toEqual([
      [0.85, true, '2030-04-02T02:00:00.000Z'],
      [0.9, false, '2030-04-01T02:00:00.000Z'],
    ])
    expect(reg[0]).toMatchObject({ leafName: '党员报到', enteredBy: { id: admin.userId } })
    expect(history.body.items.find((e: { leafId: string }) => e.leafId === 'consultation_platform.platform_committee').leafName).toBe('协商平台 · 评议小组打分')
  })

  it('compares with the previous period', async () => {
    const r: IndexReport = (await index(moderator)).body
    expect(r.previous.period).toEqual({ id: '2029', label: '2029年', start: '2029-01-01', end: '2029-12-31' })
    expect(r.previous.result.total).toBe(0)
    const total = r.deltas[0]
    expect(total).toEqual({ id: 'changning_2022', name: '总分', depth: 0, points: r.result.total, previousPoints: 0, delta: r.result.total })
    expect(r.deltas.find((d) => d.id === 'satisfaction')).toMatchObject({ depth: 3, points: 7.5, previousPoints: 0, delta: 7.5 })
    expect(r.radar.map((p) => [p.id, p.max])).toEqual([
      ['party_leadership', 15],
      ['participants', 25],
      ['support', 20],
      ['effectiveness', 40],
    ])
    expect(r.radar.reduce((sum, p) => sum + p.points, 0)).toBeCloseTo(r.result.total, 6)
    // Half-years: March is in H1, compared with 2029H2.
    const half: IndexReport = (await index(moderator, `unitId=${wutong}&period=2030H1`)).body
    expect(half.period).toMatchObject({ id: '2030H1', start: '2030-01-01', end: '2030-06-30' })
    expect(half.previous.period.id).toBe('2029H2')
    expect(leaf(half, 'satisfaction').points).toBe(7.5)
    // Manual entries belong to their period.
    expect(leaf(half, 'member_registration').missing).toBe(true)
  })

  it('follows the latest closed wave: a new wave changes the index only once closed, and only with 10 or more answers', async () => {
    const newer = await wave(['belonging'], { belonging: 1 }, 10)
    expect(leaf((await index(moderator)).body, 'belonging').points).toBe(8.89)
    await close(newer)
    const after: IndexReport = (await index(moderator)).body
    expect(leaf(after, 'belonging')).toMatchObject({ points: 1.11, source: 'questionnaire' })
    expect(after.provenance.belonging.questionnaire!.surveyId).toBe(newer)
    expect(after.provenance.satisfaction.questionnaire!.surveyId).toBe(firstWave)
    // Nine answers are too few to publish: the index keeps the wave before.
    const small = await wave(['belonging'], { belonging: 3 }, 9)
    await close(small)
    expect((await index(moderator)).body.provenance.belonging.questionnaire.surveyId).toBe(newer)
  })

  it('refuses residents, other committees, bad units and bad periods', async () => {
    expect((await index(resident)).status).toBe(403)
    expect((await index(otherModerator)).status).toBe(403)
    expect((await index(admin)).status).toBe(200)
    const bad = await index(moderator, `unitId=${building3}&period=2030`)
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('unitId')
    const period = await index(moderator, `unitId=${wutong}&period=2030H3`)
    expect(period.status).toBe(400)
    expect(period.body.error).toEqual({ code: 'invalid_input', message: '评估期填写有误', field: 'period' })
    // Without a unit, a moderator gets their own 居民区 and the current year.
    const mine: IndexReport = (await index(moderator, '')).body
    expect(mine.unit.id).toBe(wutong)
    expect(mine.period.id).toBe('2030')
  })

  it('exports the index as xlsx and CSV with the figures', async () => {
    const r: IndexReport = (await index(moderator)).body
    const x = await call(s, moderator, 'GET', `/api/indicators/export?format=xlsx&unitId=${wutong}&period=2030`)
    expect(x.status).toBe(200)
    expect(x.headers['content-disposition']).toContain(`filename="index-${wutong}-2030.xlsx"`)
    const book = await readXlsx(x.raw)
    expect(Object.keys(book)).toEqual(['评估指标', '一级指标'])
    const rows = book['评估指标']
    expect(rows[0]).toMatchObject({ 编号: 'changning_2022', 层级: '总分', 满分: 100, 得分: r.result.total, 上期得分: 0 })
    expect(rows.find((x) => x['编号'] === 'satisfaction')).toMatchObject({ 层级: '三级指标', 得分: 7.5, 来源: '问卷', 暂定: '是' })
    expect(rows.find((x) => x['编号'] === 'online_venue')).toMatchObject({ 得分: 3, 来源: '手工录入' })
    expect(String(rows.find((x) => x['编号'] === 'online_venue')!['手工录入'])).toMatch(/^长宁示范街道工作人员 2030-04-01：街道评估组$/)
    expect(rows.find((x) => x['编号'] === 'platform_committee')).toMatchObject({ 层级: '分项', 得分: 2, 来源: '手工录入' })
    expect(book['一级指标'].map((x) => x['满分'])).toEqual([15, 25, 20, 40])

    const c = await call(s, moderator, 'GET', `/api/indicators/export?format=csv&unitId=${wutong}&period=2030`)
    expect(c.status).toBe(200)
    const csv = csvObjects(c.raw.toString('utf8'))
    expect(csv[0]['得分']).toBe(String(r.result.total))
    expect(csv.find((x) => x['编号'] === 'member_registration')).toMatchObject({ 得分: '2', 来源: '手工录入', 缺少数据: '否' })
    expect(csv.find((x) => x['编号'] === 'party_cohesion')!['计分说明']).toContain('问卷得分率 60.0%')
    expect(csv).toHaveLength(rows.length)
    expect((await call(s, resident, 'GET', `/api/indicators/export?format=csv&unitId=${wutong}&period=2030`)).status).toBe(403)
  })

  it('shows residents the last wave and what the committee did (公开机制)', async () => {
    await call(s, moderator, 'POST', `/api/surveys/${firstWave}/response-note`, { text: '已增加夜间保洁' })
    const res = await call(s, resident, 'GET', '/api/indicators/summary')
    expect(res.status).toBe(200)
    expect(res.body.unit).toEqual({ id: wutong, name: '梧桐居民区' })
    // The latest closed questionnaire wave is the 9-answer one: its score is withheld.
    expect(res.body.wave.responses).toBe(9)
    expect(res.body.wave.scores).toEqual([
      { instrumentId: 'belonging', name: '归属感', max: 10, points: null, interval: null, n: 9, status: 'suppressed', previousPoints: 1.11 },
    ])
    expect((await call(s, xiangzhangResident, 'GET', `/api/indicators/summary?unitId=${wutong}`)).status).toBe(403)
    expect((await call(s, xiangzhangResident, 'GET', '/api/indicators/summary')).body).toEqual({ unit: { id: await unitId(s, '香樟居民区'), name: '香樟居民区' }, wave: null })
  })
})

describeEachDatabase('indicators: the demo seed', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect)
  })
  afterAll(() => s.close())

  it('shows a populated index from all three sources for this year', async () => {
    const moderator = await s.loginAs(MODERATOR)
    const wutong = await unitId(s, '梧桐居民区')
    const res = await call(s, moderator, 'GET', `/api/indicators?unitId=${wutong}&period=${currentYear(new Date())}`)
    expect(res.status).toBe(200)
    const r: IndexReport = res.body
    expect(leaf(r, 'satisfaction').source).toBe('questionnaire')
    expect(r.provenance.satisfaction.questionnaire!.n).toBe(60)
    expect(leaf(r, 'member_registration')).toMatchObject({ source: 'manual', points: 2 })
    expect(leaf(r, 'online_venue').source).toBe('platform')
    expect(r.result.total).toBeGreaterThan(40)
    expect(r.previous.result.total).toBeGreaterThan(0)
    const summary = await call(s, await s.loginAs('居民代表 · 梧桐新村3号楼（已认证）'), 'GET', '/api/indicators/summary')
    expect(summary.body.wave.responses).toBe(60)
    expect(summary.body.wave.scores).toHaveLength(5)
    expect(summary.body.wave.scores.every((x: { points: number | null; previousPoints: number | null }) => x.points !== null && x.previousPoints !== null)).toBe(true)
    expect(summary.body.wave.responseNote.text).toContain('停车')
    const open = await call(s, await s.loginAs('居民 · 安和花园1号楼（已认证）'), 'GET', '/api/surveys?open=1')
    expect(open.body.items.map((i: { title: string; canAnswer: boolean }) => [i.title, i.canAnswer])).toEqual([['加装电梯和小区改善意见征集', true]])
  })
})

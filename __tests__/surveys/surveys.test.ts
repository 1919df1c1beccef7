import { INSTRUMENTS, scoreInstrument } from '../../src/scoring'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import {
  ADMIN,
  call,
  checkPaperBatches,
  csvObjects,
  DAY,
  fakeClock,
  loginUser,
  MODERATOR,
  OTHER_MODERATOR,
  readXlsx,
  unitId,
  verifiedResidents,
  type Actor,
} from './support'

// Each suite starts a seeded server (PostgreSQL included); a loaded machine needs more than jest's 5 s.
jest.setTimeout(30_000)

const ANNUAL_ITEMS = 7 + 7 + 9 + 7 + 7

describeEachDatabase('surveys: create, publish, answer, paper, close, results, export', (dialect) => {
  let s: TestServer
  const clock = fakeClock()
  let moderator: Actor
  let otherModerator: Actor
  let admin: Actor
  let resident: Actor // 居民代表 · 梧桐新村3号楼
  let neighbour: Actor // another 3号楼 resident
  let anhe: Actor // 安和花园1号楼
  let unverified: Actor
  let pending: Actor
  let xiangzhang: Actor
  let wutong: number
  let building3: number
  let anhe1: number
  let anhe2: number

  beforeAll(async () => {
    s = await startServer(dialect, { overrides: { clock: clock.now } })
    moderator = await s.loginAs(MODERATOR)
    otherModerator = await s.loginAs(OTHER_MODERATOR)
    admin = await s.loginAs(ADMIN)
    resident = await s.loginAs('居民代表 · 梧桐新村3号楼（已认证）')
    unverified = await s.loginAs('居民 · 梧桐新村1号楼（未认证）')
    pending = await s.loginAs('居民 · 梧桐新村3号楼（待审核）')
    xiangzhang = await s.loginAs('居民代表 · 香樟苑1号楼（已认证）')
    wutong = await unitId(s, '梧桐居民区')
    building3 = await unitId(s, '3号楼', '梧桐新村')
    anhe1 = await unitId(s, '1号楼', '安和花园')
    anhe2 = await unitId(s, '2号楼', '安和花园')
    const residents = await verifiedResidents(s, '梧桐居民区')
    neighbour = await loginUser(s, residents.find((r) => r.buildingId === building3 && r.userId !== resident.userId)!.userId)
    anhe = await loginUser(s, residents.find((r) => r.buildingId === anhe1)!.userId)
  })
  afterAll(() => s.close())

  const rows = async (table: 'survey_responses' | 'survey_participation', surveyId: number) =>
    s.app.db.kysely.selectFrom(table).selectAll().where('survey_id', '=', surveyId).execute()

  describe('the annual survey from its template', () => {
    let id: number

    it('lists the templates with their length', async () => {
      const res = await call(s, moderator, 'GET', '/api/surveys/templates')
      expect(res.status).toBe(200)
      const annual = res.body.templates.find((t: { id: string }) => t.id === 'annual')
      expect(annual).toMatchObject({ title: '年度居民感受调查', questionCount: ANNUAL_ITEMS, estimatedMinutes: 5 })
      expect(annual.instruments).toEqual(['awareness', 'satisfaction', 'belonging', 'cohesion', 'atmosphere'])
      expect(res.body.templates.map((t: { id: string }) => t.id)).toEqual(['annual', 'cohesion', 'atmosphere', 'awareness', 'satisfaction', 'belonging', 'blank'])
    })

    it('creates a draft from the template, linked to the instrument items', async () => {
      const res = await call(s, moderator, 'POST', '/api/surveys', {
        unitId: wutong,
        template: 'annual',
        closesAt: new Date(clock.now().getTime() + 10 * DAY).toISOString(),
        questions: [{ type: 'text', text: '您对小区还有什么建议？' }],
      })
      expect(res.status).toBe(201)
      id = res.body.id
      expect(res.body).toMatchObject({ state: 'draft', status: 'draft', title: '年度居民感受调查', unitId: wutong, neighbourhoodId: wutong, canManage: true })
      expect(res.body.questions).toHaveLength(ANNUAL_ITEMS + 1)
      expect(res.body.questions[0]).toMatchObject({ id: 'awa_1', type: 'likert', instrumentId: 'awareness', required: true })
      expect(res.body.questions[0].scale).toEqual(INSTRUMENTS.awareness.items[0].scale)
      expect(res.body.questions.at(-1)).toEqual({ id: 'c1', type: 'text', text: '您对小区还有什么建议？', required: false, maxLength: 200 })
      const log = await s.app.db.kysely.selectFrom('moderation_log').selectAll().where('target_type', '=', 'survey').where('target_id', '=', id).execute()
      expect(log.map((l) => [l.action, l.actor_id, l.unit_id])).toEqual([['survey.create', moderator.userId, wutong]])
    })

    it('hides the draft from residents and refuses another 居民区 committee', async () => {
      expect((await call(s, resident, 'GET', `/api/surveys/${id}`)).status).toBe(404)
      expect((await call(s, otherModerator, 'GET', `/api/surveys/${id}`)).status).toBe(404)
      expect((await call(s, otherModerator, 'PATCH', `/api/surveys/${id}`, { title: '改' })).status).toBe(404)
      expect((await call(s, admin, 'GET', `/api/surveys/${id}`)).status).toBe(200)
      const list = await call(s, resident, 'GET', '/api/surveys')
      expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(id)
      const bad = await call(s, otherModerator, 'POST', '/api/surveys', { unitId: wutong, template: 'belonging' })
      expect(bad.status).toBe(403)
    })

    it('edits the draft: keeps custom question ids, validates new ones', async () => {
      const res = await call(s, moderator, 'PATCH', `/api/surveys/${id}`, {
        title: '2030年居民感受调查',
        questions: [
          { id: 'c1', type: 'text', text: '您对小区还有什么建议？' },
          { type: 'single', text: '您在小区住了多久？', options: ['不到3年', '3–10年', '10年以上'] },
        ],
      })
      expect(res.status).toBe(200)
      expect(res.body.title).toBe('2030年居民感受调查')
      expect(res.body.questions.slice(-2).map((q: { id: string; type: string }) => [q.id, q.type])).toEqual([
        ['c1', 'text'],
        ['c2', 'single'],
      ])
      const dup = await call(s, moderator, 'PATCH', `/api/surveys/${id}`, { questions: [{ type: 'single', text: '重复', options: ['是', '是'] }] })
      expect(dup.status).toBe(400)
      expect(dup.body.error).toMatchObject({ code: 'invalid_input', field: 'questions.0.options' })
      expect((await call(s, moderator, 'GET', `/api/surveys/${id}`)).body.questions).toHaveLength(ANNUAL_ITEMS + 2)
    })

    it('publishes; published questions cannot change', async () => {
      const res = await call(s, moderator, 'POST', `/api/surveys/${id}/publish`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ state: 'published', status: 'open', publishedAt: clock.now().toISOString() })
      const edit = await call(s, moderator, 'PATCH', `/api/surveys/${id}`, { questions: [] })
      expect(edit.status).toBe(409)
      expect(edit.body.error.code).toBe('survey_published')
      expect((await call(s, moderator, 'POST', `/api/surveys/${id}/publish`)).body.error.code).toBe('survey_not_draft')
      const extend = await call(s, moderator, 'PATCH', `/api/surveys/${id}`, { closesAt: new Date(clock.now().getTime() + 20 * DAY).toISOString() })
      expect(extend.status).toBe(200)
      expect(extend.body.questions).toHaveLength(ANNUAL_ITEMS + 2)
    })

    it('shows the open survey on the resident 首页 with its length', async () => {
      const res = await call(s, resident, 'GET', '/api/surveys?open=1')
      expect(res.status).toBe(200)
      const item = res.body.items.find((i: { id: number }) => i.id === id)
      expect(item).toMatchObject({ status: 'open', canAnswer: true, answered: false, questionCount: ANNUAL_ITEMS + 2, estimatedMinutes: 6 })
      expect(item.responseCount).toBeUndefined()
      // The demo's open survey closed long before this clock's 2030.
      expect(res.body.items.every((i: { status: string }) => i.status === 'open')).toBe(true)
      expect((await call(s, xiangzhang, 'GET', '/api/surveys?open=1')).body.items.map((i: { id: number }) => i.id)).not.toContain(id)
    })

    const fullAnswers = (overrides: Record<string, unknown> = {}) => {
      const answers = INSTRUMENTS.awareness.items
        .map((i) => ({ questionId: i.id, value: 'dk' as unknown }))
        .concat(
          (['satisfaction', 'belonging', 'cohesion', 'atmosphere'] as const).flatMap((ins) => INSTRUMENTS[ins].items.map((i) => ({ questionId: i.id, value: 4 as unknown }))),
        )
        .concat([{ questionId: 'c2', value: 1 }])
      return answers.map((a) => (a.questionId in overrides ? { ...a, value: overrides[a.questionId] } : a))
    }

    it('takes an answer (不清楚 included) once: a retry replays, a second attempt is refused', async () => {
      const first = await call(s, resident, 'POST', `/api/surveys/${id}/responses`, { answers: fullAnswers() }, { 'idempotency-key': 'k-1' })
      expect(first.status).toBe(201)
      expect(first.body).toEqual({ ok: true, surveyId: id })
      const retry = await call(s, resident, 'POST', `/api/surveys/${id}/responses`, { answers: fullAnswers() }, { 'idempotency-key': 'k-1' })
      expect(retry.status).toBe(201)
      expect(retry.headers['idempotent-replayed']).toBe('true')
      const again = await call(s, resident, 'POST', `/api/surveys/${id}/responses`, { answers: fullAnswers() }, { 'idempotency-key': 'k-2' })
      expect(again.status).toBe(409)
      expect(again.body.error.code).toBe('already_responded')
      const noKey = await call(s, resident, 'POST', `/api/surveys/${id}/responses`, { answers: fullAnswers() })
      expect(noKey.status).toBe(409)
      const noAnswers = await call(s, neighbour, 'POST', `/api/surveys/${id}/responses`, {})
      expect(noAnswers.body.error).toEqual({ code: 'invalid_input', message: '请填写回答', field: 'answers' })

      const responses = await rows('survey_responses', id)
      expect(responses).toHaveLength(1)
      expect(responses[0]).toMatchObject({ unit_id: building3, channel: 'app', answered_on: '2030-03-02' })
      const stored = JSON.parse(responses[0].answers)
      expect(stored.awa_1).toBe('dk')
      expect(stored.sat_1).toBe(4)
      expect(stored.c1).toBeUndefined()
      expect(Object.keys(stored)[0]).toBe('awa_1')
      expect(await rows('survey_participation', id)).toEqual([{ survey_id: id, user_id: resident.userId, idem_key: 'k-1' }])
      // The general idempotency table keeps nothing of a survey answer.
      const idem = await s.app.db.kysely.selectFrom('idempotency_keys').selectAll().where('user_id', '=', resident.userId).execute()
      expect(idem).toEqual([])
      const mine = await call(s, resident, 'GET', `/api/surveys/${id}`)
      expect(mine.body).toMatchObject({ answered: true, canAnswer: false })
    })

    it('refuses unverified, pending and other 居民区 residents, and bad answers, writing nothing', async () => {
      const before = (await rows('survey_responses', id)).length
      const u = await call(s, unverified, 'POST', `/api/surveys/${id}/responses`, { answers: fullAnswers() })
      expect(u.status).toBe(403)
      expect(u.body.error.code).toBe('not_verified')
      expect((await call(s, pending, 'POST', `/api/surveys/${id}/responses`, { answers: fullAnswers() })).body.error.code).toBe('not_verified')
      const x = await call(s, xiangzhang, 'POST', `/api/surveys/${id}/responses`, { answers: fullAnswers() })
      expect(x.status).toBe(403)
      expect(x.body.error.code).toBe('not_eligible')
      const offScale = await call(s, neighbour, 'POST', `/api/surveys/${id}/responses`, { answers: fullAnswers({ sat_1: 6 }) })
      expect(offScale.status).toBe(400)
      expect(offScale.body.error).toMatchObject({ code: 'invalid_input', field: 'answers.sat_1' })
      expect(offScale.body.error.message).toMatch(/^第 \d+ 题/)
      // belonging has no 不清楚.
      const dk = await call(s, neighbour, 'POST', `/api/surveys/${id}/responses`, { answers: fullAnswers({ bel_1: 'dk' }) })
      expect(dk.body.error.field).toBe('answers.bel_1')
      const missing = await call(s, neighbour, 'POST', `/api/surveys/${id}/responses`, { answers: fullAnswers().filter((a) => a.questionId !== 'coh_3') })
      expect(missing.status).toBe(400)
      expect(missing.body.error.message).toContain('还没有回答')
      const unknown = await call(s, neighbour, 'POST', `/api/surveys/${id}/responses`, { answers: [...fullAnswers(), { questionId: 'zz', value: 1 }] })
      expect(unknown.status).toBe(400)
      expect((await rows('survey_responses', id)).length).toBe(before)
      expect((await rows('survey_participation', id)).map((r) => r.user_id)).toEqual([resident.userId])
    })

    it('shows counts but no figures while open', async () => {
      const res = await call(s, moderator, 'GET', `/api/surveys/${id}/results`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ available: false, responses: { total: 1, app: 1, paper: 0 }, questions: [], instruments: [] })
      expect(res.body.eligible).toEqual({ verifiedResidents: 20, verifiedHouseholds: 20, households: 470 })
      expect(res.body.responseRate).toBe(0.05)
      expect((await call(s, resident, 'GET', `/api/surveys/${id}/results`)).status).toBe(403)
    })
  })

  describe('results with weighting and suppression', () => {
    let id: number
    // 3号楼 (36 households): satisfied (5); 安和花园 (60 households each): dissatisfied (1).
    const sat = (v: number) => INSTRUMENTS.satisfaction.items.map((i) => ({ questionId: i.id, value: v }))
    const answers = (v: number, choice: number, text?: string) => [
      ...sat(v),
      { questionId: 'c1', value: choice },
      { questionId: 'c2', value: text ?? null },
      { questionId: 'c3', value: v * 2 },
    ]

    it('collects 2 app and 13 paper answers', async () => {
      const created = await call(s, moderator, 'POST', '/api/surveys', {
        unitId: wutong,
        instruments: ['satisfaction'],
        closesAt: new Date(clock.now().getTime() + 5 * DAY).toISOString(),
        questions: [
          { type: 'single', text: '您支持加装电梯吗？', options: ['支持', '不支持', '看费用'] },
          { type: 'text', text: '其他意见' },
          { type: 'rating', text: '给物业打分' },
        ],
      })
      expect(created.status).toBe(201)
      expect(created.body.title).toBe('满意度调查')
      id = created.body.id
      expect((await call(s, moderator, 'POST', `/api/surveys/${id}/publish`)).status).toBe(200)
      expect((await call(s, resident, 'POST', `/api/surveys/${id}/responses`, { answers: answers(5, 0, '电梯要尽快装') })).status).toBe(201)
      expect((await call(s, anhe, 'POST', `/api/surveys/${id}/responses`, { answers: answers(1, 1, '停车太难') })).status).toBe(201)
      for (let i = 0; i < 10; i++) {
        const res = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: building3, answers: answers(5, 0, i < 3 ? `纸质意见${i}` : undefined) })
        expect(res.status).toBe(201)
        expect(res.body.paperResponses).toBe(i + 1)
      }
      for (let i = 0; i < 3; i++) {
        expect((await call(s, moderator, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: anhe2, answers: answers(1, 2) }, { 'idempotency-key': `paper-${i}` })).status).toBe(201)
      }
      // A retried paper entry is not entered twice.
      const retry = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: anhe2, answers: answers(1, 2) }, { 'idempotency-key': 'paper-2' })
      expect(retry.headers['idempotent-replayed']).toBe('true')
      expect(retry.body.paperResponses).toBe(13)
      // Counted once a colleague (here the 街镇) has checked them against the paper.
      expect(await checkPaperBatches(s, admin, id)).toBe(13)
      expect((await rows('survey_responses', id)).length).toBe(15)
    })

    it('refuses paper entry outside the survey, by residents, and outside its 居民区', async () => {
      const xiangzhangBuilding = await unitId(s, '1号楼', '香樟苑')
      const outside = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: xiangzhangBuilding, answers: answers(5, 0) })
      expect(outside.status).toBe(400)
      expect(outside.body.error.field).toBe('buildingId')
      expect((await call(s, resident, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: building3, answers: answers(5, 0) })).status).toBe(403)
      expect((await call(s, otherModerator, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: building3, answers: answers(5, 0) })).status).toBe(404)
      expect((await rows('survey_responses', id)).length).toBe(15)
      const log = await s.app.db.kysely.selectFrom('moderation_log').select(['action', 'reason']).where('target_type', '=', 'survey').where('target_id', '=', id).execute()
      expect(log.filter((l) => l.action === 'survey.paper_response')).toHaveLength(13)
      expect(log.every((l) => l.reason === null || !/楼/.test(l.reason))).toBe(true)
    })

    it('closes, rewriting the answers, and shows weighted, suppressed results', async () => {
      clock.advance(DAY)
      const closed = await call(s, moderator, 'POST', `/api/surveys/${id}/close`, {})
      expect(closed.status).toBe(200)
      expect(closed.body).toMatchObject({ state: 'closed', status: 'closed', closedAt: clock.now().toISOString() })
      expect((await rows('survey_responses', id)).every((r) => r.mixed === 1)).toBe(true)
      expect((await call(s, moderator, 'POST', `/api/surveys/${id}/close`)).body.error.code).toBe('survey_closed')
      expect((await call(s, moderator, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: building3, answers: answers(5, 0) })).status).toBe(409)
      expect((await call(s, neighbour, 'POST', `/api/surveys/${id}/responses`, { answers: answers(5, 0) })).body.error.code).toBe('survey_not_open')

      const res = await call(s, moderator, 'GET', `/api/surveys/${id}/results`)
      expect(res.status).toBe(200)
      const r = res.body
      expect(r).toMatchObject({ available: true, responses: { total: 15, app: 2, paper: 13 }, minCellSize: 10 })
      const choice = r.questions.find((q: { questionId: string }) => q.questionId === 'c1')
      expect(choice).toMatchObject({ answered: 15, suppressed: false })
      expect(choice.distribution.map((d: { label: string; count: number }) => [d.label, d.count])).toEqual([
        ['支持', 11],
        ['不支持', 1],
        ['看费用', 3],
      ])
      expect(choice.distribution[0].share).toBe(0.7333)
      // Five open answers: fewer than 10, so not shown even to the committee.
      const text = r.questions.find((q: { questionId: string }) => q.questionId === 'c2')
      expect(text).toEqual({ questionId: 'c2', text: '其他意见', type: 'text', answered: 5, suppressed: true })
      const rating = r.questions.find((q: { questionId: string }) => q.questionId === 'c3')
      expect(rating.mean).toBe(Math.round(((11 * 10 + 4 * 2) / 15) * 100) / 100)

      const [ins] = r.instruments
      expect(ins).toMatchObject({ instrumentId: 'satisfaction', name: '满意度', suppressed: false })
      // Both app respondents were alone in their 楼组 and their 小区, so closing stored their 楼组's answers
      // (梧桐新村3号楼's paper ones too) under the 居民区, which stands for every 楼组 without a cell of its
      // own: 470 − 60 households, 11 of its 12 answers satisfied. 安和花园2号楼 (paper only) kept its 楼组.
      expect(ins.score.score).toBeCloseTo((410 * 11) / 12 / 470, 10)
      expect(ins.score.points).toBe(8)
      expect(ins.score).toMatchObject({ n: 15, weighted: true, population: 470, status: 'insufficient_sample' })
      // The same figure the library gives for the same answers.
      const direct = scoreInstrument(
        INSTRUMENTS.satisfaction,
        [
          ...Array.from({ length: 11 }, () => ({ answers: Object.fromEntries(sat(5).map((a) => [a.questionId, a.value])), stratum: 'rest' })),
          { answers: Object.fromEntries(sat(1).map((a) => [a.questionId, a.value])), stratum: 'rest' },
          ...Array.from({ length: 3 }, () => ({ answers: Object.fromEntries(sat(1).map((a) => [a.questionId, a.value])), stratum: 'a2' })),
        ],
        { strata: { rest: 410, a2: 60 } },
      )
      expect(ins.score.points).toBe(direct.points)
      expect(ins.byBuilding.map((g: { label: string; score: { suppressed: boolean; n?: number; reason?: string } }) => [g.label, g.score.suppressed, g.score.n ?? g.score.reason])).toEqual([
        ['安和花园2号楼', true, 'small_cell'],
        // Shown alone it would give 安和花园2号楼's figure away by difference.
        ['其余小区和楼组', true, 'complementary'],
      ])
      // The 居民区 cell stands for 楼组 of several housing types; 普通商品房 (3 answers) is a small cell.
      expect(ins.byHousingType.map((g: { label: string; score: { reason?: string } }) => [g.label, g.score.reason])).toEqual([
        ['普通商品房', 'small_cell'],
        ['多种房屋类型', 'complementary'],
      ])
    })

    it('lets residents of the 居民区 read closed results without open text', async () => {
      const res = await call(s, neighbour, 'GET', `/api/surveys/${id}/results`)
      expect(res.status).toBe(200)
      expect(res.body.instruments[0].score.points).toBe(8)
      expect(res.body.questions.every((q: { texts?: unknown }) => q.texts === undefined)).toBe(true)
      expect((await call(s, xiangzhang, 'GET', `/api/surveys/${id}/results`)).status).toBe(404)
    })

    it('publishes the committee response note', async () => {
      const res = await call(s, moderator, 'POST', `/api/surveys/${id}/response-note`, { text: '物业服务满意度偏低，已约谈物业公司。' })
      expect(res.status).toBe(200)
      expect(res.body.responseNote).toEqual({ text: '物业服务满意度偏低，已约谈物业公司。', publishedAt: clock.now().toISOString() })
      expect((await call(s, resident, 'POST', `/api/surveys/${id}/response-note`, { text: 'x' })).status).toBe(403)
    })

    it('exports the figures as xlsx and as CSV, without identities', async () => {
      const x = await call(s, moderator, 'GET', `/api/surveys/${id}/export?format=xlsx`)
      expect(x.status).toBe(200)
      expect(x.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      expect(x.headers['content-disposition']).toContain(`filename="survey-${id}.xlsx"`)
      const book = await readXlsx(x.raw)
      expect(Object.keys(book)).toEqual(['概况', '题目统计', '指标得分', '楼组得分', '房屋类型得分', '整改反馈'])
      expect(book['概况'].find((r) => r['项目'] === '纸质问卷（代录）')!['人数']).toBe(13)
      const support = book['题目统计'].find((r) => r['编号'] === 'c1' && r['分项'] === '支持')!
      expect(support['人数']).toBe(11)
      expect(support['占比']).toBe(0.7333)
      expect(book['指标得分'][0]).toMatchObject({ 编号: 'satisfaction', 人数: 15, 得分: 8, 满分: 10 })
      expect(book['楼组得分'].map((r) => [r['分项'], r['人数'] ?? r['说明']])).toEqual([
        ['安和花园2号楼', '人数不足，不予公布'],
        ['其余小区和楼组', '为防止推算，一并隐藏'],
      ])

      const c = await call(s, moderator, 'GET', `/api/surveys/${id}/export?format=csv`)
      expect(c.status).toBe(200)
      expect(c.headers['content-type']).toBe('text/csv; charset=utf-8')
      const text = c.raw.toString('utf8')
      const csv = csvObjects(text)
      expect(csv.find((r) => r['部分'] === '指标得分')).toMatchObject({ 编号: 'satisfaction', 人数: '15', 得分: '8' })
      expect(csv.find((r) => r['编号'] === 'c1' && r['分项'] === '看费用')!['人数']).toBe('3')
      // Suppressed open text never leaves; no user id or room.
      expect(text).not.toContain('电梯要尽快装')
      expect(text).not.toContain('纸质意见')
      // Aggregates only: these columns, these parts, never a row per response.
      expect(Object.keys(csv[0])).toEqual(['部分', '编号', '项目', '分项', '人数', '占比', '得分', '满分', '区间下限', '区间上限', '说明'])
      expect([...new Set(csv.map((r) => r['部分']))]).toEqual(['概况', '题目统计', '指标得分', '楼组得分', '房屋类型得分', '整改反馈'])
      expect((await call(s, resident, 'GET', `/api/surveys/${id}/export?format=csv`)).status).toBe(403)
    })

    it('copies a closed survey as a new wave (a draft with the same questions)', async () => {
      const res = await call(s, moderator, 'POST', '/api/surveys', { copyOf: id })
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ state: 'draft', copiedFrom: id, title: '满意度调查', unitId: wutong })
      const original = await call(s, moderator, 'GET', `/api/surveys/${id}`)
      expect(res.body.questions).toEqual(original.body.questions)
    })
  })

  it('shows open text to the committee only, sorted by content, once 10 answered', async () => {
    const created = await call(s, moderator, 'POST', '/api/surveys', {
      unitId: building3,
      questions: [{ type: 'text', text: '楼道里最需要改善什么？', required: true }],
      closesAt: new Date(clock.now().getTime() + DAY).toISOString(),
    })
    const id = created.body.id
    await call(s, moderator, 'POST', `/api/surveys/${id}/publish`)
    const texts = ['灯', '扶手', '堆物', '墙面', '信箱', '地面', '电线', '窗户', '门禁', '垃圾桶', '自行车']
    for (const t of texts) {
      expect((await call(s, moderator, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: building3, answers: [{ questionId: 'c1', value: t }] })).status).toBe(201)
    }
    const anheBuilding = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: anhe1, answers: [{ questionId: 'c1', value: 'x' }] })
    expect(anheBuilding.status).toBe(400)
    expect((await call(s, anhe, 'POST', `/api/surveys/${id}/responses`, { answers: [{ questionId: 'c1', value: 'x' }] })).body.error.code).toBe('not_eligible')
    await checkPaperBatches(s, admin, id)
    await call(s, moderator, 'POST', `/api/surveys/${id}/close`)
    const staff = await call(s, moderator, 'GET', `/api/surveys/${id}/results`)
    expect(staff.body.questions[0].texts).toEqual([...texts].sort())
    const res = await call(s, resident, 'GET', `/api/surveys/${id}/results`)
    expect(res.body.questions[0]).toEqual({ questionId: 'c1', text: '楼道里最需要改善什么？', type: 'text', answered: 11, suppressed: false })
  })
})

// Paper questionnaires (defect 8, "the committee can write its own grade"): capped per 楼组 by the
// households not yet answered, entered and checked by two different staff members, counted only once
// checked, shown as a paper share, and a wave mostly typed in by the 居委会 itself held out of the
// index until the 街镇 confirms it.
import fs from 'node:fs'
import { sql } from 'kysely'
import { INSTRUMENTS } from '../../src/scoring'
import type { IndexReport, IndicatorSummary, PaperBatch, SurveyResults } from '../../types'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import { ADMIN, call, checkPaperBatches, DAY, fakeClock, MODERATOR, unitId, type Actor } from './support'

// Each suite starts a seeded server (PostgreSQL included); a loaded machine needs more than jest's 5 s.
jest.setTimeout(30_000)

/** Every satisfaction item at the top of its scale. */
const allTop = INSTRUMENTS.satisfaction.items.map((item) => ({ questionId: item.id, value: 5 }))

describeEachDatabase('paper questionnaires: capped, checked by a colleague, held from the index until the 街镇 confirms', (dialect) => {
  let s: TestServer
  const clock = fakeClock('2030-06-02T02:00:00.000Z')
  let moderator: Actor
  let admin: Actor
  let resident: Actor // 居民代表 · 梧桐新村3号楼
  let wutong: number
  let building3: number
  let anhe1: number

  const db = () => s.app.db.kysely
  const survey = async (unitId: number, questions?: unknown[]) => {
    const created = await call(s, moderator, 'POST', '/api/surveys', {
      unitId,
      ...(questions ? { questions } : { instruments: ['satisfaction'] }),
      closesAt: new Date(clock.now().getTime() + 5 * DAY).toISOString(),
    })
    expect(created.status).toBe(201)
    expect((await call(s, moderator, 'POST', `/api/surveys/${created.body.id}/publish`)).status).toBe(200)
    return created.body.id as number
  }
  const batch = (who: Actor, id: number, buildingId: number, n: number, answers: unknown[] = allTop) =>
    call(s, who, 'POST', `/api/surveys/${id}/paper-batches`, { entries: Array.from({ length: n }, () => ({ buildingId, answers })) })
  const close = async (id: number) => {
    clock.advance(DAY)
    expect((await call(s, moderator, 'POST', `/api/surveys/${id}/close`)).status).toBe(200)
  }
  const results = async (id: number): Promise<SurveyResults> => (await call(s, moderator, 'GET', `/api/surveys/${id}/results`)).body
  const index = async (): Promise<IndexReport> => (await call(s, admin, 'GET', `/api/indicators?unitId=${wutong}&period=2030`)).body
  const summary = async (): Promise<IndicatorSummary> => (await call(s, resident, 'GET', `/api/indicators/summary?unitId=${wutong}`)).body
  const tables = async () => ({
    batches: await db().selectFrom('survey_paper_batches').selectAll().orderBy('id').execute(),
    responses: (await db().selectFrom('survey_responses').select('id').execute()).length,
    log: (await db().selectFrom('moderation_log').select('id').execute()).length,
  })

  beforeAll(async () => {
    s = await startServer(dialect, { overrides: { clock: clock.now } })
    moderator = await s.loginAs(MODERATOR)
    admin = await s.loginAs(ADMIN)
    resident = await s.loginAs('居民代表 · 梧桐新村3号楼（已认证）')
    wutong = await unitId(s, '梧桐居民区')
    building3 = await unitId(s, '3号楼', '梧桐新村')
    anhe1 = await unitId(s, '1号楼', '安和花园')
  })
  afterAll(() => s.close())

  it('caps paper entries per 楼组 by the households not yet answered online or on paper', async () => {
    // An 8-household 楼组 where one household has answered in the app.
    await db().updateTable('units').set({ households: 8 }).where('id', '=', building3).execute()
    const id = await survey(building3)
    expect((await call(s, resident, 'POST', `/api/surveys/${id}/responses`, { answers: allTop })).status).toBe(201)

    // 15 paper questionnaires for 8 households: refused, naming the 楼组 and how many are left; nothing written.
    const before = await tables()
    const tooMany = await batch(moderator, id, building3, 15)
    expect(tooMany.status).toBe(409)
    expect(tooMany.body.error.code).toBe('paper_cap_reached')
    expect(tooMany.body.error.message).toContain('梧桐新村3号楼')
    expect(tooMany.body.error.message).toContain('还可录入 7 份')
    expect(await tables()).toEqual(before)

    expect((await batch(moderator, id, building3, 5)).status).toBe(201)
    // Unchecked entries already take their places.
    const single = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: building3, answers: allTop })
    expect(single.status).toBe(201)
    expect(single.body.paperResponses).toBe(6)
    const three = await batch(moderator, id, building3, 3)
    expect(three.status).toBe(409)
    expect(three.body.error.message).toContain('还可录入 1 份')
    expect((await batch(moderator, id, building3, 1)).status).toBe(201)
    const full = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-responses`, { buildingId: building3, answers: allTop })
    expect(full.status).toBe(409)
    expect(full.body.error.message).toContain('还可录入 0 份')
    await db().updateTable('units').set({ households: 36 }).where('id', '=', building3).execute()
  })

  it('refuses a batch with a bad entry whole, and an empty or foreign one', async () => {
    const id = await survey(wutong)
    const before = await tables()
    const bad = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-batches`, {
      entries: [
        { buildingId: building3, answers: allTop },
        { buildingId: building3, answers: [{ questionId: allTop[0].questionId, value: 9 }] },
      ],
    })
    expect(bad.status).toBe(400)
    expect((await call(s, moderator, 'POST', `/api/surveys/${id}/paper-batches`, { entries: [] })).status).toBe(400)
    const foreign = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-batches`, { entries: [{ buildingId: wutong, answers: allTop }] })
    expect(foreign.status).toBe(400)
    expect(foreign.body.error.field).toBe('entries.0.buildingId')
    expect(await tables()).toEqual(before)
  })

  it('counts a batch only once a staff member other than the one who entered it has checked it', async () => {
    const id = await survey(wutong)
    const entered = await batch(moderator, id, anhe1, 4)
    expect(entered.status).toBe(201)
    const b: PaperBatch = entered.body
    expect(b).toMatchObject({ surveyId: id, count: 4, byStreet: false, enteredBy: moderator.userId, checkedBy: null, checkedAt: null })

    // Not counted while unchecked: neither in the answers nor in the results.
    expect((await db().selectFrom('survey_responses').select('id').where('survey_id', '=', id).execute()).length).toBe(0)
    expect((await results(id)).responses).toEqual({ total: 0, app: 0, paper: 0, paperShare: 0 })
    expect((await results(id)).paper.uncheckedPaper).toBe(4)

    // The one who typed it in cannot check it.
    const own = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-batches/${b.id}/check`)
    expect(own.status).toBe(403)
    expect(own.body.error.message).toBe('复核须由录入人以外的另一位工作人员完成')
    expect((await call(s, admin, 'POST', `/api/surveys/${id}/paper-batches/999999/check`)).status).toBe(404)

    const checked = await call(s, admin, 'POST', `/api/surveys/${id}/paper-batches/${b.id}/check`)
    expect(checked.status).toBe(200)
    expect(checked.body).toMatchObject({ id: b.id, enteredBy: moderator.userId, checkedBy: admin.userId, checkedAt: clock.now().toISOString() })
    const again = await call(s, admin, 'POST', `/api/surveys/${id}/paper-batches/${b.id}/check`)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('batch_checked')

    const r = await results(id)
    expect(r.responses).toEqual({ total: 4, app: 0, paper: 4, paperShare: 1 })
    expect(r.paper).toMatchObject({ paperShare: 1, committeePaperShare: 1, uncheckedPaper: 0 })

    // The answers carry nothing of the batch: the same columns as any answer, no entries kept on the batch.
    const rows = await db().selectFrom('survey_responses').selectAll().where('survey_id', '=', id).execute()
    expect(rows).toHaveLength(4)
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['answered_on', 'answers', 'channel', 'id', 'mixed', 'survey_id', 'unit_id'])
    const stored = await db().selectFrom('survey_paper_batches').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow()
    expect(stored.entries).toBeNull()

    // Each step is in the audit log, under the survey, naming no 楼组.
    const log = await db().selectFrom('moderation_log').select(['action', 'actor_id', 'reason']).where('target_type', '=', 'survey').where('target_id', '=', id).orderBy('id').execute()
    expect(log.filter((l) => l.action.startsWith('survey.paper')).map((l) => [l.action, l.actor_id])).toEqual([
      ['survey.paper_batch', moderator.userId],
      ['survey.paper_batch_check', admin.userId],
    ])
    expect(log.every((l) => l.reason === null || !/楼/.test(l.reason))).toBe(true)

    // A batch checked after the survey closed joins its answers, mixed with the others.
    const late = await batch(moderator, id, anhe1, 2)
    await close(id)
    expect((await call(s, admin, 'POST', `/api/surveys/${id}/paper-batches/${late.body.id}/check`)).status).toBe(200)
    const after = await db().selectFrom('survey_responses').select('mixed').where('survey_id', '=', id).execute()
    expect(after).toHaveLength(6)
    expect(after.every((x) => x.mixed === 1)).toBe(true)
    // Rewritten whole, as closing does, and its old copies erased as after closing: SQLite's log is empty.
    if (dialect === 'sqlite') {
      const file = (await sql<{ name: string; file: string }>`pragma database_list`.execute(db())).rows.find((r) => r.name === 'main')!.file
      expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0)
    }
  })

  it('shows an open survey its counts only, from app and checked paper answers', async () => {
    const id = await survey(wutong)
    expect((await call(s, resident, 'POST', `/api/surveys/${id}/responses`, { answers: allTop })).status).toBe(201)
    expect((await batch(moderator, id, anhe1, 5)).status).toBe(201)
    expect(await checkPaperBatches(s, admin, id)).toBe(1)
    expect((await batch(moderator, id, anhe1, 2)).status).toBe(201)
    const r = await results(id)
    expect(r).toMatchObject({ status: 'open', available: false, questions: [], instruments: [] })
    expect(r.responses).toEqual({ total: 6, app: 1, paper: 5, paperShare: 0.8333 })
    expect(r.paper).toMatchObject({ paperShare: 0.8333, uncheckedPaper: 2 })
    expect(r.responseRate).toBeGreaterThan(0)
  })

  it('keeps a closed survey\'s figures, and computes them again once a batch checked after closing adds answers', async () => {
    const low = INSTRUMENTS.satisfaction.items.map((item) => ({ questionId: item.id, value: 1 }))
    const id = await survey(wutong)
    expect((await batch(moderator, id, anhe1, 6)).status).toBe(201)
    expect((await batch(moderator, id, building3, 6)).status).toBe(201)
    expect(await checkPaperBatches(s, admin, id)).toBe(2)
    const late = await batch(moderator, id, anhe1, 4, low)
    await close(id)

    const first = await results(id)
    expect(first.questions[0].answered).toBe(12)
    expect(first.instruments[0].score).toMatchObject({ n: 12, points: 10 })
    const kept = () => db().selectFrom('survey_results').select('basis').where('survey_id', '=', id).executeTakeFirst()
    const basis = (await kept())!.basis
    expect(await results(id)).toEqual(first)

    expect((await call(s, admin, 'POST', `/api/surveys/${id}/paper-batches/${late.body.id}/check`)).status).toBe(200)
    const after = await results(id)
    expect(after.responses).toMatchObject({ total: 16, paper: 16 })
    expect(after.questions[0].answered).toBe(16)
    expect(after.questions[0].distribution!.find((o) => o.value === 1)!.count).toBe(4)
    expect(after.instruments[0].score!.n).toBe(16)
    expect(after.instruments[0].score!.points).toBeLessThan(10)
    expect((await kept())!.basis).not.toBe(basis)

    // Figures weighted by other 楼组 data are computed again too: here a 小区's housing type changes.
    const estate = (await db().selectFrom('units').select('parent_id').where('id', '=', anhe1).executeTakeFirstOrThrow()).parent_id!
    const { housing_type: type } = await db().selectFrom('units').select('housing_type').where('id', '=', estate).executeTakeFirstOrThrow()
    const other = type === 'old_villa' ? 'resettlement' : 'old_villa'
    expect(after.instruments[0].byHousingType.map((g) => g.group)).not.toContain(other)
    await db().updateTable('units').set({ housing_type: other }).where('id', '=', estate).execute()
    expect((await results(id)).instruments[0].byHousingType.map((g) => g.group)).toContain(other)
    await db().updateTable('units').set({ housing_type: type }).where('id', '=', estate).execute()
  })

  it('keeps a closed survey\'s open answers for the committee only, whoever reads first', async () => {
    const id = await survey(wutong, [{ type: 'text', text: '一句话建议' }])
    const suggestions = ['多种树', '修电梯', '加路灯', '修电梯', '多种树', '装雨棚', '清楼道', '加座椅', '修电梯', '管停车', '多种树']
    const entered = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-batches`, {
      entries: suggestions.map((value) => ({ buildingId: anhe1, answers: [{ questionId: 'c1', value }] })),
    })
    expect(entered.status).toBe(201)
    expect(await checkPaperBatches(s, admin, id)).toBe(1)
    await close(id)
    const asResident = async () => (await call(s, resident, 'GET', `/api/surveys/${id}/results`)).body as SurveyResults
    // The committee's read keeps the figures, open text included; a resident's read of them leaves it out.
    expect((await results(id)).questions[0].texts).toEqual([...suggestions].sort())
    const shown = (await asResident()).questions[0]
    expect(shown).toMatchObject({ questionId: 'c1', answered: 11, suppressed: false })
    expect(shown.texts).toBeUndefined()
    // And the other way round: figures first computed for a resident still give the committee the text.
    await db().deleteFrom('survey_results').where('survey_id', '=', id).execute()
    expect((await asResident()).questions[0].texts).toBeUndefined()
    expect((await results(id)).questions[0].texts).toEqual([...suggestions].sort())
  })

  it('holds a wave typed in mostly by the 居委会 out of the index and the summary until the 街镇 confirms it', async () => {
    const before = await index()
    const satisfactionBefore = before.result.total
    const leafBefore = before.provenance.satisfaction

    // 12 all-top paper questionnaires typed in by the committee alone, checked by the 街镇.
    const id = await survey(wutong)
    expect((await batch(moderator, id, building3, 6)).status).toBe(201)
    expect((await batch(moderator, id, anhe1, 6)).status).toBe(201)
    expect(await checkPaperBatches(s, admin, id)).toBe(2)
    // Confirming is for a closed wave only, and for the 街镇 only.
    expect((await call(s, admin, 'POST', `/api/surveys/${id}/paper-confirmation`)).status).toBe(409)
    await close(id)
    const byCommittee = await call(s, moderator, 'POST', `/api/surveys/${id}/paper-confirmation`)
    expect(byCommittee.status).toBe(403)

    // The results show it all, with the paper share and why the index does not use it yet.
    const r = await results(id)
    expect(r.responses).toEqual({ total: 12, app: 0, paper: 12, paperShare: 1 })
    expect(r.instruments[0].score!.points).toBe(10)
    expect(r.paper.heldReason).toContain('须经街镇确认')

    // 满意度 does not move: the item stays as it was, and says why.
    const held = await index()
    expect(held.result.total).toBe(satisfactionBefore)
    expect(held.provenance.satisfaction.used).toBe(leafBefore.used)
    expect(held.provenance.satisfaction.questionnaire).toEqual(leafBefore.questionnaire)
    expect(held.provenance.satisfaction.held).toMatchObject({ surveyId: id, paperShare: 1, committeePaperShare: 1 })
    expect(held.provenance.satisfaction.held!.reason).toContain('12 份是居委会录入的纸质问卷')
    const csv = (await call(s, admin, 'GET', `/api/indicators/export?format=csv&unitId=${wutong}&period=2030`)).raw.toString('utf8')
    expect(csv).toContain('未计入')

    // Residents see the wave and its paper share, without the committee's 10/10.
    const shown = (await summary()).wave!
    expect(shown).toMatchObject({ surveyId: id, responses: 12, paperShare: 1 })
    expect(shown.heldReason).toContain('须经街镇确认')
    expect(shown.scores.every((x) => x.points === null && x.interval === null)).toBe(true)

    // The 街镇 confirms (audited, once); then the wave counts, its paper share beside it.
    const confirmed = await call(s, admin, 'POST', `/api/surveys/${id}/paper-confirmation`)
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toMatchObject({ paperShare: 1, heldReason: null, confirmedAt: clock.now().toISOString() })
    expect((await call(s, admin, 'POST', `/api/surveys/${id}/paper-confirmation`)).status).toBe(200)
    const log = await db().selectFrom('moderation_log').select(['action', 'actor_id']).where('target_id', '=', id).where('action', '=', 'survey.paper_confirm').execute()
    expect(log).toEqual([{ action: 'survey.paper_confirm', actor_id: admin.userId }])
    const counted = await index()
    expect(counted.provenance.satisfaction).toMatchObject({ used: 'questionnaire', questionnaire: { surveyId: id, n: 12, paperShare: 1 } })
    expect(counted.provenance.satisfaction.held).toBeUndefined()
    expect((await summary()).wave!.scores[0].points).toBe(10)
  })

  it('counts a wave whose paper the 街镇 typed in, and one mostly answered in the app, without confirmation', async () => {
    const id = await survey(wutong)
    const entered = await batch(admin, id, anhe1, 10)
    expect(entered.body.byStreet).toBe(true)
    // The 街镇's batch is checked by the committee: still two different people.
    expect(await checkPaperBatches(s, moderator, id)).toBe(1)
    await close(id)
    const r = await results(id)
    expect(r.paper).toMatchObject({ paperShare: 1, committeePaperShare: 0, heldReason: null })
    const report = await index()
    expect(report.provenance.satisfaction).toMatchObject({ used: 'questionnaire', questionnaire: { surveyId: id, paperShare: 1 } })
  })
})

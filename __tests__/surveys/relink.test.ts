// The re-linking test: an adversary with every API (as admin, committee, respondent, neighbour), the
// exports, the moderation log, the server's log output and the database rows tries to tell whose answer
// is whose. Every attempt must fail.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import { INSTRUMENTS } from '../../src/scoring'
import { settled } from '../../server/core/write'
import { MIX_BATCH } from '../../server/surveys/rules'
import { MIN_STORED_CELL } from '../../server/surveys/cells'
import { describeEachDatabase, settledOrWaitingForLock, startServer, type JsonBody, type TestServer } from '../support/server'
import { ADMIN, call, csvObjects, DAY, fakeClock, loginUser, MODERATOR, readXlsx, unitId, verifiedResidents, type Actor } from './support'

// Each suite starts a seeded server (PostgreSQL included); a loaded machine needs more than jest's 5 s.
jest.setTimeout(30_000)

const RESPONDENTS = 12
/** Keys under which an identity or a fine time could sit next to an answer. */
const IDENTITY_KEY = /user|author|respondent|participant|room|actor|answered_?(at|on)|submitted|created_?at|timestamp/i

/** Every (path, value) of a JSON value. */
function walk(value: unknown, visit: (key: string, v: unknown, parent: unknown) => void, key = ''): void {
  visit(key, value, null)
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, visit, `${key}[${i}]`))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, visit, k)
}

const contains = (value: unknown, needle: string) => JSON.stringify(value).includes(needle)

function answersOf(i: number, marker: string) {
  // Each respondent's satisfaction pattern is distinct, so a row maps to exactly one respondent.
  return [
    ...INSTRUMENTS.satisfaction.items.map((item, k) => ({ questionId: item.id, value: 1 + ((i + k) % 5) })),
    { questionId: 'c1', value: marker },
    { questionId: 'c2', value: i % 3 },
  ]
}

describeEachDatabase('anonymity: nothing links an answer to a person', (dialect) => {
  let s: TestServer
  const clock = fakeClock('2030-05-10T01:00:00.000Z')
  let moderator: Actor
  let admin: Actor
  let outsider: Actor
  let respondents: Actor[] = []
  let markers: string[] = []
  let surveyId: number
  let wutong: number
  const bodies: { who: string; url: string; body: unknown }[] = []

  const responseRows = (order: 'natural' | 'id') =>
    order === 'id'
      ? s.app.db.kysely.selectFrom('survey_responses').selectAll().where('survey_id', '=', surveyId).orderBy('id').execute()
      : // No ORDER BY: whatever physical order the database keeps.
        sql<{ id: string; answers: string; unit_id: number; answered_on: string; channel: string; mixed: number; survey_id: number }>`select * from survey_responses where survey_id = ${surveyId}`.execute(s.app.db.kysely).then((r) => r.rows)

  /** The submission index of a stored row, recovered from its unique marker. */
  const submissionIndex = (answers: string) => markers.indexOf(JSON.parse(answers).c1)

  /** SQLite: the pages of the answers' table. */
  let pagesBeforeClosing: number[] = []
  const answerPages = async () =>
    (await sql<{ pageno: number }>`select pageno from dbstat where name = 'survey_responses'`.execute(s.app.db.kysely)).rows.map((r) => r.pageno)

  /** PostgreSQL: for each respondent, the transaction ids allocated while their submit ran (exclusive bounds). */
  const brackets: [number, number][] = []
  const currentXid = async () =>
    Number((await sql<{ x: string }>`select (pg_current_xact_id()::text::bigint % 4294967296)::text as x`.execute(s.app.db.kysely)).rows[0].x)

  async function xminLinks(): Promise<number> {
    const responses = await sql<{ x: string }>`select xmin::text as x from survey_responses where survey_id = ${surveyId}`.execute(s.app.db.kysely)
    const participation = await sql<{ x: string }>`select xmin::text as x from survey_participation where survey_id = ${surveyId}`.execute(s.app.db.kysely)
    const tx = new Set(participation.rows.map((r) => r.x))
    return responses.rows.filter((r) => tx.has(r.x)).length
  }

  beforeAll(async () => {
    s = await startServer(dialect, { overrides: { clock: clock.now } })
    moderator = await s.loginAs(MODERATOR)
    admin = await s.loginAs(ADMIN)
    outsider = await s.loginAs('居民代表 · 香樟苑1号楼（已认证）')
    wutong = await unitId(s, '梧桐居民区')
    const residents = await verifiedResidents(s, '梧桐居民区')
    // Last user first, so that arrival order is not the user order participation is kept in.
    respondents = await Promise.all(residents.slice(0, RESPONDENTS).reverse().map((r) => loginUser(s, r.userId)))
    // Random prefixes: sorting by content says nothing about who answered first.
    markers = respondents.map((_, i) => `${randomBytes(3).toString('hex')}-意见${i}`)
    const created = await call(s, moderator, 'POST', '/api/surveys', {
      unitId: wutong,
      instruments: ['satisfaction'],
      closesAt: new Date(clock.now().getTime() + 3 * DAY).toISOString(),
      questions: [
        { type: 'text', text: '您最想说的一句话', required: true },
        { type: 'single', text: '您多大年纪？', options: ['60岁以下', '60–75岁', '75岁以上'] },
      ],
    })
    surveyId = created.body.id
    await call(s, moderator, 'POST', `/api/surveys/${surveyId}/publish`)
  })
  afterAll(() => s.close())

  /** A published one-question survey of 梧桐居民区: its id. */
  async function openRatingSurvey(): Promise<number> {
    const created = await call(s, moderator, 'POST', '/api/surveys', {
      unitId: wutong,
      questions: [{ type: 'rating', text: '打分' }],
      closesAt: new Date(clock.now().getTime() + DAY).toISOString(),
    })
    await call(s, moderator, 'POST', `/api/surveys/${created.body.id}/publish`)
    return created.body.id
  }

  it('stores answers with no user, no fine time and a random key', async () => {
    for (let i = 0; i < RESPONDENTS; i++) {
      clock.advance(37_000)
      const before = dialect === 'postgres' ? await currentXid() : 0
      const res = await call(s, respondents[i], 'POST', `/api/surveys/${surveyId}/responses`, { answers: answersOf(i, markers[i]) }, { 'idempotency-key': `relink-${i}` })
      // The answers are mixed after the submit is answered.
      await settled(s.app)
      if (dialect === 'postgres') brackets.push([before, await currentXid()])
      expect(res.status).toBe(201)
      // The receipt says nothing about the answer.
      expect(res.body).toEqual({ ok: true, surveyId })
    }
    const rows = await responseRows('id')
    expect(rows).toHaveLength(RESPONDENTS)
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['answered_on', 'answers', 'channel', 'id', 'mixed', 'survey_id', 'unit_id'])
      expect(r.id).toMatch(/^[0-9a-f]{32}$/)
      expect(r.answered_on).toBe('2030-05-10')
    }
    const participation = await s.app.db.kysely.selectFrom('survey_participation').selectAll().where('survey_id', '=', surveyId).execute()
    expect(Object.keys(participation[0]).sort()).toEqual(['idem_key', 'survey_id', 'user_id'])
    // The two tables share nothing but the survey.
    const responseValues = new Set(rows.flatMap((r) => [r.id, r.answers]))
    expect(participation.some((p) => responseValues.has(String(p.idem_key)))).toBe(false)
    // The general idempotency table holds nothing for these submits (it would hash the answers).
    const idem = await s.app.db.kysely.selectFrom('idempotency_keys').select('user_id').where('user_id', 'in', respondents.map((r) => r.userId)).execute()
    expect(idem).toEqual([])
    if (dialect === 'sqlite') {
      // No rowid to read the insertion order from. (The message is compared, not the class: better-sqlite3
      // is loaded once per jest worker, so its errors come from another test file's realm.)
      const failure = (q: { execute(db: typeof s.app.db.kysely): Promise<unknown> }) =>
        q.execute(s.app.db.kysely).then(
          () => 'no error',
          (e: { message?: string }) => String(e?.message),
        )
      expect(await failure(sql`select rowid from survey_responses`)).toMatch(/no such column: rowid/)
      expect(await failure(sql`select rowid from survey_participation`)).toMatch(/no such column: rowid/)
    }
    // The first MIX_BATCH answers were rewritten together; only the tail is still unmixed.
    expect(rows.filter((r) => r.mixed === 0)).toHaveLength(RESPONDENTS - MIX_BATCH)
    if (dialect === 'postgres') expect(await xminLinks()).toBeLessThan(MIX_BATCH)
  })

  it('enters paper answers without identity and closes, rewriting every answer in key order', async () => {
    const building = await unitId(s, '3号楼', '梧桐新村')
    for (let i = 0; i < 3; i++) {
      expect((await call(s, moderator, 'POST', `/api/surveys/${surveyId}/paper-responses`, { buildingId: building, answers: answersOf(20 + i, `纸质-${i}`) })).status).toBe(201)
    }
    // Paper counts once a second staff member has checked it; checking moves it among the answers.
    const batches = (await call(s, admin, 'GET', `/api/surveys/${surveyId}/paper-batches`)).body as { items: { id: number }[] }
    expect(batches.items).toHaveLength(3)
    for (const b of batches.items) expect((await call(s, admin, 'POST', `/api/surveys/${surveyId}/paper-batches/${b.id}/check`)).status).toBe(200)
    clock.advance(DAY)
    if (dialect === 'sqlite') pagesBeforeClosing = await answerPages()
    expect((await call(s, moderator, 'POST', `/api/surveys/${surveyId}/close`)).status).toBe(200)
    const natural = await responseRows('natural')
    const byId = await responseRows('id')
    // The physical order is the random key's order, whatever the arrival order was.
    expect(natural.map((r) => r.id)).toEqual(byId.map((r) => r.id))
    const arrival = natural.map((r) => submissionIndex(r.answers)).filter((i) => i >= 0)
    expect(arrival).toHaveLength(RESPONDENTS)
    expect(arrival).not.toEqual([...arrival].sort((a, b) => a - b))
    expect(byId.every((r) => r.mixed === 1)).toBe(true)
    if (dialect === 'postgres') expect(await xminLinks()).toBe(0)
  })

  it('leaves no link in the files or the database pages after closing: no old copy, no submitting xid', async () => {
    const db = s.app.db.kysely
    const participants = await sql<{ user_id: number }>`select user_id from survey_participation where survey_id = ${surveyId}`.execute(db)
    // Participation rows are kept in user order, not in the order people answered.
    expect(participants.rows.map((r) => r.user_id)).toEqual(respondents.map((r) => r.userId).sort((a, b) => a - b))
    const everyMarker = [...markers, '纸质-0', '纸质-1', '纸质-2']
    const occurrences = (bytes: Buffer, text: string) => {
      const needle = Buffer.from(text)
      let n = 0
      for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) n++
      return n
    }
    if (dialect === 'sqlite') {
      const file = (await sql<{ name: string; file: string }>`pragma database_list`.execute(db)).rows.find((r) => r.name === 'main')!.file
      // The WAL, replayed commit by commit, would pair each participation row with its answer: it is empty.
      expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0)
      // The database file holds each answer once, in its live row: no deleted cell or freed page keeps
      // a pre-mix copy.
      const bytes = fs.readFileSync(file)
      expect(everyMarker.map((m) => occurrences(bytes, m))).toEqual(everyMarker.map(() => 1))
      // Nor the unused middle of a page: SQLite rebalancing pages during a mix leaves the bytes of cells
      // that moved there, out of secure_delete's reach. Closing writes the answers onto new pages and
      // drops the old ones, which secure_delete zeroes: none of them holds an answer now (the index
      // written again may reuse them).
      const pagesNow = await answerPages()
      expect(pagesNow.filter((p) => pagesBeforeClosing.includes(p))).toEqual([])
      const size = (await sql<{ page_size: number }>`pragma page_size`.execute(db)).rows[0].page_size
      const page = (no: number) => bytes.subarray((no - 1) * size, no * size)
      expect(pagesBeforeClosing.filter((no) => everyMarker.some((m) => occurrences(page(no), m) > 0))).toEqual([])
      return
    }
    // PostgreSQL, read as a superuser with pageinspect: every tuple on every page, live or dead.
    await sql`create extension if not exists pageinspect schema public`.execute(db).catch(() => undefined)
    const ext = await sql<{ nspname: string }>`select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pageinspect'`.execute(db)
    const ns = sql.id(ext.rows[0].nspname)
    const pages = (table: string) => sql<{ page: Buffer }>`
      select ${ns}.get_raw_page(${table}, b) as page
      from generate_series(0, (pg_relation_size(${table}) / current_setting('block_size')::int)::int - 1) as b`.execute(db)
    const tuples = await sql<{ x: string; flags: number }>`
      select t.t_xmin::text as x, t.lp_flags as flags
      from generate_series(0, (pg_relation_size('survey_responses') / current_setting('block_size')::int)::int - 1) as b,
        ${ns}.heap_page_items(${ns}.get_raw_page('survey_responses', b)) as t
      where t.t_xmin is not null`.execute(db)
    const perXid = new Map<number, number>()
    for (const t of tuples.rows) perXid.set(Number(t.x), (perXid.get(Number(t.x)) ?? 0) + 1)
    // An answer tuple written by a respondent's own transaction names them: one tuple whose xmin was
    // allocated while their submit ran. (A mixing batch of MIX_BATCH or more names nobody.)
    const linked = brackets.map(([lo, hi]) => [...perXid].filter(([x, n]) => x > lo && x < hi && n < MIX_BATCH).length)
    expect(linked).toEqual(brackets.map(() => 0))
    // Nor do the raw pages keep an old copy of an answer beside the live one.
    const bytes = Buffer.concat((await pages('survey_responses')).rows.map((r) => r.page))
    expect(everyMarker.map((m) => occurrences(bytes, m))).toEqual(everyMarker.map(() => 1))
  })

  it('gives no identity next to an answer through any API, export or log entry', async () => {
    const viewers: [string, Actor][] = [
      ['admin', admin],
      ['moderator', moderator],
      ['respondent', respondents[0]],
      ['neighbour', respondents[RESPONDENTS - 1]],
      ['outsider', outsider],
    ]
    const urls = [
      '/api/surveys',
      '/api/surveys?open=1',
      `/api/surveys/${surveyId}`,
      `/api/surveys/${surveyId}/results`,
      `/api/moderation/log?unitId=${wutong}`,
      `/api/indicators?unitId=${wutong}&period=2030`,
      `/api/indicators/summary?unitId=${wutong}`,
      `/api/indicators/inputs?unitId=${wutong}&period=2030`,
      `/api/indicators/export?format=csv&unitId=${wutong}&period=2030`,
      '/api/me',
    ]
    for (const [who, actor] of viewers) {
      for (const url of urls) {
        const res = await call(s, actor, 'GET', url)
        expect(res.status).not.toBe(500)
        bodies.push({ who, url, body: res.body })
      }
      for (const format of ['csv', 'xlsx']) {
        const res = await call(s, actor, 'GET', `/api/surveys/${surveyId}/export?format=${format}`)
        if (res.status !== 200) continue
        const body = format === 'csv' ? csvObjects(res.raw.toString('utf8')) : await readXlsx(res.raw)
        bodies.push({ who, url: `export.${format}`, body })
      }
    }
    expect(bodies.filter((b) => b.url.startsWith('export.')).map((b) => b.who)).toEqual(['admin', 'admin', 'moderator', 'moderator'])

    for (const { who, url, body } of bodies) {
      walk(body, (key, v) => {
        // No key that could carry an identity or a fine time sits over any answer text.
        if (IDENTITY_KEY.test(key)) for (const m of markers) expect([who, url, key, contains(v, m)]).toEqual([who, url, key, false])
        // No per-response date anywhere.
        expect([who, url, /answered_?on/i.test(key)]).toEqual([who, url, false])
      })
      const text = JSON.stringify(body)
      const markersIn = markers.filter((m) => text.includes(m))
      const staffResults = (who === 'admin' || who === 'moderator') && (url.endsWith('/results') || url.startsWith('export.'))
      // Open text appears only in the committee's results and exports, and never in the log.
      expect([who, url, markersIn.length]).toEqual([who, url, staffResults ? RESPONDENTS : 0])
    }

    // In the results, the open answers are bare strings sorted by content.
    const results = bodies.find((b) => b.who === 'moderator' && b.url.endsWith('/results'))!.body as { questions: { questionId: string; texts?: string[] }[] }
    const texts = results.questions.find((q) => q.questionId === 'c1')!.texts!
    expect(texts.every((t) => typeof t === 'string')).toBe(true)
    expect(texts).toEqual([...texts].sort())
    expect(texts.filter((t) => markers.includes(t)).map((t) => markers.indexOf(t))).not.toEqual([...Array(RESPONDENTS).keys()])
    // So are they in the exports.
    const csv = bodies.find((b) => b.who === 'moderator' && b.url === 'export.csv')!.body as Record<string, string>[]
    const openRows = csv.filter((r) => r['部分'] === '开放题')
    expect(openRows.map((r) => r['说明'])).toEqual(texts)
    expect(openRows.every((r) => r['编号'] === 'c1' && r['人数'] === '' && r['分项'] === '')).toBe(true)

    // The log names the committee's acts on the survey, never a respondent or an answer.
    const log = bodies.find((b) => b.who === 'admin' && b.url.startsWith('/api/moderation/log'))!.body as { items: { actorId: number; action: string; targetType: string; targetId: number }[] }
    const mine = log.items.filter((e) => e.targetType === 'survey' && e.targetId === surveyId)
    expect(mine.map((e) => e.action).sort()).toEqual([
      'survey.close',
      'survey.create',
      'survey.paper_batch_check',
      'survey.paper_batch_check',
      'survey.paper_batch_check',
      'survey.paper_response',
      'survey.paper_response',
      'survey.paper_response',
      'survey.publish',
    ])
    const respondentIds = new Set(respondents.map((r) => r.userId))
    expect(log.items.some((e) => respondentIds.has(e.actorId))).toBe(false)
    expect(log.items.some((e) => e.targetType.includes('response'))).toBe(false)
  })

  it('at rest, names nobody by their 楼组: every app answer stands among at least MIN_STORED_CELL respondents', async () => {
    const rows = await responseRows('id')
    const participation = await s.app.db.kysely.selectFrom('survey_participation').selectAll().where('survey_id', '=', surveyId).execute()
    const residents = await verifiedResidents(s, '梧桐居民区')
    const units = await s.app.db.kysely.selectFrom('units').select(['id', 'parent_id']).execute()
    const parentOf = new Map(units.map((u) => [u.id, u.parent_id]))
    const chainOf = (unit: number): number[] => {
      const chain = [unit]
      for (let up = parentOf.get(unit); up != null; up = parentOf.get(up)) chain.push(up)
      return chain
    }
    const buildingOf = new Map(residents.map((r) => [r.userId, r.buildingId]))
    const homes = participation.map((p) => buildingOf.get(p.user_id)!)
    // The attack: a database reader knows who answered (participation) and where they live (residences),
    // and that a 楼组's answers sit in the nearest unit above it that holds answers: a row in a unit that
    // holds one respondent is that respondent's answer.
    const stored = new Set(rows.map((r) => r.unit_id))
    const cellOf = (building: number) => chainOf(building).find((u) => stored.has(u))
    const candidates = (unit: number) => homes.filter((b) => cellOf(b) === unit).length
    const perBuilding = new Map<number, number>()
    for (const b of homes) perBuilding.set(b, (perBuilding.get(b) ?? 0) + 1)
    // There were respondents alone in their 楼组, and 楼组 with several.
    expect([...perBuilding.values()].some((n) => n < MIN_STORED_CELL)).toBe(true)
    const app = rows.filter((r) => r.channel === 'app')
    const named = app.filter((r) => candidates(r.unit_id) < MIN_STORED_CELL)
    expect(named).toEqual([])
    // Crowded 楼组 keep their 楼组 for weighting, and within a cell nothing but the key and the answers differs.
    const kept = app.filter((r) => perBuilding.has(r.unit_id))
    expect(kept.length).toBeGreaterThan(0)
    for (const unit of new Set(app.map((r) => r.unit_id))) {
      const same = app.filter((r) => r.unit_id === unit)
      expect(new Set(same.map((r) => `${r.answered_on}|${r.channel}|${r.mixed}|${r.survey_id}`)).size).toBe(1)
    }
  })
  it('keeps every concurrent answer exactly once, and never mixes fewer than MIX_BATCH together', async () => {
    const id = await openRatingSurvey()
    const everyone = await Promise.all((await verifiedResidents(s, '梧桐居民区')).map((r) => loginUser(s, r.userId)))
    const submit = (who: Actor, key: string, value: number) =>
      call(s, who, 'POST', `/api/surveys/${id}/responses`, { answers: [{ questionId: 'c1', value }] }, { 'idempotency-key': key })
    // Each resident three times at once: twice with one key (a retry), once with another (a second attempt).
    const results = await Promise.all(everyone.flatMap((who, i) => [submit(who, `a${i}`, 1 + (i % 10)), submit(who, `a${i}`, 1 + (i % 10)), submit(who, `b${i}`, 1)]))
    await settled(s.app)
    for (let i = 0; i < everyone.length; i++) {
      const mine = results.slice(i * 3, i * 3 + 3)
      // Exactly one attempt counted; a retry of its key replays it; the other key is refused.
      expect(mine.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1)
      expect([[201, 201, 409], [201, 409, 409]]).toContainEqual(mine.map((r) => r.status).sort())
    }
    const rows = await s.app.db.kysely.selectFrom('survey_responses').select(['id', 'mixed']).where('survey_id', '=', id).execute()
    expect(rows).toHaveLength(everyone.length)
    expect(await s.app.db.kysely.selectFrom('survey_participation').select('user_id').where('survey_id', '=', id).execute()).toHaveLength(everyone.length)
    if (dialect === 'postgres') {
      const batches = await sql<{ n: number }>`select count(*)::int as n from survey_responses where survey_id = ${id} and mixed = 1 group by xmin`.execute(s.app.db.kysely)
      expect(batches.rows.every((b) => b.n >= MIX_BATCH)).toBe(true)
    }
    expect(rows.filter((r) => r.mixed === 1).length).toBeGreaterThanOrEqual(MIX_BATCH)
  })

  it('answers the submit that completes a batch at once, and mixes the batch after the answer', async () => {
    const id = await openRatingSurvey()
    const batch = await Promise.all((await verifiedResidents(s, '梧桐居民区')).slice(0, MIX_BATCH).map((r) => loginUser(s, r.userId)))
    const submit = (who: Actor) => call(s, who, 'POST', `/api/surveys/${id}/responses`, { answers: [{ questionId: 'c1', value: 7 }] })
    for (const who of batch.slice(0, -1)) expect((await submit(who)).status).toBe(201)
    await settled(s.app)
    // A reader holds an old snapshot, so the erasing that follows a mix waits for it (SQLite's TRUNCATE
    // checkpoint, PostgreSQL's wait before VACUUM), for seconds.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let reading: Promise<unknown>
    if (dialect === 'sqlite') {
      const file = (await sql<{ name: string; file: string }>`pragma database_list`.execute(s.app.db.kysely)).rows.find((r) => r.name === 'main')!.file
      const reader = new Database(file, { readonly: true })
      reader.exec('begin')
      reader.prepare('select count(*) from survey_responses').get()
      reading = held.then(() => {
        reader.exec('commit')
        reader.close()
      })
    } else {
      let began!: () => void
      const snapshot = new Promise<void>((resolve) => (began = resolve))
      reading = s.app.db.kysely
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          await sql`select count(*) from survey_responses`.execute(trx)
          began()
          await held
        })
      await snapshot
    }
    let mixed = false
    try {
      expect((await submit(batch[batch.length - 1])).status).toBe(201)
      // The resident had their answer while the mix still waited for the reader.
      const mixing = settled(s.app).then(() => (mixed = true))
      await new Promise((resolve) => setImmediate(resolve))
      expect(mixed).toBe(false)
      release()
      await mixing
    } finally {
      // Released whatever happened above: a held PostgreSQL connection would keep the server from closing.
      release()
      await reading
    }
    const rows = await s.app.db.kysely.selectFrom('survey_responses').select('mixed').where('survey_id', '=', id).execute()
    expect(rows.map((r) => r.mixed)).toEqual(Array(MIX_BATCH).fill(1))
  })

  // A closing held open by hand while a resident submits: an answer that slipped in beside it would stay
  // outside the closing's rewrite. SQLite takes one writer at a time, so only PostgreSQL can interleave.
  ;(dialect === 'postgres' ? it : it.skip)('refuses an answer submitted while the survey is being closed', async () => {
    const id = await openRatingSurvey()
    const [who] = await Promise.all((await verifiedResidents(s, '梧桐居民区')).slice(0, 1).map((r) => loginUser(s, r.userId)))
    const db = s.app.db.kysely
    const closing = await db.startTransaction().execute()
    await closing.updateTable('surveys').set({ state: 'closed' }).where('id', '=', id).execute()
    const submitted = call(s, who, 'POST', `/api/surveys/${id}/responses`, { answers: [{ questionId: 'c1', value: 7 }] })
    // Commit once the submit has finished, or waits for the closing's row lock.
    await settledOrWaitingForLock(db, submitted, '%from "surveys"%for share%')
    await closing.commit().execute()
    const res = await submitted
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('survey_not_open')
    expect(await db.selectFrom('survey_responses').select('id').where('survey_id', '=', id).execute()).toEqual([])
  })
})

// The server's own log output (pino, as in production) while residents answer: run the real server.
describe('anonymity: the server log', () => {
  it('never writes an answer, and never a user next to a survey response', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-relink-'))
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../server/main.ts')], {
      env: {
        ...process.env,
        AUTH_MODE: 'dev',
        SEED_DEMO: '1',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        STATIC_DIR: '',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'trace',
        WRITE_RATE_LIMIT: '100000',
        LOGIN_RATE_LIMIT: '100000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
        const check = () => {
          const m = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
          if (m) {
            clearTimeout(timer)
            resolve(Number(m[1]))
          }
        }
        child.stdout.on('data', check)
        child.on('exit', () => reject(new Error(`server exited:\n${output}`)))
      })
      const base = `http://127.0.0.1:${port}`
      const json = async (method: string, url: string, token?: string, body?: unknown) => {
        const res = await fetch(base + url, {
          method,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: body !== undefined ? JSON.stringify(body) : undefined,
        })
        return { status: res.status, body: (await res.json().catch(() => null)) as JsonBody }
      }
      const users = (await json('GET', '/api/auth/dev-users')).body.users as { id: number; description: string }[]
      const login = async (id: number) => (await json('POST', '/api/auth/dev-login', undefined, { userId: id })).body.token as string
      const mod = await login(users.find((u) => u.description === MODERATOR)!.id)
      const units = (await json('GET', '/api/units', mod)).body
      const wutong = JSON.stringify(units).match(/"id":(\d+),"parentId":\d+,"level":"neighbourhood","name":"梧桐居民区"/)
      expect(wutong).not.toBeNull()
      const created = await json('POST', '/api/surveys', mod, { unitId: Number(wutong![1]), questions: [{ type: 'text', text: '一句话', required: true }] })
      expect(created.status).toBe(201)
      const id = created.body.id
      expect((await json('POST', `/api/surveys/${id}/publish`, mod)).status).toBe(200)
      const verified = users.filter((u) => /梧桐|安和|华山/.test(u.description) && u.description.includes('已认证'))
      const secrets: string[] = []
      const ids: number[] = []
      for (const u of verified.slice(0, 11)) {
        const secret = `秘密${randomBytes(4).toString('hex')}`
        secrets.push(secret)
        ids.push(u.id)
        const res = await json('POST', `/api/surveys/${id}/responses`, await login(u.id), { answers: [{ questionId: 'c1', value: secret }] })
        expect(res.status).toBe(201)
      }
      expect((await json('POST', `/api/surveys/${id}/close`, mod)).status).toBe(200)
      const results = await json('GET', `/api/surveys/${id}/results`, mod)
      expect(results.body.questions[0].texts).toHaveLength(11)
      await fetch(`${base}/api/surveys/${id}/export?format=csv`, { headers: { authorization: `Bearer ${mod}` } }).then((r) => r.text())

      const lines = output.split('\n').filter(Boolean)
      expect(lines.some((l) => l.includes(`/api/surveys/${id}/responses`))).toBe(true)
      for (const secret of secrets) expect(output).not.toContain(secret)
      for (const line of lines.filter((l) => l.includes('/responses'))) {
        expect(line).not.toMatch(/"(userId|user_id|user)"\s*:/)
        expect(line).not.toMatch(/authorization|Bearer/i)
      }
      expect(output).not.toMatch(/"answers"/)
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r)).catch(() => undefined)
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})

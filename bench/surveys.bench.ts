// Surveys under load: a 30-question survey (满意度 + 归属感 + 知晓度 items and 7 custom questions) of
// 梧桐居民区 with 20,000 responses; the time to compute its results and the 居民区's index, response-submit
// throughput (100 concurrent residents, each answering once), closing (which rewrites every answer) and
// the .xlsx export. A real server on loopback over SQLite (or BENCH_DATABASE_URL's PostgreSQL).
// Run: npm run bench -- surveys   (or npx tsx bench/surveys.bench.ts)

import { randomBytes } from 'node:crypto'
import { INSTRUMENTS } from '../src/scoring'
import { hashToken } from '../server/accounts/sessions'
import { formatLoad, runLoad } from './support/load'
import { startBenchServer } from './support/server'
import { prng } from '../server/core/random'

const RESPONSES = 20_000
const BATCH = 500
const SUBMITTERS = 2_000
const CONCURRENCY = 100
const RUNS = 5

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function main() {
  const server = await startBenchServer()
  const { app, url } = server
  const db = app.db.kysely
  const json = async (method: string, path: string, auth: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return res
  }
  const moderator = await db.selectFrom('users').select('id').where('demo_description', '=', '居委会 · 梧桐居民区').executeTakeFirstOrThrow()
  const login = await fetch(`${url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: moderator.id }) })
  const modAuth = `Bearer ${((await login.json()) as { token: string }).token}`
  const wutong = (await db.selectFrom('units').select('id').where('name', '=', '梧桐居民区').executeTakeFirstOrThrow()).id
  const buildings = await db
    .selectFrom('units as b')
    .innerJoin('units as e', 'e.id', 'b.parent_id')
    .select(['b.id', 'b.households'])
    .where('e.parent_id', '=', wutong)
    .orderBy('b.id')
    .execute()

  // ---- the survey: 23 instrument items + 7 custom questions ----
  const created = await json('POST', '/api/surveys', modAuth, {
    unitId: wutong,
    instruments: ['satisfaction', 'belonging', 'awareness'],
    title: '压力测试问卷',
    closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    questions: [
      { type: 'single', text: '住了多久？', options: ['不到3年', '3–10年', '10年以上'] },
      { type: 'multiple', text: '想改善什么？', options: ['停车', '绿化', '楼道', '健身', '助餐'], maxChoices: 3 },
      { type: 'likert', text: '电梯方案满意吗？', dkLabel: '不清楚' },
      { type: 'rating', text: '物业打分' },
      { type: 'text', text: '一句话建议' },
      { type: 'single', text: '年龄', options: ['60岁以下', '60–75岁', '75岁以上'] },
      { type: 'rating', text: '环境打分' },
    ],
  })
  const survey = (await created.json()) as { id: number; questions: { id: string; type: string; instrumentId?: string; options?: string[] }[] }
  if (survey.questions.length !== 30) throw new Error(`expected 30 questions, got ${survey.questions.length}`)
  await json('POST', `/api/surveys/${survey.id}/publish`, modAuth)

  const random = prng(30)
  const items = new Map(
    (['satisfaction', 'belonging', 'awareness'] as const).flatMap((id) => INSTRUMENTS[id].items.map((item) => [item.id, item] as const)),
  )
  const answer = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    const mood = random() - 0.5
    for (const q of survey.questions) {
      const item = items.get(q.id)
      if (item) {
        const r = random()
        if (item.scale.dkLabel && r < 0.05) out[q.id] = 'dk'
        else if (item.kind === 'knowledge') out[q.id] = random() < 0.6 + mood * 0.3 ? 1 : 0
        else out[q.id] = Math.max(1, Math.min(5, Math.round(3.5 + mood * 2 + (random() - 0.5) * 2)))
        continue
      }
      if (q.type === 'single') out[q.id] = Math.floor(random() * q.options!.length)
      else if (q.type === 'multiple') out[q.id] = [1, ...[0, 2, 4].filter(() => random() < 0.5).slice(0, 2)]
      else if (q.type === 'likert') out[q.id] = random() < 0.1 ? 'dk' : 1 + Math.floor(random() * 5)
      else if (q.type === 'rating') out[q.id] = 1 + Math.floor(random() * 10)
      else if (random() < 0.3) out[q.id] = `建议${Math.floor(random() * 1000)}`
    }
    return out
  }
  const totalHouseholds = buildings.reduce((s, b) => s + b.households, 0)
  const pickBuilding = () => {
    let x = random() * totalHouseholds
    for (const b of buildings) if ((x -= b.households) < 0) return b.id
    return buildings[buildings.length - 1].id
  }

  // ---- seed 20,000 responses in batches, each batch one transaction ----
  let t0 = performance.now()
  for (let done = 0; done < RESPONSES; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, RESPONSES - done) }, () => ({
      id: randomBytes(16).toString('hex'),
      survey_id: survey.id,
      unit_id: pickBuilding(),
      answered_on: '2026-11-01',
      channel: (random() < 0.2 ? 'paper' : 'app') as 'app' | 'paper',
      answers: JSON.stringify(answer()),
      mixed: 1,
    }))
    await db.transaction().execute((trx) => trx.insertInto('survey_responses').values(rows).execute())
  }
  console.log(`surveys: seeded ${RESPONSES} responses × ${survey.questions.length} questions in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  // ---- response-submit throughput: 2,000 verified residents, 100 at a time, each answering once ----
  t0 = performance.now()
  const tokens: string[] = []
  for (let done = 0; done < SUBMITTERS; done += BATCH) {
    await db.transaction().execute(async (trx) => {
      const now = new Date().toISOString()
      const users = await trx
        .insertInto('users')
        .values(Array.from({ length: Math.min(BATCH, SUBMITTERS - done) }, () => ({ created_at: now })))
        .returning('id')
        .execute()
      await trx
        .insertInto('residences')
        .values(
          users.map((u, i) => ({
            user_id: u.id,
            building_id: buildings[(done + i) % buildings.length].id,
            room: `B${done + i}`,
            status: 'approved' as const,
            is_representative: 0,
            requested_at: now,
            reviewed_at: now,
          })),
        )
        .execute()
      const sessions = users.map((u) => {
        const token = randomBytes(32).toString('base64url')
        tokens.push(token)
        return { token_hash: hashToken(token), user_id: u.id, created_at: now, expires_at: new Date(Date.now() + 86_400_000).toISOString() }
      })
      await trx.insertInto('sessions').values(sessions).execute()
    })
  }
  console.log(`surveys: ${SUBMITTERS} verified residents with sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const bodies = tokens.map(() =>
    JSON.stringify({ answers: Object.entries(answer()).map(([questionId, value]) => ({ questionId, value })) }),
  )
  const failures = new Map<string, number>()
  const submit = await runLoad({
    concurrency: CONCURRENCY,
    total: SUBMITTERS,
    send: async (i) => {
      const res = await fetch(`${url}/api/surveys/${survey.id}/responses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json', 'idempotency-key': `bench-${i}` },
        body: bodies[i],
      }).catch((err: Error) => {
        const what = `${err.message}: ${String((err.cause as Error | undefined)?.message ?? '')}`
        failures.set(what, (failures.get(what) ?? 0) + 1)
        throw err
      })
      const text = await res.text()
      if (res.status !== 201) failures.set(`${res.status} ${text.slice(0, 120)}`, (failures.get(`${res.status} ${text.slice(0, 120)}`) ?? 0) + 1)
      return res.status === 201
    },
  })
  for (const [what, n] of failures) console.log(`surveys:   refused ${n}× ${what}`)
  console.log(formatLoad(`surveys: POST /responses (${CONCURRENCY} concurrent, 30 answers each, mixing every 10)`, submit))
  const stored = await db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', survey.id)
    .executeTakeFirstOrThrow()
  console.log(`surveys: ${Number(stored.n)} responses stored (${RESPONSES} seeded + ${SUBMITTERS - submit.errors} submitted)`)

  // ---- close: every answer rewritten in key order ----
  t0 = performance.now()
  await json('POST', `/api/surveys/${survey.id}/close`, modAuth)
  console.log(`surveys: POST /close rewrote ${Number(stored.n)} responses in ${(performance.now() - t0).toFixed(0)} ms`)

  // ---- results and the index ----
  const time = async (label: string, path: string) => {
    const times: number[] = []
    let bytes = 0
    for (let run = 0; run <= RUNS; run++) {
      const start = performance.now()
      const res = await json('GET', path, modAuth)
      bytes = (await res.arrayBuffer()).byteLength
      if (run > 0) times.push(performance.now() - start) // the first run warms up
    }
    console.log(
      `surveys: ${label}: median ${median(times).toFixed(0)} ms over ${RUNS} runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; ${(bytes / 1024).toFixed(0)} KiB)`,
    )
  }
  const year = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)
  await time(`GET /results (${Number(stored.n)} responses × 30 questions, 3 instruments scored)`, `/api/surveys/${survey.id}/results`)
  await time(`GET /api/indicators (梧桐居民区 ${year}, with the previous year)`, `/api/indicators?unitId=${wutong}&period=${year}`)
  await time('GET /export?format=xlsx', `/api/surveys/${survey.id}/export?format=xlsx`)
  await time('GET /export?format=csv', `/api/surveys/${survey.id}/export?format=csv`)

  await server.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

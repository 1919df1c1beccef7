// The server under load, measured from outside: the app in its own process on a prepared 街道 (10,000
// proposals, 100,000 verified residents, a 议事厅 topic with 50,000 posts — 1,000,000 with
// BENCH_SCALE=full — and a survey with 20,000 answers), autocannon in another, and a bare Fastify route
// in a third, measured in the same run: every figure is also given as its share of bare Fastify's req/s,
// which is what stays comparable on a shared, noisy machine.
// SQLite by default; BENCH_DATABASE_URL=postgres://… for PostgreSQL (in a throwaway schema).
// BENCH_CONNECTIONS (100), BENCH_SECONDS (10), BENCH_ONLY=me,list,… (scenario names below); BENCH_PRAGMA
// (e.g. "synchronous=FULL") runs one SQLite pragma in the server first, to compare a setting; BENCH_PROFILE=dir
// writes the server's CPU profile there (node --cpu-prof) when it stops; BENCH_NODE_FLAGS (e.g. "--trace-gc")
// are given to the server's node; BENCH_WORKERS=n serves from n
// cluster workers (as WORKERS=n does); BENCH_SOAK_MINUTES=m runs the mix for m minutes (scenario "soak"),
// sampling the server's RSS every 30 s.
// Run: npm run bench -- load

import { fork, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { encodeCursor } from '../server/discussions/cursor'
import { seedDemoCommunity } from '../server/seed/demo'
import { prng } from '../server/core/random'
import { INSTRUMENTS } from '../src/scoring'
import type { CannonRequest, CannonResult, CannonSpec } from './support/cannon'
import { benchDatabase } from './support/database'
import { BATCH, openSessions, seedStreet } from './support/street'
import { combineStats, type ServerStats } from './support/server-stats'

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null
const POSTS = process.env.BENCH_SCALE === 'full' ? 1_000_000 : 50_000
const RESPONSES = 20_000
const READERS = 2_000
const COSIGNS = 5_000
const NEW_POSTS = 2_000
const SUBMITS = 2_000
// Every 10th write is sent again with the same Idempotency-Key, as a client retrying a lost answer would.
const RETRY_EVERY = 10
// Before each write scenario, a tenth as many writes of the same kind (other residents, other keys) warm it
// up, as the reads' one-second warm-up does: the first writes of a process are compiled and planned cold.
const WARM_SHARE = 0.1
const withWarmUp = (n: number) => n + Math.ceil(n * WARM_SHARE)
const SOAK_MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10)
// The soak is long: only when asked for by name.
const wanted = (name: string) => (ONLY ? ONLY.has(name) : name !== 'soak')

interface Child {
  url: string
  /** The server's own view since the last call (app-server.ts). */
  stats(): Promise<ServerStats>
  stop(): Promise<void>
}

function startChild(entry: string, env: Record<string, string | undefined>, execArgv: string[] = []): Promise<Child> {
  const child = fork(path.join(__dirname, 'support', entry), [], { execArgv: ['--import', 'tsx', ...execArgv], env: { ...process.env, ...env }, stdio: 'inherit' })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)))
    child.once('message', (m: { port: number }) =>
      resolve({
        url: `http://127.0.0.1:${m.port}`,
        stats: () =>
          new Promise<ServerStats>((done) => {
            child.once('message', (s: ServerStats) => done(s))
            child.send('stats')
          }),
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit')
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      }),
    )
  })
}

const specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-cannon-'))
let specs = 0
function cannon(spec: CannonSpec): Promise<CannonResult> {
  const file = path.join(specDir, `${specs++}.json`)
  fs.writeFileSync(file, JSON.stringify(spec))
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'cannon.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as CannonResult) : reject(new Error(`autocannon exited with ${code}`)))),
  )
}

interface Row {
  name: string
  result: CannonResult
  server?: ServerStats
  note?: string
}

async function main() {
  // ---- the database: a fresh SQLite file, or a throwaway PostgreSQL schema ----
  const { database, databaseUrl, dataDir, pgSchema, drop } = await benchDatabase('bench')
  const db = database.kysely
  await seedDemoCommunity(db)
  let t0 = performance.now()
  const street = await seedStreet(db)
  console.log(`load: seeded 100,000 residents and 10,000 proposals in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${database.dialect}`)

  const random = prng(13)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]
  const allResidents = street.neighbourhoods.flatMap((nb) => nb.residents)
  const readers = [...new Set(Array.from({ length: READERS }, () => pick(allResidents)))]
  const auth = await openSessions(db, readers)
  const nbOf = new Map(street.neighbourhoods.flatMap((nb) => nb.residents.map((u) => [u, nb] as const)))
  const proposalsByNb = new Map<number, number[]>()
  for (const r of await db.selectFrom('proposals').select(['id', 'neighbourhood_id']).execute()) {
    proposalsByNb.set(r.neighbourhood_id, [...(proposalsByNb.get(r.neighbourhood_id) ?? []), r.id])
  }

  // The 居委会 member of the first 居民区 opens the topic and the survey through the API, as the app would.
  const home = street.neighbourhoods[0]
  const moderator = (await db.insertInto('users').values({ created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow()).id
  await db.insertInto('role_grants').values({ user_id: moderator, role: 'moderator', unit_id: home.id, label: null, created_at: new Date().toISOString() }).execute()
  const modAuth = (await openSessions(db, [moderator])).get(moderator)!

  const bare = await startChild('bare-server.ts', {})
  const serverFlags = [
    ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : []),
    ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
  ]
  const app = await startChild('app-server.ts', { BENCH_DATA_DIR: dataDir, BENCH_DATABASE_URL: databaseUrl, BENCH_PG_SCHEMA: pgSchema, BENCH_WORKERS: process.env.BENCH_WORKERS }, serverFlags)
  const call = async (method: string, target: string, who: string, body?: unknown) => {
    const res = await fetch(app.url + target, {
      method,
      headers: { authorization: who, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
    if (!res.ok) throw new Error(`${method} ${target}: ${res.status} ${await res.text()}`)
    return res
  }

  // ---- 议事厅: one topic of the first 居民区 with 50,000 posts (every 10th a reply) ----
  const topicId = ((await (await call('POST', '/api/topics', modAuth, { unitId: home.id, question: '停车管理公约（压力测试）', background: '很多发言' })).json()) as { id: number }).id
  t0 = performance.now()
  const roots: number[] = []
  const start = Date.parse('2025-01-01T00:00:00.000Z')
  for (let done = 0; done < POSTS; done += BATCH) {
    await db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: Math.min(BATCH, POSTS - done) }, (_, k) => {
        const i = done + k
        const reply = i % 10 === 9 && roots.length > 0
        return {
          topic_id: topicId,
          parent_id: reply ? roots[roots.length - 1 - Math.floor(random() * Math.min(50, roots.length))] : null,
          author_id: pick(home.residents),
          author_label: '3号楼居民',
          author_is_staff: 0,
          official: 0,
          body: `第${i + 1}条：关于夜间停车，建议划定临时车位并错峰收费。`,
          photos: '[]',
          status: 'published' as const,
          hidden_reason: null,
          flagged_at: null,
          open_reports: 0,
          like_count: reply ? 0 : Math.floor(random() ** 3 * 60),
          reply_count: 0,
          created_at: new Date(start + i * 1000).toISOString(),
        }
      })
      for (const r of await trx.insertInto('posts').values(rows).returning(['id', 'parent_id']).execute()) if (r.parent_id === null) roots.push(r.id)
    })
  }
  await db.updateTable('topics').set({ post_count: POSTS, last_post_at: new Date(start + POSTS * 1000).toISOString() }).where('id', '=', topicId).execute()
  console.log(`load: seeded ${POSTS} posts in one topic in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  // ---- a 30-question survey of the first 居民区 with 20,000 answers ----
  const created = await call('POST', '/api/surveys', modAuth, {
    unitId: home.id,
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
  const survey = (await created.json()) as { id: number; questions: { id: string; type: string; options?: string[] }[] }
  await call('POST', `/api/surveys/${survey.id}/publish`, modAuth)
  const items = new Map((['satisfaction', 'belonging', 'awareness'] as const).flatMap((id) => INSTRUMENTS[id].items.map((item) => [item.id, item] as const)))
  const answer = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    const mood = random() - 0.5
    for (const q of survey.questions) {
      const item = items.get(q.id)
      if (item) {
        if (item.scale.dkLabel && random() < 0.05) out[q.id] = 'dk'
        else if (item.kind === 'knowledge') out[q.id] = random() < 0.6 + mood * 0.3 ? 1 : 0
        else out[q.id] = Math.max(1, Math.min(5, Math.round(3.5 + mood * 2 + (random() - 0.5) * 2)))
      } else if (q.type === 'single') out[q.id] = Math.floor(random() * q.options!.length)
      else if (q.type === 'multiple') out[q.id] = [1, ...[0, 2, 4].filter(() => random() < 0.5).slice(0, 2)]
      else if (q.type === 'likert') out[q.id] = random() < 0.1 ? 'dk' : 1 + Math.floor(random() * 5)
      else if (q.type === 'rating') out[q.id] = 1 + Math.floor(random() * 10)
      else if (random() < 0.3) out[q.id] = `建议${Math.floor(random() * 1000)}`
    }
    return out
  }
  const homeBuildings = home.estates.flatMap((e) => e.buildings)
  for (let done = 0; done < RESPONSES; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, RESPONSES - done) }, () => ({
      id: randomBytes(16).toString('hex'),
      survey_id: survey.id,
      unit_id: pick(homeBuildings),
      answered_on: '2026-11-01',
      channel: (random() < 0.2 ? 'paper' : 'app') as 'app' | 'paper',
      answers: JSON.stringify(answer()),
      mixed: 1,
    }))
    await db.insertInto('survey_responses').values(rows).execute()
  }
  await sql`analyze`.execute(db)
  // Seeding left a large write-ahead log; fold it in now rather than during the measured load.
  if (database.dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)

  // ---- reads ----
  const get = (target: (u: number) => string): CannonRequest[] => readers.map((u) => ({ method: 'GET', path: target(u), headers: { authorization: auth.get(u)! } }))
  const residentAuth = auth.get(home.residents.find((u) => auth.has(u)) ?? readers[0])!
  const page = async (target: string) => ((await (await call('GET', target, residentAuth)).json()) as { nextCursor: string }).nextCursor
  const deepRoot = Math.floor(roots.length * 0.8)
  const deepOldest = await db.selectFrom('posts').select(['id', 'created_at']).where('id', '=', roots[deepRoot]).executeTakeFirstOrThrow()
  const deepCursor = encodeURIComponent(encodeCursor({ sort: 'oldest', createdAt: deepOldest.created_at, id: deepOldest.id }))
  await page(`/api/topics/${topicId}/posts?limit=20`) // the topic answers before it is measured
  const homeReaders = readers.filter((u) => nbOf.get(u) === home)
  const topicReaders = homeReaders.length > 0 ? homeReaders : readers
  const getAs = (who: number[], target: string): CannonRequest[] => who.map((u) => ({ method: 'GET', path: target, headers: { authorization: auth.get(u)! } }))
  const me = get(() => '/api/me')
  const newest = get(() => '/api/proposals?limit=20')
  const bySigns = get(() => '/api/proposals?limit=20&sort=cosigns')
  const detail = get((u) => `/api/proposals/${pick(proposalsByNb.get(nbOf.get(u)!.id)!)}`)
  const homePage = get(() => '/api/proposals/home')
  const reads: [string, string, CannonRequest[]][] = [
    ['me', 'GET /api/me', me],
    ['list', 'proposals, newest 20', newest],
    ['cosigned', 'proposals, most co-signed 20', bySigns],
    ['detail', 'proposal detail', detail],
    ['home', '首页 /api/proposals/home', homePage],
    ['mix', 'mix of list, co-signed, detail, 首页', newest.flatMap((r, i) => [r, bySigns[i], detail[i], homePage[i]])],
    ['posts', `议事厅 first page (${POSTS} posts)`, getAs(topicReaders, `/api/topics/${topicId}/posts?limit=20`)],
    ['posts-deep', `议事厅 page at root ${deepRoot}`, getAs(topicReaders, `/api/topics/${topicId}/posts?limit=20&cursor=${deepCursor}`)],
    ['posts-liked', '议事厅 most liked first', getAs(topicReaders, `/api/topics/${topicId}/posts?limit=20&sort=liked`)],
  ]
  const rows: Row[] = []
  const ms = (x: number) => x.toFixed(x < 10 ? 1 : 0)
  const print = ({ name, result: r, server, note }: Row) =>
    console.log(
      `| ${name} | ${r.perSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} / ${r.non2xx} | ${((r.perSecond / rows[0].result.perSecond) * 100).toFixed(1)}% | ` +
        `${server ? `${ms(server.served)} / ${ms(server.wait)} / ${ms(server.waitMax)} / ${ms(server.loopMax)} / ${server.rss.toFixed(0)} / ${((server.cpu * 1000) / r.requests).toFixed(0)}` : ''} | ${note ?? ''} |`,
    )
  const record = (row: Row) => {
    rows.push(row)
    print(row)
  }
  const workers = Number(process.env.BENCH_WORKERS ?? 1)
  console.log(`\nload: ${database.dialect}, ${workers} worker(s), ${CONNECTIONS} connections, ${SECONDS} s each (writes: each request once, every ${RETRY_EVERY}th twice)`)
  console.log('| scenario | req/s | p50 ms | p99 ms | max ms | errors / non-2xx | share of bare | server: p99 served / p99, max conn. wait / max loop block ms / RSS MB / CPU µs per request | note |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
  const measure = (url: string, requests: CannonRequest[], amount?: number) => cannon({ url, connections: CONNECTIONS, seconds: SECONDS, amount, requests })
  const bareResult = await measure(bare.url, [{ method: 'GET', path: '/hello', headers: {} }])
  record({ name: 'bare Fastify GET /hello', result: bareResult })
  for (const [name, label, requests] of reads) {
    if (!wanted(name)) continue
    await cannon({ url: app.url, connections: CONNECTIONS, seconds: 1, requests }) // warm-up: connections open, code hot
    await app.stats()
    const result = await measure(app.url, requests)
    record({ name: label, result, server: await app.stats() })
  }

  // ---- memory: the mix for SOAK_MINUTES, the server's RSS every 30 s ----
  if (wanted('soak')) {
    const mix = reads.find(([name]) => name === 'mix')![2]
    const samples: { minute: number; rss: number }[] = []
    // Each sample's figures cover the 30 s since the last: the row combines them.
    const windows: ServerStats[] = []
    const t = performance.now()
    const running = cannon({ url: app.url, connections: CONNECTIONS, seconds: SOAK_MINUTES * 60, requests: mix })
    let done = false
    void running.finally(() => (done = true))
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 30_000))
      const minute = (performance.now() - t) / 60_000
      const sample = await app.stats()
      windows.push(sample)
      samples.push({ minute, rss: sample.rss })
      console.log(`load: soak at ${minute.toFixed(1)} min: RSS ${samples[samples.length - 1].rss.toFixed(0)} MB`)
    }
    const result = await running
    windows.push(await app.stats())
    const atTwo = samples.find((x) => x.minute >= 2) ?? samples[0]
    const end = samples[samples.length - 1]
    record({
      name: `mix for ${SOAK_MINUTES} min`,
      result,
      server: combineStats(windows),
      note: `RSS ${atTwo.rss.toFixed(0)} MB at minute 2, ${end.rss.toFixed(0)} MB at the end (${(((end.rss - atTwo.rss) / atTwo.rss) * 100).toFixed(1)}%), peak ${Math.max(...samples.map((x) => x.rss)).toFixed(0)} MB`,
    })
  }

  // ---- writes: each its own transaction with an Idempotency-Key; every 10th sent twice ----
  // `all` holds withWarmUp(n) writes: the warm-up's first, then the n measured.
  const writes = async (name: string, label: string, all: CannonRequest[], n: number, count: () => Promise<number>) => {
    if (!wanted(name)) return
    const warm = all.length - n
    await measure(app.url, all.slice(0, warm), warm)
    const list = all.slice(warm)
    const sent = list.flatMap((r, i) => (i % RETRY_EVERY === 0 ? [r, r] : [r]))
    const before = await count()
    await app.stats()
    const result = await measure(app.url, sent, sent.length)
    const server = await app.stats()
    const acknowledged = new Set(result.acknowledged.map((i) => sent[i].headers['idempotency-key']))
    const added = (await count()) - before
    const lost = Math.max(0, acknowledged.size - added)
    const doubled = Math.max(0, added - list.length)
    record({ name: label, result, server, note: `${acknowledged.size} acknowledged, ${added} written: ${lost} lost, ${doubled} doubled (after ${warm} to warm up)` })
  }
  // Co-signing: distinct residents on 居民区-level proposals still collecting, far from their threshold.
  const targets = await db
    .selectFrom('proposals')
    .select(['id', 'neighbourhood_id'])
    .where('state', '=', 'submitted')
    .where('level', '=', 'neighbourhood')
    .where(sql<boolean>`cosign_count + 110 < threshold`)
    .orderBy('id')
    .limit(50)
    .execute()
  const signed = new Set((await db.selectFrom('proposal_cosigns').select(['proposal_id', 'user_id']).where('proposal_id', 'in', targets.map((t) => t.id)).execute()).map((r) => `${r.proposal_id}:${r.user_id}`))
  const pairs: { proposal: number; user: number }[] = []
  for (let i = 0; pairs.length < withWarmUp(COSIGNS); i++) {
    const t = targets[i % targets.length]
    const u = pick(street.neighbourhoods.find((n) => n.id === t.neighbourhood_id)!.residents)
    if (signed.has(`${t.id}:${u}`)) continue
    signed.add(`${t.id}:${u}`)
    pairs.push({ proposal: t.id, user: u })
  }
  const writers = await openSessions(db, [...new Set(pairs.map((p) => p.user))])
  const key = () => randomBytes(12).toString('hex')
  await writes(
    'cosign',
    `co-signing (${targets.length} proposals)`,
    pairs.map((p) => ({ method: 'POST', path: `/api/proposals/${p.proposal}/cosign`, headers: { authorization: writers.get(p.user)!, 'idempotency-key': key() } })),
    COSIGNS,
    async () => Number((await db.selectFrom('proposal_cosigns').select((eb) => eb.fn.countAll<number>().as('n')).where('proposal_id', 'in', targets.map((t) => t.id)).executeTakeFirstOrThrow()).n),
  )
  const posters = await openSessions(db, Array.from({ length: withWarmUp(NEW_POSTS) }, (_, i) => home.residents[i % home.residents.length]))
  await writes(
    'post',
    '议事厅 posting',
    Array.from({ length: withWarmUp(NEW_POSTS) }, (_, i) => ({
      method: 'POST',
      path: `/api/topics/${topicId}/posts`,
      headers: { authorization: posters.get(home.residents[i % home.residents.length])!, 'idempotency-key': key(), 'content-type': 'application/json' },
      body: JSON.stringify({ body: `第${i + 1}条新发言：建议错峰停车。` }),
    })),
    NEW_POSTS,
    async () => Number((await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).where('topic_id', '=', topicId).executeTakeFirstOrThrow()).n),
  )
  const submitters = home.residents.slice(-withWarmUp(SUBMITS))
  const submitAuth = await openSessions(db, submitters)
  await writes(
    'submit',
    'survey submits (30 answers)',
    submitters.map((u) => ({
      method: 'POST',
      path: `/api/surveys/${survey.id}/responses`,
      headers: { authorization: submitAuth.get(u)!, 'idempotency-key': key(), 'content-type': 'application/json' },
      body: JSON.stringify({ answers: Object.entries(answer()).map(([questionId, value]) => ({ questionId, value })) }),
    })),
    SUBMITS,
    async () => Number((await db.selectFrom('survey_participation').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', survey.id).executeTakeFirstOrThrow()).n),
  )

  // ---- single requests, one at a time: the survey's results and the 居民区's index ----
  const once = async (name: string, label: string, target: string) => {
    if (!wanted(name)) return
    const times: number[] = []
    for (let run = 0; run <= 5; run++) {
      const t = performance.now()
      await (await call('GET', target, modAuth)).arrayBuffer()
      times.push(performance.now() - t)
    }
    // The first also warms up; for a closed survey's results it is the one that computes them.
    const first = times.shift()!
    times.sort((a, b) => a - b)
    console.log(`load: ${label}: median ${times[2].toFixed(0)} ms, max ${times[4].toFixed(0)} ms (5 runs; the first before them ${first.toFixed(0)} ms)`)
  }
  const year = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)
  // While the survey runs its results are counts only; the figures come once it has closed, and the
  // closed survey is also a wave of the 居民区's index.
  await once('results', `open survey's counts (${RESPONSES}+ answers)`, `/api/surveys/${survey.id}/results`)
  t0 = performance.now()
  await call('POST', `/api/surveys/${survey.id}/close`, modAuth)
  console.log(`load: closed the survey in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  await once('results', `closed survey's results (${RESPONSES}+ answers × 30 questions)`, `/api/surveys/${survey.id}/results`)
  await once('index', `index of the 居民区 (${year}, with the closed survey)`, `/api/indicators?unitId=${home.id}&period=${year}`)
  await once('export', 'survey export .xlsx', `/api/surveys/${survey.id}/export?format=xlsx`)

  await app.stop()
  await bare.stop()
  await database.close()
  fs.rmSync(specDir, { recursive: true, force: true })
  await drop()

}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

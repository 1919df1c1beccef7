// Not a bench: prints the plan of every query the hot reads run (首页, lists, detail) for a resident of the
// benchmark's 街道, on SQLite or (BENCH_DATABASE_URL) PostgreSQL, then the server's CPU time per request
// for each, asked in turn by 300 residents of one 居民区 (app.inject, one at a time: CPU time, unlike req/s, holds
// still on a machine busy with other work). Run: npx tsx bench/explain.ts
import fs from 'node:fs'
import inspector from 'node:inspector'
import { promisify } from 'node:util'
import path from 'node:path'
import { CompiledQuery, PostgresDriver, SqliteDriver, sql } from 'kysely'
import { buildApp } from '../server/app'
import { loadConfig } from '../server/config'
import { seedDemoCommunity } from '../server/seed/demo'
import { benchDatabase } from './support/database'
import { timeQueries } from './support/query-times'
import { openSessions, seedStreet } from './support/street'

const seen = new Map<string, readonly unknown[]>()
let capture = false
// While a loop is measured: each SQL text's time and count, to name the queries a request spends most on.
let timing = false
const spent = timeQueries([SqliteDriver, PostgresDriver], () => timing, (q) => {
  if (capture && !seen.has(q.sql)) seen.set(q.sql, q.parameters)
})

async function main() {
  const { database, databaseUrl, dataDir, drop } = await benchDatabase('explain')
  await seedDemoCommunity(database.kysely)
  const street = await seedStreet(database.kysely)
  await sql`analyze`.execute(database.kysely)
  const resident = street.neighbourhoods[3].residents[17]
  const auth = (await openSessions(database.kysely, [resident])).get(resident)!
  // Residents of the same 居民区 as `resident`, so each may read the proposal whose detail is measured.
  const neighbours = street.neighbourhoods[3].residents
  const readers = [...(await openSessions(database.kysely, Array.from({ length: 300 }, (_, i) => neighbours[(i * 7919) % neighbours.length]))).values()]
  const config = loadConfig({ AUTH_MODE: 'dev', SEED_DEMO: '0', STATIC_DIR: '', LOG_LEVEL: 'warn', DATA_DIR: dataDir, DATABASE_URL: databaseUrl })
  const app = await buildApp(config, { db: database, logger: false })
  const proposal = (await database.kysely.selectFrom('proposals').select('id').where('neighbourhood_id', '=', street.neighbourhoods[3].id).orderBy('cosign_count', 'desc').executeTakeFirstOrThrow()).id
  const targets = (process.env.EXPLAIN_URLS ?? `/api/proposals/home,/api/proposals?limit=20,/api/proposals?limit=20&sort=cosigns,/api/proposals/${proposal}`).split(',')
  for (const url of targets) {
    // Cold: the account and the shared lists are read too (under load most requests find them kept).
    seen.clear()
    capture = true
    const res = await app.inject({ url, headers: { authorization: auth } })
    capture = false
    console.log(`\n##### ${url} → ${res.statusCode}, ${seen.size} queries`)
    for (const [text, params] of seen) {
      console.log(`\n-- ${text}\n   ${JSON.stringify(params)}`)
      const plan = await database.kysely.executeQuery<Record<string, string>>(CompiledQuery.raw(`${databaseUrl ? 'explain analyze' : 'explain query plan'} ${text}`, [...params]))
      for (const row of plan.rows) console.log('   ' + (row['QUERY PLAN'] ?? row.detail))
    }
  }
  // EXPLAIN_PROFILE=dir: a CPU profile of each measured loop (without the seeding around it).
  const profiler = process.env.EXPLAIN_PROFILE
  const session = new inspector.Session()
  const post = promisify(session.post.bind(session)) as (method: string) => Promise<unknown>
  if (profiler) {
    session.connect()
    await post('Profiler.enable')
  }
  const top: [string, [string, { ms: number; runs: number }][]][] = []
  console.log('\n| request | CPU ms per request | wall ms per request |')
  console.log('| --- | ---: | ---: |')
  for (const url of targets) {
    const ask = (n: number) => app.inject({ url, headers: { authorization: readers[n % readers.length] } })
    for (let n = 0; n < 300; n++) await ask(n)
    if (profiler) await post('Profiler.start')
    const cpu = process.cpuUsage()
    const t = performance.now()
    const runs = 2_000
    spent.clear()
    timing = true
    for (let n = 0; n < runs; n++) await ask(n)
    timing = false
    const used = process.cpuUsage(cpu)
    if (profiler) {
      const { profile } = (await post('Profiler.stop')) as { profile: object }
      fs.writeFileSync(path.join(profiler, `${targets.indexOf(url)}.cpuprofile`), JSON.stringify(profile))
    }
    console.log(`| ${url} | ${((used.user + used.system) / 1000 / runs).toFixed(3)} | ${((performance.now() - t) / runs).toFixed(3)} |`)
    top.push([url, [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5)])
  }
  for (const [url, queries] of top) {
    console.log(`\nqueries ${url} spent most on (ms per request, runs per request):`)
    for (const [text, s] of queries) console.log(`  ${(s.ms / 2_000).toFixed(3)} ms, ${(s.runs / 2_000).toFixed(2)}×  ${text.slice(0, 160)}`)
  }
  await app.close()
  await drop()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

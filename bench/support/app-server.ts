// Child entry: the app in its own process, on the database the bench prepared (BENCH_DATA_DIR's SQLite
// file, or BENCH_DATABASE_URL in schema BENCH_PG_SCHEMA), with rate limits lifted so the load is
// measured, not refused. Tells its parent the port over IPC. BENCH_WORKERS=n: n cluster workers on the
// one port, as WORKERS=n runs the server (their figures are the worst of them, RSS the largest).
import cluster, { type Worker } from 'node:cluster'
import { buildApp } from '../../server/app'
import { servePrimary } from '../../server/cluster'
import { loadConfig } from '../../server/config'
import { connect } from '../../server/core/db'
import { keepHeapSmall } from '../../server/core/heap'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { PostgresDriver, SqliteDriver, sql } from 'kysely'
import { timeQueries } from './query-times'
import { combineStats, type ServerStats } from './server-stats'

// Where a request's time goes, as the server sees it: from the request's arrival to its answer, and
// each query's wait for the (single, on SQLite) connection. The bench asks for them after each scenario.
const served: number[] = []
const waits: number[] = []
const acquire = SqliteDriver.prototype.acquireConnection
SqliteDriver.prototype.acquireConnection = async function (this: SqliteDriver) {
  const t = performance.now()
  const connection = await acquire.call(this)
  waits.push(performance.now() - t)
  return connection
}
// BENCH_QUERIES=1: each SQL text's total time, printed when the server stops (which queries the load spends on);
// BENCH_QUERIES=n above 1 prints the n most costly rather than 12.
if (process.env.BENCH_QUERIES) {
  const spent = timeQueries([SqliteDriver, PostgresDriver], () => true)
  process.on('exit', () => {
    if (spent.size === 0) return // the primary of several workers: they report their own
    const all = [...spent.values()].reduce((a, s) => a + s.ms, 0)
    console.error(`app-server: ${all.toFixed(0)} ms in queries; the most costly:`)
    for (const [text, s] of [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, Math.max(12, Number(process.env.BENCH_QUERIES)))) {
      console.error(`  ${s.ms.toFixed(0)} ms, ${s.runs} runs, ${((s.ms / s.runs) * 1000).toFixed(0)} µs each, longest ${s.max.toFixed(1)} ms: ${text.slice(0, 200)}`)
    }
    const [slowest, s] = [...spent].sort((a, b) => b[1].max - a[1].max)[0] ?? []
    if (slowest) console.error(`app-server: the longest single query took ${s.max.toFixed(1)} ms: ${slowest.slice(0, 300)}`)
  })
}
const loop = monitorEventLoopDelay({ resolution: 10 })
loop.enable()
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(0.99 * (xs.length - 1))] ?? 0
let cpuSince = process.cpuUsage()
// Answered by the process serving requests; the primary of several workers answers for them (primary()):
// both answering sent the bench two replies per question, the extra one read as the next scenario's figures.
const answerStats = () =>
  process.on('message', (m: string) => {
    if (m !== 'stats') return
    const cpu = process.cpuUsage(cpuSince)
    const stats: ServerStats = {
      served: p99(served),
      wait: p99(waits),
      waitMax: waits.reduce((a, b) => Math.max(a, b), 0),
      loopMax: loop.max / 1e6,
      rss: process.memoryUsage().rss / 2 ** 20,
      cpu: (cpu.user + cpu.system) / 1000,
    }
    process.send!(stats)
    cpuSince = process.cpuUsage()
    loop.reset()
    served.length = 0
    waits.length = 0
  })

const LIFTED = '1000000000'

async function main() {
  keepHeapSmall()
  answerStats()
  const env = process.env
  const config = loadConfig({
    AUTH_MODE: 'dev',
    SEED_DEMO: '0',
    STATIC_DIR: '',
    LOG_LEVEL: 'warn',
    DATA_DIR: env.BENCH_DATA_DIR,
    DATABASE_URL: env.BENCH_DATABASE_URL,
    LOGIN_RATE_LIMIT: LIFTED,
    WRITE_RATE_LIMIT: LIFTED,
    POST_RATE_LIMIT: LIFTED,
    PROPOSAL_RATE_LIMIT: LIFTED,
  })
  const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgSchema: env.BENCH_PG_SCHEMA || undefined })
  const app = await buildApp(config, { db, logger: false })
  if (env.BENCH_PRAGMA) await sql.raw(`pragma ${env.BENCH_PRAGMA}`).execute(db.kysely)
  app.server.prependListener('request', (_request, response) => {
    const t = performance.now()
    response.once('finish', () => served.push(performance.now() - t))
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 })
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
}

/** The primary of BENCH_WORKERS: starts the workers, answers for them once all listen, merges their figures. */
function primary(count: number) {
  servePrimary({ databaseUrl: process.env.BENCH_DATABASE_URL || null, redisUrl: null })
  const workers: Worker[] = Array.from({ length: count }, () => cluster.fork())
  let listening = 0
  for (const worker of workers) {
    worker.once('message', (m: { port: number }) => {
      if (++listening === count) process.send!({ port: m.port })
    })
  }
  process.on('message', (m: string) => {
    if (m !== 'stats') return
    const asked = workers.map(
      (worker) =>
        new Promise<ServerStats>((done) => {
          worker.once('message', done)
          worker.send('stats')
        }),
    )
    void Promise.all(asked).then((all) => process.send!(combineStats(all)))
  })
  process.on('SIGTERM', () => {
    let left = workers.length
    for (const worker of workers) {
      worker.once('exit', () => --left === 0 && process.exit(0))
      worker.process.kill('SIGTERM')
    }
  })
}

const WORKERS = Number(process.env.BENCH_WORKERS ?? 1)
if (WORKERS > 1 && cluster.isPrimary) primary(WORKERS)
else main().catch((err) => {
  console.error(err)
  process.exit(1)
})
// The bench that started this process is gone: so is the reason to run.
process.on('disconnect', () => process.exit(0))

import cluster from 'node:cluster'
import { randomBytes } from 'node:crypto'
import { buildApp } from './app'
import { loadConfig, type Config } from './config'
import { servePrimary } from './cluster'
import { connect } from './core/db'
import { keepHeapSmall } from './core/heap'
import { migrateToLatest } from './db/migrate'
import { startMaintenance } from './maintenance'
import { seedDemoCommunity } from './seed/demo'

/** Set by the primary on the one worker that runs the hourly maintenance. */
const MAINTENANCE_ENV = 'YISHI_MAINTENANCE'

/**
 * WORKERS > 1: this process only prepares the database (migrations, the demo seed: once per deployment,
 * before anyone serves) and keeps that many workers serving on the one port, one of them running the
 * maintenance. A worker that dies is replaced in the same role.
 */
async function primary(config: Config) {
  const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await migrateToLatest(db)
  if (config.seedDemo) await seedDemoCommunity(db.kysely)
  await db.close()
  // Photo addresses signed by one worker must verify on the others.
  const env = { SEED_DEMO: '0', MEDIA_URL_SECRET: config.mediaUrlSecret || randomBytes(32).toString('base64url') }
  let stopping = false
  const start = (maintenance: boolean) => {
    const worker = cluster.fork({ ...env, [MAINTENANCE_ENV]: maintenance ? '1' : '0' })
    worker.on('exit', (code, signal) => {
      if (stopping) return
      console.error(`工作进程 ${worker.process.pid} 退出（${signal ?? code}），正在重启`)
      start(maintenance)
    })
  }
  servePrimary(config)
  for (let i = 0; i < config.workers; i++) start(i === 0)
  const shutdown = () => {
    if (stopping) return
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
  cluster.on('exit', () => {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
  })
}

async function main() {
  const config = loadConfig()
  if (config.workers > 1 && cluster.isPrimary) return primary(config)
  keepHeapSmall()
  const app = await buildApp(config)
  const stopMaintenance = cluster.isPrimary || process.env[MAINTENANCE_ENV] === '1' ? startMaintenance(app) : () => {}
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, '正在停止：等待进行中的请求完成')
    stopMaintenance()
    // close() stops accepting connections and resolves once in-flight requests have been answered.
    await app.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  await app.listen({ port: config.port, host: config.host })
  app.log.info(`议事 Yishi 已启动：http://localhost:${config.port}（数据库：${app.db.dialect}）`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

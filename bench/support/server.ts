import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config'

/**
 * A real server on a loopback port over a fresh SQLite file (or BENCH_DATABASE_URL's PostgreSQL),
 * with the demo community seeded and rate limits lifted so the load is measured, not refused.
 */
export async function startBenchServer(): Promise<{ app: FastifyInstance; url: string; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-'))
  const config = loadConfig({
    AUTH_MODE: 'dev',
    STATIC_DIR: '',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    LOGIN_RATE_LIMIT: '1000000000',
    WRITE_RATE_LIMIT: '1000000000',
  })
  const app = await buildApp(config, { logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

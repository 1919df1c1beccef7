import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config'

const H5_DIR = path.resolve(__dirname, '../../dist/h5')

export type TestServer = { url: string; close(): Promise<void> }

/** The API and the built H5 app on one free loopback port, over a fresh seeded SQLite database. */
export async function startTestServer(name: string): Promise<TestServer> {
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error('dist/h5 is missing: run `npm run build:h5` (npm run test:e2e does it for you)')
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `yishi-e2e-${name}-`))
  const app = await buildApp(
    loadConfig({ AUTH_MODE: 'dev', DATA_DIR: dataDir, STATIC_DIR: H5_DIR, LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT: '1000', WRITE_RATE_LIMIT: '1000' }),
    { logger: false },
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

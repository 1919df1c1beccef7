import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { buildApp } from '../../server/app'
import { freshDatabase, testConfig } from '../support/server'

describe('graceful shutdown', () => {
  it('answers in-flight requests before closing', async () => {
    const database = await freshDatabase('sqlite')
    const app = await buildApp(testConfig(), { db: database.db, logger: false })
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    app.get('/api/test/slow', { config: { public: true } }, async () => {
      await gate
      return { done: true }
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as { port: number }
    const inFlight = fetch(`http://127.0.0.1:${port}/api/test/slow`).then(async (r) => ({ status: r.status, body: await r.json() }))
    await new Promise((r) => setTimeout(r, 100))
    const closed = app.close()
    setTimeout(release, 200)
    expect(await inFlight).toEqual({ status: 200, body: { done: true } })
    await closed
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow()
    await database.drop()
  })

  it('is not held open by a connection the client opened and never used (a browser preconnect)', async () => {
    const database = await freshDatabase('sqlite')
    const app = await buildApp(testConfig(), { db: database.db, logger: false })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as { port: number }
    const unused = net.connect(port, '127.0.0.1')
    await new Promise<void>((resolve) => unused.once('connect', () => resolve()))
    const ended = new Promise<void>((resolve) => unused.once('close', () => resolve()))
    await app.close()
    await ended
    await database.drop()
  })

  it('exits cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-sigterm-'))
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../server/main.ts')], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: '', AUTH_MODE: 'dev', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          const m = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
          if (m) resolve(Number(m[1]))
        })
        child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)))
      })
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200)
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      child.kill('SIGKILL')
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }, 30_000)
})

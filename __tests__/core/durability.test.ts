import fs from 'node:fs'
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { connect, type Db } from '../../server/core/db'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'

// An acknowledged write must survive a power cut. SQLite commits without an fsync on the event loop
// (synchronous=NORMAL, WAL) and the app answers a write only once Db.durable() has flushed the log on the
// thread pool. PostgreSQL's synchronous_commit is on by default.
describe('sqlite: durability of acknowledged writes', () => {
  let dataDir: string
  let db: Db
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-durability-'))
    db = connect({ databaseUrl: null, dataDir })
  })
  afterEach(async () => {
    jest.restoreAllMocks()
    await db.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('opens the database in WAL mode with synchronous=NORMAL, and flushes the log on durable()', async () => {
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.kysely)
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db.kysely)
    expect(mode.rows).toEqual([{ journal_mode: 'wal' }])
    expect(sync.rows).toEqual([{ synchronous: 1 }]) // 1 = NORMAL
    await sql`create table t (x integer)`.execute(db.kysely)
    const open = jest.spyOn(fs.promises, 'open')
    await db.durable()
    expect(open).toHaveBeenCalledWith(path.join(dataDir, 'yishi.sqlite-wal'), 'r')
  })

  it('lets callers that arrive during a flush share the next one', async () => {
    await sql`create table t (x integer)`.execute(db.kysely)
    const open = jest.spyOn(fs.promises, 'open')
    await Promise.all([db.durable(), db.durable(), db.durable(), db.durable()])
    // The first flush may have begun before the others' commits: they wait for one more, together.
    expect(open).toHaveBeenCalledTimes(2)
  })
})

describeEachDatabase('app: a write is answered once it is durable', (dialect) => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer(dialect)
  })
  afterAll(() => s.close())

  it('holds a write\'s answer until the flush is done, and never a read\'s', async () => {
    const resident = await s.loginAs('居民 · 梧桐新村1号楼（未认证）')
    let release: () => void = () => {}
    const durable = jest.spyOn(s.app.db, 'durable').mockImplementation(() => new Promise<void>((resolve) => (release = resolve)))
    try {
      expect((await s.app.inject({ method: 'GET', url: '/api/me', headers: resident })).statusCode).toBe(200)
      expect(durable).not.toHaveBeenCalled()
      let answered = false
      const write = s.app.inject({ method: 'POST', url: '/api/me/privacy', headers: resident }).then((res) => ((answered = true), res))
      while (durable.mock.calls.length === 0) await new Promise((resolve) => setImmediate(resolve))
      expect(answered).toBe(false)
      release()
      expect((await write).statusCode).toBe(200)
    } finally {
      durable.mockRestore()
    }
  })
})

describe('sqlite: several processes writing to one file (WORKERS=n)', () => {
  it('gives every read-then-write transaction its turn: none refused, none counting wrong', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-writers-'))
    const db = connect({ databaseUrl: null, dataDir })
    await sql`create table hits (pid integer not null, seen integer not null)`.execute(db.kysely)
    try {
      const writers = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/sqlite-writer.ts'), dataDir, '1000']))
      const done = writers.map(
        (child) =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            let stderr = ''
            child.stderr.on('data', (d) => (stderr += d))
            child.on('exit', (code) => resolve({ code, stderr }))
          }),
      )
      await Promise.all(writers.map((child) => new Promise((resolve) => child.stdout.once('data', resolve))))
      for (const child of writers) child.stdin.end('go\n')
      expect(await Promise.all(done)).toEqual([
        { code: 0, stderr: '' },
        { code: 0, stderr: '' },
      ])
      // Each transaction saw every earlier one, whichever process made it.
      const rows = await sql<{ seen: number }>`select seen from hits order by rowid`.execute(db.kysely)
      expect(rows.rows.map((r) => r.seen)).toEqual(Array.from({ length: 2000 }, (_, i) => i))
    } finally {
      await db.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import { connect, type Db } from '../../server/core/db'

// A transaction that meets another connection's write lock waits on a timer, not in SQLite's busy
// handler, which sleeps on the event loop.
describe('sqlite: waiting for the write lock', () => {
  let dataDir: string
  let db: Db
  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-write-lock-'))
    db = connect({ databaseUrl: null, dataDir })
    await sql`create table t (x integer)`.execute(db.kysely)
  })
  afterEach(async () => {
    await db.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('keeps the event loop running while it waits, and begins once the lock is free', async () => {
    const other = new Database(path.join(dataDir, 'yishi.sqlite'))
    other.exec('begin immediate')
    // Asleep in the busy handler, this thread could never run the timer that lets the lock go.
    setTimeout(() => other.exec('commit'), 20)
    try {
      await db.kysely.transaction().execute((trx) => sql`insert into t (x) values (1)`.execute(trx))
    } finally {
      other.close()
    }
    expect((await sql<{ x: number }>`select x from t`.execute(db.kysely)).rows).toEqual([{ x: 1 }])
    expect((await sql<{ timeout: number }>`pragma busy_timeout`.execute(db.kysely)).rows).toEqual([{ timeout: 5000 }])
  })

  it('gives up with SQLITE_BUSY after busy_timeout', async () => {
    await sql`pragma busy_timeout = 30`.execute(db.kysely)
    const other = new Database(path.join(dataDir, 'yishi.sqlite'))
    other.exec('begin immediate')
    try {
      await expect(db.kysely.transaction().execute((trx) => sql`insert into t (x) values (1)`.execute(trx))).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    } finally {
      other.exec('commit')
      other.close()
    }
    expect((await sql<{ timeout: number }>`pragma busy_timeout`.execute(db.kysely)).rows).toEqual([{ timeout: 30 }])
  })
})

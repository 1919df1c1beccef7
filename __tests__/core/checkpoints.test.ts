import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { sql } from 'kysely'
import { startCheckpointer } from '../../server/core/checkpoints'
import { connect, truncateLog, type Db } from '../../server/core/db'

// The app's connection never checkpoints (a checkpoint's fsync on the event loop froze every request in
// flight); a thread with its own connection folds the log into the database file instead.
describe('sqlite: checkpoints on their own thread', () => {
  let dataDir: string
  let db: Db
  const file = () => path.join(dataDir, 'yishi.sqlite')
  const holds = (f: string, marker: string) => fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(marker))

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-checkpoints-'))
    db = connect({ databaseUrl: null, dataDir })
    await sql`create table notes (body text)`.execute(db.kysely)
  })
  afterEach(async () => {
    await db.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('turns off the automatic checkpoint of the app connection', async () => {
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db.kysely)
    expect(rows).toEqual([{ wal_autocheckpoint: 0 }])
  })

  it('folds committed rows into the database file without being asked', async () => {
    const marker = 'marker-folded-by-the-thread'
    await sql`insert into notes values (${marker})`.execute(db.kysely)
    expect(holds(`${file()}-wal`, marker)).toBe(true)
    // The thread passes every CHECKPOINT_EVERY_MS; wait for it, bounded by the test's timeout.
    while (!holds(file(), marker)) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(holds(file(), marker)).toBe(true)
  })

  it('empties the log on truncateLog, so a deleted row leaves no copy in either file', async () => {
    const marker = 'marker-deleted-then-erased'
    await sql`insert into notes values (${marker})`.execute(db.kysely)
    await sql`delete from notes`.execute(db.kysely)
    expect(await truncateLog(db.kysely)).toBe(true)
    expect(fs.statSync(`${file()}-wal`).size).toBe(0)
    // secure_delete zeroes the freed cell in the database file.
    expect(holds(file(), marker)).toBe(false)
  })

  it('leaves the database whole after close: the last connection folds in the rest', async () => {
    await sql`insert into notes values ('kept')`.execute(db.kysely)
    await db.close()
    db = connect({ databaseUrl: null, dataDir })
    const { rows } = await sql<{ body: string }>`select body from notes`.execute(db.kysely)
    expect(rows).toEqual([{ body: 'kept' }])
  })

  it('does not start again, nor hang a close, when its file is gone', async () => {
    const errors: Error[] = []
    const gone = startCheckpointer(path.join(dataDir, 'removed.sqlite'), (err) => errors.push(err))
    await expect(gone.run('truncate')).rejects.toThrow('checkpoint thread ended')
    await expect(gone.run('passive')).rejects.toThrow('not running')
    await gone.close()
    expect(errors).toEqual([])
  })

  it('shares one TRUNCATE among callers who ask while one runs, each answered after one that began after it asked', async () => {
    const errors: Error[] = []
    const checkpointer = startCheckpointer(file(), (err) => errors.push(err))
    const posted = jest.spyOn(Worker.prototype, 'postMessage')
    try {
      await sql`insert into notes values ('before')`.execute(db.kysely)
      const first = checkpointer.run('truncate')
      // Written after the first began: only a later TRUNCATE empties the log of it.
      await sql`insert into notes values ('after')`.execute(db.kysely)
      const later = await Promise.all(Array.from({ length: 10 }, () => checkpointer.run('truncate')))
      expect((await first).busy).toBe(0)
      expect(later.map((r) => r.busy)).toEqual(Array(10).fill(0))
      expect(fs.statSync(`${file()}-wal`).size).toBe(0)
      const truncations = posted.mock.calls.filter(([m]) => (m as { mode?: string }).mode === 'truncate')
      expect(truncations).toHaveLength(2)
    } finally {
      posted.mockRestore()
      await checkpointer.close()
    }
    expect(errors).toEqual([])
  })

  it('does not keep a process alive that has nothing else to do', () => {
    // Bounded: a process kept alive by the thread would run until killed.
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/idle-checkpointer.ts'), dataDir], { timeout: 20_000 })
    expect({ signal: child.signal, status: child.status, stderr: String(child.stderr) }).toEqual({ signal: null, status: 0, stderr: '' })
  })
})

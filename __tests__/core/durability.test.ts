import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { connect } from '../../server/core/db'

// An acknowledged write must survive a power cut: SQLite syncs the WAL on every commit (synchronous=FULL;
// NORMAL may lose the last commits). PostgreSQL's synchronous_commit is on by default.
describe('sqlite: durability of acknowledged writes', () => {
  it('opens the database in WAL mode with synchronous=FULL', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-durability-'))
    const db = connect({ databaseUrl: null, dataDir })
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.kysely)
      const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db.kysely)
      expect(mode.rows).toEqual([{ journal_mode: 'wal' }])
      expect(sync.rows).toEqual([{ synchronous: 2 }]) // 2 = FULL
    } finally {
      await db.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

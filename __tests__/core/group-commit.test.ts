import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, sql, type Driver } from 'kysely'
import { GroupCommitDriver } from '../../server/core/group-commit'

// SQLite's transactions committed in groups: each in a savepoint of its own, the group once.
describe('sqlite: group commit', () => {
  let dir: string
  let sqlite: Database.Database
  let other: Database.Database
  let db: Kysely<{ t: { x: number }; child: { parent: number } }>
  let commits: number
  let driver: GroupCommitDriver

  const open = (grouping: boolean) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-group-'))
    const file = path.join(dir, 'g.sqlite')
    sqlite = new Database(file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.exec('create table t (x integer primary key); create table parent (id integer primary key); create table child (parent integer references parent (id) deferrable initially deferred)')
    commits = 0
    const prepare = sqlite.prepare.bind(sqlite)
    sqlite.prepare = ((text: string) => {
      if (text === 'commit') commits++
      return prepare(text)
    }) as typeof sqlite.prepare
    driver = new GroupCommitDriver(sqlite, grouping)
    db = new Kysely({ dialect: new (class extends SqliteDialect {
      override createDriver(): Driver {
        return driver
      }
    })({ database: sqlite }) })
    // Another connection to the file sees only what has committed.
    other = new Database(file, { readonly: true })
  }
  beforeEach(() => open(true))
  afterEach(async () => {
    other.close()
    await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const committed = () => (other.prepare('select x from t order by x').all() as { x: number }[]).map((r) => r.x)
  const insert = (x: number) => db.transaction().execute((trx) => trx.insertInto('t').values({ x }).execute())

  it('commits the transactions of one turn of the event loop once, and answers each after the commit', async () => {
    const seen: number[][] = []
    await Promise.all([1, 2, 3, 4, 5].map((x) => insert(x).then(() => seen.push(committed()))))
    expect(commits).toBe(1)
    for (const rows of seen) expect(rows).toEqual([1, 2, 3, 4, 5])
    // The next turn's transaction is a group of its own.
    await insert(6)
    expect(commits).toBe(2)
    expect(committed()).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('commits each transaction at its end where another process writes the file too', async () => {
    other.close()
    await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
    open(false)
    await Promise.all([1, 2, 3].map((x) => insert(x).then(() => expect(committed()).toContain(x))))
    expect(commits).toBe(3)
    await expect(insert(1)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })
    expect(sqlite.inTransaction).toBe(false)
  })

  it('undoes a failed transaction alone, and commits the rest of its group', async () => {
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ x: 2 }).execute()
      throw new Error('refused')
    })
    const outcomes = await Promise.allSettled([insert(1), failing, insert(3), insert(1)])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected'])
    expect((outcomes[3] as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY')
    expect(commits).toBe(1)
    expect(committed()).toEqual([1, 3])
  })

  it('rolls a group back whole when its commit fails, fails every member, and goes on', async () => {
    // A deferred foreign key is checked at COMMIT: the group's, not the transaction's.
    const orphan = db.transaction().execute((trx) => trx.insertInto('child').values({ parent: 99 }).execute())
    const outcomes = await Promise.allSettled([insert(1), orphan, insert(2)])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected'])
    for (const o of outcomes) expect((o as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_FOREIGNKEY')
    expect(committed()).toEqual([])
    expect(sqlite.inTransaction).toBe(false)
    await insert(3)
    expect(committed()).toEqual([3])
  })

  it('waits while another connection holds the write lock, without stopping the event loop', async () => {
    sqlite.pragma('busy_timeout = 2000')
    const writer = new Database(path.join(dir, 'g.sqlite'))
    writer.exec('begin immediate')
    // SQLite's own wait would sleep on this thread: the timer that lets the lock go could never fire.
    setTimeout(() => writer.exec('commit'), 20)
    try {
      await insert(1)
    } finally {
      writer.close()
    }
    expect(committed()).toEqual([1])
  })

  it('commits each transaction at its end while another connection waits for the write lock', async () => {
    let done!: () => void
    const waiting = new Promise<void>((resolve) => (done = resolve))
    const yielded = driver.yieldTo(waiting)
    await Promise.all([1, 2, 3].map(insert))
    expect(commits).toBe(3)
    done()
    await yielded
    await Promise.all([4, 5].map(insert))
    expect(commits).toBe(4)
  })

  it('reads inside an open group, and commits it before a write outside any transaction', async () => {
    let worked!: () => void
    const done = new Promise<void>((resolve) => (worked = resolve))
    let resolved = false
    const first = insert(1).then(() => (resolved = true))
    void db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ x: 2 }).execute()
      worked()
    })
    await done
    // Both transactions have done their work; their group has not committed yet.
    expect((await db.selectFrom('t').select('x').orderBy('x').execute()).map((r) => r.x)).toEqual([1, 2])
    expect(committed()).toEqual([])
    expect(resolved).toBe(false)
    await sql`insert into t (x) values (3)`.execute(db)
    expect(committed()).toEqual([1, 2, 3])
    await first
    expect(commits).toBe(1)
  })
})

import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  Kysely,
  sql,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  SqliteQueryCompiler,
  ValueNode,
  type DatabaseConnection,
  type Driver,
  type LimitNode,
  type OffsetNode,
  type OperationNode,
  type QueryCompiler,
  type Transaction,
} from 'kysely'
import pg from 'pg'
import type { Database } from '../db/schema'
import { statementName } from './compiled'
import { shareNext } from './share-next'
import { startCheckpointer, type Checkpointer } from './checkpoints'

export type Dialect = 'sqlite' | 'postgres'

/** A transaction: every write of a command runs in one. */
export type Trx = Transaction<Database>

/** A duplicate key on either database (a concurrent twin got there first). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string })?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

export interface Db {
  kysely: Kysely<Database>
  dialect: Dialect
  /** The PostgreSQL schema in use when not the default one. */
  schema?: string
  /**
   * Resolves once every commit made before the call is on disk. PostgreSQL's commit already is; SQLite's
   * is once its write-ahead log has been flushed, which this does off the event loop (see connect).
   */
  durable(): Promise<void>
  close(): Promise<void>
}

// COUNT(*) and BIGINT come back from pg as strings; every such value here fits a JS number.
pg.types.setTypeParser(20, (v) => Number(v))

export interface ConnectOptions {
  databaseUrl: string | null
  dataDir: string
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  pgSchema?: string
  /** SQLite file name inside dataDir, or ':memory:'. */
  sqliteFile?: string
}

/**
 * Group commit for SQLite: one fsync of the write-ahead log, on libuv's thread pool, covers every commit
 * made before it started; callers that arrive while one runs share the next (share-next.ts).
 */
function walFlusher(walFile: string): () => Promise<void> {
  return shareNext(async () => {
    const handle = await fs.promises.open(walFile, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null // no log yet: nothing committed since the last checkpoint
      throw err
    })
    if (!handle) return
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  })
}

/** How many distinct statements stay prepared (IN lists of every length make some SQL texts one-offs). */
const STATEMENTS = 1_000

/**
 * Kysely's SQLite driver prepares every query afresh, which on hot reads cost as much as running it: keep
 * the prepared statements by their text, newest last, and reuse one unless it is still being iterated.
 */
function reusePreparedStatements(sqlite: SQLite.Database): void {
  const prepare = sqlite.prepare.bind(sqlite)
  const kept = new Map<string, SQLite.Statement>()
  sqlite.prepare = ((source: string) => {
    const hit = kept.get(source)
    if (hit && !hit.busy) {
      kept.delete(source) // re-inserted below: the Map's order is the eviction order
      kept.set(source, hit)
      return hit
    }
    const statement = prepare(source)
    if (hit) return statement // the kept one is mid-iteration; this one is for this call only
    if (kept.size >= STATEMENTS) kept.delete(kept.keys().next().value!)
    kept.set(source, statement)
    return statement
  }) as SQLite.Database['prepare']
}

/**
 * Transactions begin IMMEDIATE: one that reads, then writes, takes the write lock at its start and waits
 * its turn. Begun DEFERRED, a second process's commit between its read and its write (WORKERS=n over one
 * file) made its write fail at once with SQLITE_BUSY, without waiting.
 *
 * The wait is a 1 ms timer, for busy_timeout in all. SQLite's own busy handler sleeps on the calling thread,
 * here the event loop: while the checkpoint thread's TRUNCATE or another worker held the lock, every
 * request in flight stopped, in sleeps of 1, 2, 5 … 100 ms.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite })
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const timeout = this.busyTimeout()
    const until = performance.now() + timeout
    this.busyTimeout(0)
    try {
      for (;;) {
        try {
          await connection.executeQuery(CompiledQuery.raw('begin immediate'))
          return
        } catch (err) {
          if ((err as { code?: string }).code !== 'SQLITE_BUSY' || performance.now() >= until) throw err
        }
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
    } finally {
      this.busyTimeout(timeout)
    }
  }

  /**
   * busy_timeout, set to `ms` if given. Through the connection's kept statements (reusePreparedStatements):
   * better-sqlite3's pragma() prepares afresh on every call, 6.5 µs of each transaction for three.
   */
  private busyTimeout(ms?: number): number {
    const text = ms === undefined ? 'pragma busy_timeout' : `pragma busy_timeout = ${ms}`
    return (this.sqlite.prepare(text).get() as { timeout: number }).timeout
  }
}

/**
 * A LIMIT or OFFSET of a whole number is written into the SQL, not bound: SQLite (built with STAT4, as
 * better-sqlite3 is) plans a statement again whenever a value it planned with is bound anew, and it plans with
 * the LIMIT's. A bound LIMIT made a residence lookup take 27 µs where the same statement with the number in
 * its text takes 6. The number is never text from outside: anything else stays a parameter.
 */
class LiteralLimitCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    this.append('limit ')
    this.countOrParameter(node.limit)
  }

  protected override visitOffset(node: OffsetNode): void {
    this.append('offset ')
    this.countOrParameter(node.offset)
  }

  private countOrParameter(node: OperationNode): void {
    if (ValueNode.is(node) && Number.isSafeInteger(node.value) && (node.value as number) >= 0) this.append(String(node.value))
    else this.visitNode(node)
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite })
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.sqlite)
  }

  override createQueryCompiler(): QueryCompiler {
    return new LiteralLimitCompiler()
  }
}

/** Compiled queries (compiled.ts) go as named statements: planned once per connection, not on every run. */
function nameCompiledStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  client.query = ((text: unknown, values?: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' && Array.isArray(values) ? statementName(text) : undefined
    return name ? query({ name, text, values }, ...rest) : query(text, values, ...rest)
  }) as typeof client.query
}

export function connect(opts: ConnectOptions): Db {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    })
    pool.on('connect', nameCompiledStatements)
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { kysely, dialect: 'postgres', schema: opts.pgSchema, durable: async () => {}, close: () => kysely.destroy() }
  }
  const file = opts.sqliteFile ?? 'yishi.sqlite'
  if (file !== ':memory:') fs.mkdirSync(opts.dataDir, { recursive: true })
  const filePath = file === ':memory:' ? file : path.join(opts.dataDir, file)
  const sqlite = new SQLite(filePath)
  sqlite.pragma('journal_mode = WAL')
  // Checkpoints run on a thread of their own (checkpoints.ts), never inside one of this connection's commits.
  sqlite.pragma('wal_autocheckpoint = 0')
  // A log grown large by a burst of writes is cut back once checkpointed, instead of keeping its size.
  sqlite.pragma('journal_size_limit = 67108864')
  // Deleted rows and freed pages are zeroed, not left readable in the file (anonymous survey answers).
  sqlite.pragma('secure_delete = ON')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // An acknowledged write must not be lost on power loss, yet FULL would fsync inside every commit, and
  // better-sqlite3 runs on the event loop: each fsync (milliseconds, on a busy disk up to a second)
  // stalled every request in flight. NORMAL commits without the fsync; the app answers a write only
  // after durable() has flushed the log off the event loop (app.ts), so the promise is kept.
  sqlite.pragma('synchronous = NORMAL')
  // The planner's statistics, refreshed as SQLite advises for a long-lived connection (and hourly by the
  // sweep): without them it could not tell a user's few co-signatures from a proposal's thousands.
  sqlite.pragma('analysis_limit = 1000')
  sqlite.pragma('optimize = 0x10002')
  reusePreparedStatements(sqlite)
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite) })
  if (file === ':memory:') return { kysely, dialect: 'sqlite', durable: async () => {}, close: () => kysely.destroy() }
  const checkpointer = startCheckpointer(filePath, (err) => console.error('SQLite checkpoint thread failed', err))
  checkpointers.set(kysely, checkpointer)
  const close = async () => {
    // The checkpoint thread's connection first: the app's, closed last, folds in what is left of the log.
    await checkpointer.close()
    await kysely.destroy()
  }
  return { kysely, dialect: 'sqlite', durable: walFlusher(`${filePath}-wal`), close }
}

const checkpointers = new WeakMap<Kysely<Database>, Checkpointer>()

/**
 * Folds SQLite's write-ahead log into the database file and empties the log (so a deleted row's old copy
 * is gone from both files), on the checkpoint thread. Resolves whether it finished (false: busy).
 */
export async function truncateLog(kysely: Kysely<Database>): Promise<boolean> {
  const inline = async () => (await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(kysely)).rows[0]?.busy === 0
  const checkpointer = checkpointers.get(kysely)
  // A handle opened elsewhere (or in memory), or a thread that could not run: on this connection.
  if (!checkpointer) return inline()
  return checkpointer.run('truncate').then((r) => r.busy === 0, inline)
}

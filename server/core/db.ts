import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely'
import pg from 'pg'
import type { Database } from '../db/schema'

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

export function connect(opts: ConnectOptions): Db {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    })
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { kysely, dialect: 'postgres', schema: opts.pgSchema, close: () => kysely.destroy() }
  }
  const file = opts.sqliteFile ?? 'yishi.sqlite'
  if (file !== ':memory:') fs.mkdirSync(opts.dataDir, { recursive: true })
  const sqlite = new SQLite(file === ':memory:' ? file : path.join(opts.dataDir, file))
  sqlite.pragma('journal_mode = WAL')
  // Deleted rows and freed pages are zeroed, not left readable in the file (anonymous survey answers).
  sqlite.pragma('secure_delete = ON')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // FULL: a commit is on disk before the write is acknowledged. NORMAL (in WAL mode) may lose the last
  // commits on power loss, and an acknowledged write must not be lost.
  sqlite.pragma('synchronous = FULL')
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() }
}

import { SqliteAdapter, type Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** Whether a handle (or a transaction on it) runs on SQLite, for the few statements the two databases spell differently. */
export const onSqlite = (db: Kysely<Database>): boolean => db.getExecutor().adapter instanceof SqliteAdapter

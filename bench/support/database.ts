// The benches' database: a fresh SQLite file, or a throwaway schema of BENCH_DATABASE_URL's PostgreSQL.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { connect, type Db } from '../../server/core/db'
import { migrateToLatest } from '../../server/db/migrate'

export interface BenchDatabase {
  database: Db
  databaseUrl: string | undefined
  dataDir: string
  pgSchema: string | undefined
  /** Removes the file or the schema, once the connection is closed (by its app, or by the bench). */
  drop(): Promise<void>
}

async function onPostgres(databaseUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  await admin.query(statement)
  await admin.end()
}

/** A migrated, empty database named after `name` (a schema, or a temporary folder). */
export async function benchDatabase(name: string): Promise<BenchDatabase> {
  const databaseUrl = process.env.BENCH_DATABASE_URL
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `yishi-${name}-`))
  const pgSchema = databaseUrl ? `${name}_${process.pid}` : undefined
  if (databaseUrl) await onPostgres(databaseUrl, `create schema ${pgSchema}`)
  const database = connect({ databaseUrl: databaseUrl ?? null, dataDir, pgSchema })
  await migrateToLatest(database)
  return {
    database,
    databaseUrl,
    dataDir,
    pgSchema,
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true })
      if (databaseUrl) await onPostgres(databaseUrl, `drop schema ${pgSchema} cascade`)
    },
  }
}

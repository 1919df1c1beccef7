import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { buildApp, type Overrides } from '../../server/app'
import { loadConfig, type Config } from '../../server/config'
import { connect, type Db, type Dialect } from '../../server/core/db'
import type { Database } from '../../server/db/schema'

export const PG_URL = process.env.TEST_DATABASE_URL || null

/** The databases every data-layer suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DIALECTS: Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite']

if (!PG_URL && !(globalThis as { __pgSkipNoted?: boolean }).__pgSkipNoted) {
  ;(globalThis as { __pgSkipNoted?: boolean }).__pgSkipNoted = true
  process.stdout.write('PostgreSQL suite skipped: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run it.\n')
}

/** Runs a suite once per database, so every data-layer test covers SQLite and PostgreSQL. */
export function describeEachDatabase(name: string, fn: (dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) describe(`${name} [${dialect}]`, () => fn(dialect))
  if (!PG_URL) describe.skip(`${name} [postgres: set TEST_DATABASE_URL to run]`, () => it.todo('runs on PostgreSQL'))
}

export interface TestDatabase {
  db: Db
  config: Pick<Config, 'databaseUrl'>
  /** Opens another connection to the same database (a second server instance). */
  reconnect(): Db
  drop(): Promise<void>
}

/** A fresh, empty database: a temp SQLite file or a throwaway PostgreSQL schema. */
export async function freshDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: PG_URL! })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    const open = () => connect({ databaseUrl: PG_URL, dataDir: '', pgSchema: schema })
    const db = open()
    return {
      db,
      config: { databaseUrl: PG_URL },
      reconnect: open,
      async drop() {
        const c = new pg.Client({ connectionString: PG_URL! })
        await c.connect()
        await c.query(`drop schema if exists ${schema} cascade`)
        await c.end()
      },
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-test-'))
  const open = () => connect({ databaseUrl: null, dataDir })
  return {
    db: open(),
    config: { databaseUrl: null },
    reconnect: open,
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A parsed JSON response body. Tests read into it freely: their assertions are its type check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON the API answers; each test's expectations narrow it
export type JsonBody = any

export interface TestServer {
  app: FastifyInstance
  database: TestDatabase
  /** Logs a seeded demo account in and returns its bearer header. */
  loginAs(description: RegExp | string): Promise<{ authorization: string; userId: number }>
  close(): Promise<void>
}

/**
 * A rate-limit window for tests that count up to a limit: windows are fixed and aligned to the epoch, so a
 * one-minute window would reset mid-test whenever a run straddles a minute; ten years straddle none before 2029.
 */
export const LONG_WINDOW_MS = 10 * 365 * 86_400_000

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ AUTH_MODE: 'dev', STATIC_DIR: '', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '1000', WRITE_RATE_LIMIT: '1000' }), ...overrides }
}

/** A server on a fresh seeded database, driven with app.inject. */
export async function startServer(
  dialect: Dialect,
  options: { config?: Partial<Config>; overrides?: Overrides } = {},
): Promise<TestServer> {
  const database = await freshDatabase(dialect)
  // Uploads go to a folder of the test's own, never the repository's data/.
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-media-'))
  const app = await buildApp(testConfig({ ...database.config, mediaDir, ...options.config }), {
    db: database.db,
    logger: false,
    ...options.overrides,
  }).catch(async (err) => {
    await database.db.close()
    await database.drop()
    fs.rmSync(mediaDir, { recursive: true, force: true })
    throw err
  })
  await app.ready()
  let users: { id: number; description: string }[] | null = null
  return {
    app,
    database,
    async loginAs(description) {
      users ??= (
        await app.db.kysely.selectFrom('users').select(['id', 'demo_description']).where('demo_description', 'is not', null).orderBy('id').execute()
      ).map((u) => ({ id: u.id, description: u.demo_description ?? '' }))
      const match = users.find((u) => (typeof description === 'string' ? u.description === description : description.test(u.description)))
      if (!match) throw new Error(`no demo user matches ${description}`)
      const res = await app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: match.id } })
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`)
      return { authorization: `Bearer ${res.json().token}`, userId: match.id }
    },
    async close() {
      await app.close()
      await database.drop()
      fs.rmSync(mediaDir, { recursive: true, force: true })
    },
  }
}

/** A clock the tests move by hand (inject its `now` as the app's clock): deadlines pass without sleeping. */
export function fakeClock(startIso: string) {
  let t = Date.parse(startIso)
  return {
    now: () => new Date(t),
    set(iso: string) {
      t = Date.parse(iso)
    },
    advance(ms: number) {
      t += ms
    },
  }
}

/** A unit's id by its name, and its parent's name where the name alone repeats (楼组 such as 3号楼). */
export async function unitId(s: TestServer, name: string, parent?: string): Promise<number> {
  let q = s.app.db.kysely.selectFrom('units as u').select('u.id').where('u.name', '=', name)
  if (parent) q = q.innerJoin('units as p', 'p.id', 'u.parent_id').where('p.name', '=', parent)
  return (await q.executeTakeFirstOrThrow()).id
}

/**
 * PostgreSQL: resolves once `work` has settled, or once a query like `query` (ILIKE) waits for a lock. Tests
 * that hold a transaction open by hand commit it then, whether the other one finished or queued behind it.
 */
export async function settledOrWaitingForLock(db: Kysely<Database>, work: Promise<unknown>, query = '%'): Promise<void> {
  let finished = false
  const waiting = async () => {
    while (!finished) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike ${query}`.execute(db)
      if (rows[0].n > 0) return
    }
  }
  const polling = waiting()
  await Promise.race([work.catch(() => {}), polling])
  finished = true
  await polling
}

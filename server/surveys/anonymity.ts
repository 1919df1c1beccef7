// How a survey answer is stored apart from its author, so that nobody can tell whose it is — not
// through the API, and not with the database files or a database role either.
//
// - A submit writes two rows in one transaction: survey_participation (survey, user) and
//   survey_responses (random key, survey, 楼组, day, channel, answers). Nothing is shared between them.
// - The retry of a submit is recognised by the Idempotency-Key kept on the participation row. The
//   general idempotency table is NOT used here: it would keep, next to the user id, a hash of the
//   request body, and hashing the stored answers would find whose they are.
// - The two rows of one submit are written together, so the storage links them: PostgreSQL stamps
//   both with the submitting transaction (xmin) and keeps them in arrival order; SQLite's WAL holds
//   both in one commit. So answers are staged (mixed = 0) and "mixed": once MIX_BATCH unmixed answers
//   of a survey have gathered, a mixing transaction (begun once the submit has been answered) deletes
//   them and writes them again together in key order; closing a survey does the same for all its answers. Afterwards every row's position and xmin point to a batch of
//   at least MIX_BATCH answers, never to one person.
// - Deleting is not erasing: the deleted copies stay as dead tuples (still stamped with the submitting
//   xid) on PostgreSQL, and as old WAL frames and freed cells on SQLite. So after each mix commits,
//   eraseUnmixed() removes them: SQLite runs with secure_delete (core/db.ts: freed cells and pages are zeroed)
//   and truncates the WAL with a checkpoint, and after closing writes the answers' table anew (a page SQLite
//   rebalanced keeps bytes of the cells that left it); PostgreSQL VACUUMs both tables, and after closing
//   CLUSTERs them, which writes a new file in key order and drops the old one: a heap puts a row
//   wherever free space is, so only CLUSTER makes the physical order the key order — of the answers,
//   and of the participation rows, which otherwise keep the order people answered in.
// - A 楼组 is as good as a name when few of its residents answered, so closing moves the answers of a
//   楼组 with fewer than MIN_STORED_CELL app respondents to its 小区 or 居民区 (cells.ts). While the
//   survey runs the 楼组 stays on each answer: which cell it needs depends on the final count.
// - Until the next mix, the latest few (fewer than MIX_BATCH) unmixed answers are linkable by whoever
//   reads the files or PostgreSQL's system columns — never through the API.
import { randomBytes } from 'node:crypto'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database } from '../db/schema'
import { compiled } from '../core/compiled'
import { truncateLog, type Trx } from '../core/db'
import { onSqlite } from '../core/dialect'
import { shareNext } from '../core/share-next'
import { shanghaiDay } from '../../types/time'
import { MIX_BATCH, type StoredAnswers } from './rules'
import { storedCells } from './cells'
import { buildingsUnder } from './queries/units'

type Q = Kysely<Database>
type ResponseRecord = Selectable<Database['survey_responses']>

export const newResponseId = (): string => randomBytes(16).toString('hex')

// Run on every submit.
const storeResponse = compiled((db, v: { id: string; surveyId: number; unitId: number; day: string; channel: 'app' | 'paper'; answers: string }) =>
  db
    .insertInto('survey_responses')
    .values({ id: v.id, survey_id: v.surveyId, unit_id: v.unitId, answered_on: v.day, channel: v.channel, answers: v.answers, mixed: 0 }),
)
const unmixedCount = compiled((db, v: { surveyId: number }) =>
  db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', v.surveyId)
    .where('mixed', '=', 0),
)

export async function insertResponse(
  trx: Trx,
  r: { surveyId: number; buildingId: number; channel: 'app' | 'paper'; answers: StoredAnswers; now: Date },
): Promise<void> {
  await storeResponse.all(trx, {
    id: newResponseId(),
    surveyId: r.surveyId,
    unitId: r.buildingId,
    day: shanghaiDay(r.now),
    channel: r.channel,
    answers: JSON.stringify(r.answers),
  })
}

const INSERT_BATCH = 500

const stillOpen = compiled((db, v: { surveyId: number }) => {
  const open = db.selectFrom('surveys').select('id').where('id', '=', v.surveyId).where('state', '=', 'published')
  return onSqlite(db) ? open : open.forUpdate()
})

/** Nothing to mix after all (a concurrent mix took the rows, or the survey is closing): roll back. */
class NothingToMix extends Error {}

/** Residents who answered in the app, per 楼组 they live in: whom a database reader can name. */
async function appRespondentsByBuilding(trx: Trx, surveyId: number): Promise<Map<number, number>> {
  const rows = await trx
    .selectFrom('survey_participation as p')
    .innerJoin('residences as r', 'r.user_id', 'p.user_id')
    .select(['r.building_id', sql<number>`count(distinct p.user_id)`.as('n')])
    .where('p.survey_id', '=', surveyId)
    .where('r.status', '=', 'approved')
    .groupBy('r.building_id')
    .execute()
  return new Map(rows.map((r) => [r.building_id, Number(r.n)]))
}

/** Each answer's 楼组, moved up to the cell its app respondents allow (cells.ts). */
async function intoCells(trx: Trx, surveyId: number, rows: ResponseRecord[]): Promise<ResponseRecord[]> {
  const survey = await trx.selectFrom('surveys').select('unit_id').where('id', '=', surveyId).executeTakeFirstOrThrow()
  const [buildings, respondents] = await Promise.all([buildingsUnder(trx, survey.unit_id), appRespondentsByBuilding(trx, surveyId)])
  const cells = storedCells(buildings, respondents)
  return rows.map((r) => ({ ...r, unit_id: cells.get(r.unit_id) ?? r.unit_id }))
}

/**
 * Deletes the survey's answers (only the unmixed ones unless `all`) and writes them again in key
 * order, marked mixed; `all` (closing) also moves them into their cells, final now that nobody else
 * can answer. Returns the rows taken.
 */
async function rewrite(trx: Trx, surveyId: number, all: boolean): Promise<ResponseRecord[]> {
  // A mix of a survey being closed waits for the closing (PostgreSQL's row lock; SQLite's writes take turns)
  // and then leaves it alone: rows it wrote after the closing's DELETE began would escape the closing's rewrite.
  if (!all && !(await stillOpen.first(trx, { surveyId }))) throw new NothingToMix()
  let taken = trx.deleteFrom('survey_responses').where('survey_id', '=', surveyId)
  if (!all) taken = taken.where('mixed', '=', 0)
  const rows = await taken.returningAll().execute()
  if (!all && rows.length < MIX_BATCH) throw new NothingToMix()
  const sorted = (all ? await intoCells(trx, surveyId, rows) : rows).map((r) => ({ ...r, mixed: 1 })).sort((a, b) => (a.id < b.id ? -1 : 1))
  for (let i = 0; i < sorted.length; i += INSERT_BATCH) {
    await trx.insertInto('survey_responses').values(sorted.slice(i, i + INSERT_BATCH)).execute()
  }
  return rows
}

const SNAPSHOT_POLL_MS = 50
const SNAPSHOT_WAIT_MS = 5_000

/**
 * PostgreSQL keeps a deleted row — stamped with its writer's xid — for as long as any transaction of
 * the database may still see it, and VACUUM and CLUSTER keep it then too. So wait, briefly, until
 * every transaction older than now has ended (a longer one leaves the rows to the next mix's VACUUM).
 */
async function earlierSnapshotsEnded(db: Q): Promise<void> {
  const { rows } = await sql<{ x: string }>`select (pg_snapshot_xmax(pg_current_snapshot())::text::bigint % 4294967296)::text as x`.execute(db)
  const now = rows[0].x
  for (let waited = 0; waited < SNAPSHOT_WAIT_MS; waited += SNAPSHOT_POLL_MS) {
    const older = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and ((backend_xmin is not null and age(backend_xmin) > age(${now}::xid))
          or (backend_xid is not null and age(backend_xid) > age(${now}::xid)))`.execute(db)
    if (older.rows[0].n === 0) return
    await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_POLL_MS))
  }
}

/**
 * SQLite: survey_responses copied into a new table, and the old one dropped (secure_delete zeroes its pages).
 * Rows deleted and written again move between pages, and a page SQLite rebalances keeps the bytes of
 * cells that left it in its unused middle, where secure_delete does not reach: 2 closes in 100 left an
 * answer's pre-closing copy, with the 楼组 closing had replaced, there. The copy is made by SQLite's
 * transfer optimisation (an INSERT … SELECT * between tables of one definition), which appends whole
 * records in key order and never moves a cell: the new pages hold each answer once. It is off while
 * foreign keys are enforced, and that pragma cannot change inside a transaction, so the copy holds the
 * connection from before its transaction until after it.
 */
async function rebuildAnswersTable(db: Q): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`pragma foreign_keys = off`.execute(conn)
    try {
      await conn.transaction().execute(async (trx) => {
        // Created as the migrations last left it: the definitions are read back from the schema.
        const { rows } = await sql<{ type: string; sql: string }>`
          select type, sql from sqlite_schema where tbl_name = 'survey_responses' and sql is not null order by type desc`.execute(trx)
        const [table, ...indexes] = rows
        await sql.raw(table.sql.replace(/^create table\s+("?)survey_responses\1/i, 'create table survey_responses_new')).execute(trx)
        await sql`insert into survey_responses_new select * from survey_responses`.execute(trx)
        await sql`drop table survey_responses`.execute(trx)
        await sql`alter table survey_responses_new rename to survey_responses`.execute(trx)
        for (const index of indexes) await sql.raw(index.sql).execute(trx)
      })
    } finally {
      await sql`pragma foreign_keys = on`.execute(conn)
    }
  })
}

/**
 * Run once a mix has committed (VACUUM and CLUSTER cannot run in a transaction): leaves no pre-mix
 * copy of an answer or a participation row in the files. `ordered` (after closing) also rewrites the
 * answers' table (SQLite) or both tables in key order (PostgreSQL).
 */
export async function eraseUnmixed(db: Q, opts: { ordered: boolean }): Promise<void> {
  if (onSqlite(db)) {
    if (opts.ordered) await rebuildAnswersTable(db)
    await truncateLog(db)
    return
  }
  await earlierSnapshotsEnded(db)
  if (opts.ordered) {
    await sql`cluster survey_responses using survey_responses_pkey`.execute(db)
    await sql`cluster survey_participation using survey_participation_pk`.execute(db)
  } else await sql`vacuum survey_responses, survey_participation`.execute(db)
}

/**
 * Rewrites the survey's unmixed answers together once there are at least MIX_BATCH of them, in a
 * transaction of its own (not the submitter's), then erases the copies left behind. `DELETE …
 * RETURNING` hands each row to exactly one of two concurrent mixers, so none is lost or doubled; a
 * mixer left with fewer than MIX_BATCH rows (a concurrent one took the others) rolls back, so no batch
 * is ever small. Returns the rows rewritten.
 */
export async function mixResponses(db: Q, surveyId: number): Promise<number> {
  const { n } = (await unmixedCount.first(db, { surveyId }))!
  if (Number(n) < MIX_BATCH) return 0
  let mixed: number
  try {
    mixed = (await db.transaction().execute((trx) => rewrite(trx, surveyId, false))).length
  } catch (err) {
    if (err instanceof NothingToMix) return 0
    throw err
  }
  await eraseUnmixed(db, { ordered: false })
  return mixed
}

// One mix of a survey at a time in this process: submits that arrive while it runs share the next, which
// takes all their answers at once and empties the log once for them (core/share-next.ts).
const mixers = new WeakMap<Q, Map<number, () => Promise<number>>>()

/**
 * mixResponses, started after a submit has been answered: the mix and the erasing after it (a checkpoint
 * that waits for readers on SQLite, a VACUUM on PostgreSQL) are no part of what the resident waits for.
 */
export function mixSoon(db: Q, surveyId: number): Promise<number> {
  let ofHandle = mixers.get(db)
  if (!ofHandle) mixers.set(db, (ofHandle = new Map()))
  let mix = ofHandle.get(surveyId)
  if (!mix) ofHandle.set(surveyId, (mix = shareNext(() => mixResponses(db, surveyId))))
  return mix()
}

/**
 * Rewrites every answer of a survey in key order, inside the caller's transaction (closing it). The
 * caller runs eraseUnmixed({ ordered: true }) once that transaction has committed.
 */
export async function mixAllResponses(trx: Trx, surveyId: number): Promise<number> {
  return (await rewrite(trx, surveyId, true)).length
}

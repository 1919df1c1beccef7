// How a survey answer is stored apart from its author, so that nobody can tell whose it is.
//
// - A submit writes two rows in one transaction: survey_participation (survey, user) and
//   survey_responses (random key, survey, 楼组, day, channel, answers). Nothing is shared between them.
// - The retry of a submit is recognised by the Idempotency-Key kept on the participation row. The
//   general idempotency table is NOT used here: it would keep, next to the user id, a hash of the
//   request body, and hashing the stored answers would find whose they are.
// - SQLite keeps the rows ordered by the random key (WITHOUT ROWID). PostgreSQL keeps rows in the
//   order they were written and stamps each with its transaction (xmin) — the same transaction as the
//   participation row. So answers are "mixed": once MIX_BATCH unmixed answers of a survey have
//   gathered, they are deleted and written again together, in key order, in a transaction of their
//   own; closing a survey rewrites all its answers. After mixing, a row's position and xmin point to a
//   batch of at least MIX_BATCH answers, never to one person. Until then the latest few (fewer than
//   MIX_BATCH) are linkable by someone reading PostgreSQL's system columns directly — never through the API.
import { randomBytes } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../db/schema'
import type { Trx } from '../core/db'
import { shanghaiDay } from '../../types/time'
import { MIX_BATCH, type StoredAnswers } from './rules'

type Q = Kysely<Database>
type ResponseRecord = Selectable<Database['survey_responses']>

export const newResponseId = (): string => randomBytes(16).toString('hex')

export async function insertResponse(
  trx: Trx,
  r: { surveyId: number; buildingId: number; channel: 'app' | 'paper'; answers: StoredAnswers; now: Date },
): Promise<void> {
  await trx
    .insertInto('survey_responses')
    .values({
      id: newResponseId(),
      survey_id: r.surveyId,
      building_id: r.buildingId,
      answered_on: shanghaiDay(r.now),
      channel: r.channel,
      answers: JSON.stringify(r.answers),
      mixed: 0,
    })
    .execute()
}

const INSERT_BATCH = 500

async function rewrite(trx: Trx, rows: ResponseRecord[]): Promise<void> {
  const sorted = rows.map((r) => ({ ...r, mixed: 1 })).sort((a, b) => (a.id < b.id ? -1 : 1))
  for (let i = 0; i < sorted.length; i += INSERT_BATCH) {
    await trx.insertInto('survey_responses').values(sorted.slice(i, i + INSERT_BATCH)).execute()
  }
}

class TooFew extends Error {}

/**
 * Rewrites the survey's unmixed answers together once there are at least MIX_BATCH of them, in a
 * transaction of its own (not the submitter's). `DELETE … RETURNING` hands each row to exactly one
 * of two concurrent mixers, so none is lost or doubled; a mixer left with fewer than MIX_BATCH rows
 * (a concurrent one took the others) rolls back, so no batch is ever small. Returns the rows rewritten.
 */
export async function mixResponses(db: Q, surveyId: number): Promise<number> {
  const { n } = await db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .where('mixed', '=', 0)
    .executeTakeFirstOrThrow()
  if (Number(n) < MIX_BATCH) return 0
  try {
    return await db.transaction().execute(async (trx) => {
      const rows = await trx.deleteFrom('survey_responses').where('survey_id', '=', surveyId).where('mixed', '=', 0).returningAll().execute()
      if (rows.length < MIX_BATCH) throw new TooFew()
      await rewrite(trx, rows)
      return rows.length
    })
  } catch (err) {
    if (err instanceof TooFew) return 0
    throw err
  }
}

/** Rewrites every answer of a survey in key order, inside the caller's transaction (closing it). */
export async function mixAllResponses(trx: Trx, surveyId: number): Promise<number> {
  const rows = await trx.deleteFrom('survey_responses').where('survey_id', '=', surveyId).returningAll().execute()
  await rewrite(trx, rows)
  return rows.length
}

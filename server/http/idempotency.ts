import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { AppError } from './errors'

export type Trx = Transaction<Database>

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string })?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/**
 * Runs a write in one transaction. With an Idempotency-Key header, the answer is stored in that same
 * transaction, so a retried request gets the first answer replayed and never writes twice.
 */
export async function write<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (trx: Trx) => Promise<T>,
  status = 200,
): Promise<T> {
  const db = request.server.db.kysely
  const header = request.headers['idempotency-key']
  const key = Array.isArray(header) ? header[0] : header
  const userId = request.principal?.userId
  reply.status(status)
  if (!key || userId === undefined) return db.transaction().execute(work)
  if (key.length > 100) throw new AppError(400, 'invalid_input', 'Idempotency-Key 太长', 'Idempotency-Key')

  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex')

  const attempt = () =>
    db.transaction().execute(async (trx) => {
      const prior = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response_body'])
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .executeTakeFirst()
      if (prior) return { prior }
      const body = await work(trx)
      await trx
        .insertInto('idempotency_keys')
        .values({
          user_id: userId,
          key,
          request_hash: requestHash,
          status_code: status,
          response_body: JSON.stringify(body),
          created_at: new Date().toISOString(),
        })
        .execute()
      return { body }
    })

  let outcome: Awaited<ReturnType<typeof attempt>>
  try {
    outcome = await attempt()
  } catch (err) {
    // A concurrent twin committed first: ours rolled back, so replay theirs.
    if (!isUniqueViolation(err)) throw err
    outcome = await attempt()
  }
  if ('body' in outcome) return outcome.body as T
  const { prior } = outcome
  if (prior.request_hash !== requestHash) {
    throw new AppError(422, 'idempotency_key_reused', '这个请求编号已用于另一项操作，请刷新后重试')
  }
  reply.status(prior.status_code).header('idempotent-replayed', 'true')
  return JSON.parse(prior.response_body) as T
}

import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { compiled } from './compiled'
import { isUniqueViolation, type Trx } from './db'
import { AppError } from './errors'

/**
 * What a write leaves to do once it has committed (WeChat subscribe messages, say): never inside the
 * transaction, since a slow outside service must not hold a lock, and never if the write rolled back.
 */
export type AfterCommit = (task: (app: FastifyInstance) => Promise<void>) => void

export type Work<T> = (trx: Trx, after: AfterCommit) => Promise<T>

/**
 * How long a stored answer is kept for replay. A client retries a queued write (a draft kept offline, a
 * request whose answer was lost) whenever it is next online, which can be days later; forgetting the key
 * first would apply that write twice. 30 days: as long as a session lives by default (SESSION_DAYS).
 */
export const IDEMPOTENCY_KEY_DAYS = 30

// Keyed by the app's database handle: route plugins see an encapsulated instance, tests the root one.
const inFlight = new WeakMap<object, Set<Promise<void>>>()

/** Starts a task without making the request wait; failures are logged. `settled` waits for them. */
export function inBackground(app: FastifyInstance, task: (app: FastifyInstance) => Promise<void>): void {
  const job = task(app).catch((err) => app.log.warn({ err }, 'after-commit task failed'))
  let set = inFlight.get(app.db)
  if (!set) inFlight.set(app.db, (set = new Set()))
  set.add(job)
  void job.finally(() => set!.delete(job))
}

/** Resolves once every background task started so far has finished (tests, and closing the server). */
export async function settled(app: FastifyInstance): Promise<void> {
  const set = inFlight.get(app.db)
  while (set && set.size > 0) await Promise.all([...set])
}

/** Runs a write in one transaction, then starts what it left for after the commit. */
export async function transact<T>(app: FastifyInstance, work: Work<T>): Promise<T> {
  const tasks: ((app: FastifyInstance) => Promise<void>)[] = []
  const result = await app.db.kysely.transaction().execute((trx) => {
    tasks.length = 0 // a retried attempt starts clean
    return work(trx, (task) => tasks.push(task))
  })
  for (const task of tasks) inBackground(app, task)
  return result
}

const storedAnswer = compiled((db, v: { userId: number; key: string }) =>
  db.selectFrom('idempotency_keys').select(['request_hash', 'status_code', 'response_body']).where('user_id', '=', v.userId).where('key', '=', v.key),
)
const storeAnswer = compiled((db, v: { userId: number; key: string; requestHash: string; status: number; body: string; at: string }) =>
  db
    .insertInto('idempotency_keys')
    .values({ user_id: v.userId, key: v.key, request_hash: v.requestHash, status_code: v.status, response_body: v.body, created_at: v.at }),
)

/**
 * A request's write, in one transaction. With an Idempotency-Key header the answer is stored in that
 * same transaction, so a retried request gets the first answer replayed and never writes twice (nor
 * repeats its after-commit tasks).
 */
export async function write<T>(request: FastifyRequest, reply: FastifyReply, work: Work<T>, status = 200): Promise<T> {
  const app = request.server
  const header = request.headers['idempotency-key']
  const key = Array.isArray(header) ? header[0] : header
  const userId = request.principal?.userId
  reply.status(status)
  if (!key || userId === undefined) return transact(app, work)
  if (key.length > 100) throw new AppError(400, 'invalid_input', 'Idempotency-Key 太长', 'Idempotency-Key')

  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex')

  const attempt = () =>
    transact(app, async (trx, after) => {
      const prior = await storedAnswer.first(trx, { userId, key })
      if (prior) return { prior }
      const body = await work(trx, after)
      // A write that answers nothing replays nothing.
      await storeAnswer.all(trx, { userId, key, requestHash, status, body: JSON.stringify(body ?? null), at: new Date().toISOString() })
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

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { requireUser } from '../accounts'
import type { Principal } from '../accounts'
import { write, type Work } from '../core/write'
import type { Database } from '../db/schema'

/**
 * What a route hands its command or query: the signed-in caller, the time, the database and the
 * request's one transaction. Commands see no request or reply beyond this.
 */
export interface Context {
  principal: Principal
  now: Date
  db: Kysely<Database>
  /** The app's services: the content check, rate-limit counters and configured limits. */
  app: FastifyInstance
  /** Runs the request's write in one transaction (core/write), answering with `status`. */
  write<T>(work: Work<T>, status?: number): Promise<T>
}

/** The context of a signed-in request (401 otherwise). */
export function contextOf(request: FastifyRequest, reply: FastifyReply): Context {
  const { principal } = requireUser(request)
  const app = request.server
  return { principal, now: app.clock(), db: app.db.kysely, app, write: (work, status) => write(request, reply, work, status) }
}

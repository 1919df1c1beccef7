// What a community command is handed by its route: the database, the caller, the request's clock and its
// one transaction (core/write, with Idempotency-Key replay).
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { requireUser, type Principal } from '../accounts'
import { write, type Work } from '../core/write'
import type { Database } from '../db/schema'

export interface Caller {
  db: Kysely<Database>
  principal: Principal
  now: () => Date
  write: <T>(work: Work<T>, status?: number) => Promise<T>
}

/** Refuses a caller who is not signed in (401). */
export function caller(request: FastifyRequest, reply: FastifyReply): Caller {
  const { principal } = requireUser(request)
  return {
    db: request.server.db.kysely,
    principal,
    now: () => request.server.clock(),
    write: (work, status) => write(request, reply, work, status),
  }
}

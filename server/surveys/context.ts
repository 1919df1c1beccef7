// What a query or a command is handed by its route: the database, the clock, the signed-in principal
// and, for writes, the request's transaction runner and reply status — never the request itself,
// which only reader() and writer() below look at. The index's routes use the same two.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { requireUser } from '../accounts'
import type { Principal } from '../accounts'
import type { Database } from '../db/schema'
import { inBackground, write, type Work } from '../core/write'

export interface Reader {
  db: Kysely<Database>
  clock: () => Date
  principal: Principal
}

export interface Writer extends Reader {
  /** One transaction with core/write's Idempotency-Key replay; the route's status on success. */
  write: <T>(work: Work<T>, status?: number) => Promise<T>
  /** Whether the write above replayed an earlier answer rather than writing. */
  replayed: () => boolean
  /** The Idempotency-Key header, for the one write with its own retry protocol (submit-response.ts). */
  idempotencyKey: string | null
  /** Answers with this status, marked as a replay of an earlier answer when it is one. */
  respond: (status: number, replayed: boolean) => void
  /** Work after the response's transaction that may fail without failing the request. */
  warn: (err: unknown, message: string) => void
  /** Starts work the caller need not wait for, after the answer; closing the server waits for it. */
  later: (task: () => Promise<unknown>) => void
}

const REPLAYED = 'idempotent-replayed'

/** A query's view of the request: who asks, and when. Refuses a caller who is not signed in (401). */
export function reader(request: FastifyRequest): Reader {
  const { principal } = requireUser(request)
  return { db: request.server.db.kysely, clock: () => request.server.clock(), principal }
}

/** A command's view of the request: a reader, and the request's write and reply status. */
export function writer(request: FastifyRequest, reply: FastifyReply): Writer {
  const header = request.headers['idempotency-key']
  return {
    ...reader(request),
    write: (work, status) => write(request, reply, work, status),
    replayed: () => Boolean(reply.getHeader(REPLAYED)),
    warn: (err, message) => request.log.warn({ err }, message),
    later: (task) => inBackground(request.server, async () => void (await task())),
    idempotencyKey: (Array.isArray(header) ? header[0] : header) ?? null,
    respond: (status, replayed) => {
      reply.status(status)
      if (replayed) reply.header(REPLAYED, 'true')
    },
  }
}

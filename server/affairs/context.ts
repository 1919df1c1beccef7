// What a query or a command of 居务公开 is handed by its route: never the request itself.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { requireUser, type Principal } from '../accounts'
import { checkContent } from '../content'
import type { Trx } from '../core/db'
import { write } from '../core/write'
import type { Database } from '../db/schema'

export interface Reader {
  db: Kysely<Database>
  now: Date
  principal: Principal
  /** How the caller signs what they write: "3号楼居民", "居委会". */
  label: string
}

export interface Writer extends Reader {
  /** The request's one transaction (Idempotency-Key replay included), answered with the route's status. */
  write: <T>(work: (trx: Trx) => Promise<T>) => Promise<T>
  /** Refuses risky text (422) before it is stored. */
  checkText: (texts: string[]) => Promise<void>
}

export function reader(request: FastifyRequest): Reader {
  const { principal, me } = requireUser(request)
  return { db: request.server.db.kysely, now: request.server.clock(), principal, label: me.label }
}

export function writer(request: FastifyRequest, reply: FastifyReply, status = 200): Writer {
  const r = reader(request)
  return {
    ...r,
    write: (work) => write(request, reply, (trx) => work(trx), status),
    checkText: async (texts) => {
      // Scene 2 (comment): a question or a flag on a published record.
      await checkContent(request.server, { texts, userId: r.principal.userId, scene: 2 })
    },
  }
}

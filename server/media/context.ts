import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Principal } from '../accounts'
import type { Trx } from '../core/db'
import type { AfterCommit } from '../core/write'
import type { Database } from '../db/schema'
import type { MediaPorts } from './ports'

/** What a media command needs: the caller, the time, the request's one transaction, and the app's services. */
export interface MediaContext {
  app: FastifyInstance
  db: Kysely<Database>
  principal: Principal
  now: Date
  ports: MediaPorts
  write: <T>(work: (trx: Trx, after: AfterCommit) => Promise<T>) => Promise<T>
}

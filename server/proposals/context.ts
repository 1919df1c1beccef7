import type { Kysely } from 'kysely'
import type { ContentScene, ContentVerdict } from '../content'
import type { Database } from '../db/schema'
import type { LimitName } from '../core/rate-limit'
import type { Viewer } from './policy'
import type { ProposalPorts } from './ports'
import type { Tx } from './rows'

export type Q = Kysely<Database>

/** What a query needs: the database, the time, and who is asking. */
export interface ReadContext {
  db: Q
  now: Date
  viewer: Viewer
}

/** What a command needs besides: the request's one transaction and the outside services it may call. */
export interface CommandContext extends ReadContext {
  /** The caller's display label (progress comments, evaluations). */
  label: string
  /** Runs the command's write in one transaction (idempotent with an Idempotency-Key); `tx.after` runs after commit. */
  write: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>
  /** The content check of text a resident wrote (a risky text is refused with 422). */
  checkText: (texts: string[], scene: ContentScene) => Promise<ContentVerdict['verdict']>
  /** Counts an act against a rate limit (429 once used up). */
  limit: (name: LimitName, who: string) => Promise<void>
  ports: ProposalPorts
}

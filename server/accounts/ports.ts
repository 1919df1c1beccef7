import type { Trx } from '../core/db'
import type { AfterCommit } from '../core/write'

/**
 * What accounts ask of capabilities above them, wired in server/app.ts (accounts is at the bottom of the
 * graph and imports none of them): a reviewed residence is told to the resident, in the same transaction.
 */
export interface AccountPorts {
  residenceReviewed: (
    trx: Trx,
    after: AfterCommit,
    input: { userId: number; residenceId: number; decision: 'approved' | 'rejected'; reason: string | null; place: string; now: Date },
  ) => Promise<void>
}

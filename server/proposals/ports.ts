import type { Trx } from '../core/db'

/**
 * What proposals ask of other capabilities, wired in server/app.ts: accepting a proposal opens its topic
 * in the 议事厅 (the discussions capability), in the same transaction.
 */
export interface ProposalPorts {
  openTopic: (
    trx: Trx,
    input: { unitId: number; question: string; background: string; proposalId: number; openedBy: number; now: Date },
  ) => Promise<{ id: number }>
}

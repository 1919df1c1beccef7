import type { Migration } from './helpers'

// Indexes the reads asked for once their plans were read at the benchmark's scale (bench/explain.ts).
export const indexes: Migration = {
  async up(db) {
    // 首页's overdue and to-evaluate lists: a few of the caller's units, some states, a deadline before or
    // after now. Without it PostgreSQL intersected the unit index with every proposal's deadline.
    await db.schema.createIndex('proposals_unit_state_deadline').on('proposals').columns(['unit_id', 'state', 'deadline_at']).execute()
    // A proposal's latest evaluations (its detail page): by proposal, newest first, without sorting them all.
    await db.schema.createIndex('proposal_evaluations_recent').on('proposal_evaluations').columns(['proposal_id', 'updated_at']).execute()
  },
}

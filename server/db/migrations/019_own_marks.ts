import type { Migration } from './helpers'

// A caller's own marks on proposals are read all at once, from the caller's side, and kept
// (proposals/queries/items.ts): their evaluations by user, their household's ballots by household.
export const ownMarks: Migration = {
  async up(db) {
    await db.schema.createIndex('proposal_evaluations_user').on('proposal_evaluations').columns(['user_id', 'proposal_id']).execute()
    await db.schema.createIndex('proposal_votes_household').on('proposal_votes').columns(['building_id', 'room', 'proposal_id']).execute()
  },
}

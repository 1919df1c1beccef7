import { sql } from 'kysely'
import { withId, type Migration } from './helpers'

// Referees (物业, 业委会, 街镇 departments) answer referrals themselves, and stalled items escalate.
// - referral_events: a referee's (or the committee's) step on a referral that leaves the state as it is:
//   accepted (with an optional note), answered (with the answer). Photos arrive later, hence a row per
//   step with its own photos column rather than more columns on proposals. A refusal is a change of
//   state (back to screening) and stays in proposal_transitions.
// - proposals.referral_accepted_at / referral_answered_by: the current referral's standing, next to the
//   existing referral_answer / referral_answered_at (kept as the current answer).
// - proposals.escalates_at / escalated_at: when the 街镇 is due to be told of an overdue item, and when
//   it was (overdue_notified_at still marks the first level).
export const referrals: Migration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('referral_events'), dialect)
      .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
      .addColumn('actor_role', 'text', (c) => c.notNull())
      .addColumn('referred_to', 'text', (c) => c.notNull())
      .addColumn('text', 'text')
      .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('referral_events_proposal').on('referral_events').columns(['proposal_id', 'id']).execute()

    await db.schema.alterTable('proposals').addColumn('referral_accepted_at', 'text').execute()
    await db.schema.alterTable('proposals').addColumn('referral_answered_by', 'text').execute()
    await db.schema.alterTable('proposals').addColumn('escalates_at', 'text').execute()
    await db.schema.alterTable('proposals').addColumn('escalated_at', 'text').execute()

    // Answers recorded so far were typed in by the committee (who exactly is in the moderation log).
    await sql`
      insert into referral_events (proposal_id, kind, actor_id, actor_role, referred_to, text, photos, created_at)
      select id, 'answered', null, 'committee', referred_to, referral_answer, '[]', referral_answered_at
      from proposals where referral_answer is not null and referred_to is not null
    `.execute(db)
    await db.updateTable('proposals').set({ referral_answered_by: 'committee' }).where('referral_answer', 'is not', null).execute()
  },
}

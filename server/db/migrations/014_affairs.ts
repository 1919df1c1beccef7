import { withId, type Migration } from './helpers'

// 居务公开 (server/affairs). The ledger's entries about decisions, meetings, spending, referrals, surveys and
// evaluations are read from those records themselves (each already append-only); only what the committee
// adds here is stored: 自治金 entries and corrections (affairs_entries), residents' questions and the
// 居务监督委员会's flags with their answers (affairs_questions), and the committee's members (affairs_supervisors).
export const affairs: Migration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('affairs_entries'), dialect)
      .addColumn('neighbourhood_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('amount_fen', 'integer')
      .addColumn('spent_on', 'text', (c) => c.notNull())
      .addColumn('proposal_id', 'integer', (c) => c.references('proposals.id'))
      .addColumn('corrects', 'text')
      .addColumn('photos', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('affairs_entries_neighbourhood').on('affairs_entries').columns(['neighbourhood_id', 'spent_on']).execute()
    await db.schema.createIndex('affairs_entries_corrects').on('affairs_entries').columns(['neighbourhood_id', 'corrects']).execute()

    await withId(db.schema.createTable('affairs_questions'), dialect)
      .addColumn('neighbourhood_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('entry_key', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('author_label', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('answer', 'text')
      .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
      .addColumn('answered_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('affairs_questions_entry').on('affairs_questions').columns(['neighbourhood_id', 'entry_key']).execute()
    await db.schema.createIndex('affairs_questions_open').on('affairs_questions').columns(['neighbourhood_id', 'answered_at']).execute()

    await withId(db.schema.createTable('affairs_supervisors'), dialect)
      .addColumn('neighbourhood_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('appointed_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('appointed_at', 'text', (c) => c.notNull())
      .addColumn('removed_by', 'integer', (c) => c.references('users.id'))
      .addColumn('removed_at', 'text')
      .execute()
    await db.schema.createIndex('affairs_supervisors_member').on('affairs_supervisors').columns(['neighbourhood_id', 'user_id', 'removed_at']).execute()
  },
}

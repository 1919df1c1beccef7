import { withId, type Migration } from './helpers'

// Paper questionnaires typed in by staff (defect 8: the committee could write its own grade).
// - survey_paper_batches: who entered a batch, who checked it (another staff member), how many
//   questionnaires and, until it is checked, the entries themselves. A checked batch's answers move
//   to survey_responses like any other answer (no batch id on them, so mixing is untouched) and
//   `entries` is emptied. `by_street` marks a batch entered by the 街镇 rather than the 居委会.
// - survey_paper_confirmations: the 街镇's confirmation that a wave answered mostly on paper by the
//   居委会 may count for the index.
export const paperBatches: Migration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('survey_paper_batches'), dialect)
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
      .addColumn('entries', 'text')
      .addColumn('building_counts', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('by_street', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('entered_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .addColumn('checked_by', 'integer', (c) => c.references('users.id'))
      .addColumn('checked_at', 'text')
      .execute()
    await db.schema.createIndex('survey_paper_batches_survey').on('survey_paper_batches').columns(['survey_id', 'id']).execute()

    await db.schema
      .createTable('survey_paper_confirmations')
      .addColumn('survey_id', 'integer', (c) => c.primaryKey().references('surveys.id'))
      .addColumn('confirmed_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('confirmed_at', 'text', (c) => c.notNull())
      .execute()
  },
}

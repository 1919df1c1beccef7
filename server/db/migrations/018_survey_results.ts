import type { Migration } from './helpers'

// A closed survey's figures are computed once and kept (server/surveys/queries/results.ts):
// - surveys.results_version: raised by every write that adds answers to a survey, in its own transaction;
// - survey_results: the figures as the committee sees them, with the basis they were computed on (that
//   version, and the 楼组 and households they were weighted by); read only while the basis still holds.
export const surveyResults: Migration = {
  async up(db) {
    await db.schema.alterTable('surveys').addColumn('results_version', 'integer', (c) => c.notNull().defaultTo(0)).execute()
    await db.schema
      .createTable('survey_results')
      .addColumn('survey_id', 'integer', (c) => c.primaryKey().references('surveys.id'))
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('figures', 'text', (c) => c.notNull())
      .execute()
  },
}

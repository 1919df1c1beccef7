import { sql } from 'kysely'
import { withId, type Migration } from './helpers'

// 问卷 and 评估指标. Who answered and what was answered live apart:
// - survey_participation (survey, user): one response each; no time, no link to the answer.
// - survey_responses: the answers with the survey, the 楼组, the day and the channel only. Its key is
//   16 random bytes, and on SQLite the table is WITHOUT ROWID, so neither a key nor a rowid follows
//   the order answers came in. (PostgreSQL has no rowid; its physical order and xmin are scrambled by
//   mixing, see server/surveys/responses.ts.)
export const surveys: Migration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('surveys'), dialect)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('neighbourhood_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('intro', 'text', (c) => c.notNull())
      .addColumn('instruments', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('questions', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('opens_at', 'text')
      .addColumn('closes_at', 'text')
      .addColumn('published_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('copied_from', 'integer', (c) => c.references('surveys.id'))
      .addColumn('response_note', 'text')
      .addColumn('response_note_at', 'text')
      .addColumn('response_note_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('surveys_neighbourhood').on('surveys').columns(['neighbourhood_id', 'state', 'id']).execute()
    await db.schema.createIndex('surveys_unit').on('surveys').columns(['unit_id', 'state', 'id']).execute()
    await db.schema.createIndex('surveys_closed').on('surveys').columns(['neighbourhood_id', 'closed_at']).execute()

    let participation = db.schema
      .createTable('survey_participation')
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      // The client's Idempotency-Key of the submit, so a retry is answered without storing anything
      // derived from the answers.
      .addColumn('idem_key', 'text')
      .addPrimaryKeyConstraint('survey_participation_pk', ['survey_id', 'user_id'])
    if (dialect === 'sqlite') participation = participation.modifyEnd(sql`without rowid`)
    await participation.execute()
    await db.schema.createIndex('survey_participation_user').on('survey_participation').columns(['user_id', 'survey_id']).execute()

    let responses = db.schema
      .createTable('survey_responses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
      .addColumn('building_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('answered_on', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('answers', 'text', (c) => c.notNull())
      // 0 until the row has been rewritten with a batch of others (see mixResponses).
      .addColumn('mixed', 'integer', (c) => c.notNull().defaultTo(0))
    if (dialect === 'sqlite') responses = responses.modifyEnd(sql`without rowid`)
    await responses.execute()
    await db.schema.createIndex('survey_responses_survey').on('survey_responses').columns(['survey_id', 'mixed']).execute()

    // Manual index inputs: every entry kept, the latest per (unit, period, leaf) in use.
    await withId(db.schema.createTable('indicator_inputs'), dialect)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('leaf_id', 'text', (c) => c.notNull())
      .addColumn('value', 'text')
      .addColumn('note', 'text')
      .addColumn('entered_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('indicator_inputs_unit_period').on('indicator_inputs').columns(['unit_id', 'period', 'leaf_id', 'id']).execute()
  },
}

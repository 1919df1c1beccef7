import { withId, type Migration } from './helpers'

// Household counts are the denominators of rates and survey weights, so a past period must be read with
// the counts that held then:
// - unit_households: every count a unit has had, from when. Filled from today's counts, valid from
//   the unit's creation (the best the database knows of the past).
// - unit_import_previews: a 街镇 admin's checked spreadsheet, kept a short while so that the import
//   writes exactly the plan the preview showed.
export const unitHouseholds: Migration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('unit_households'), dialect)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('households', 'integer', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('unit_households_unit').on('unit_households').columns(['unit_id', 'valid_from']).execute()
    await db
      .insertInto('unit_households')
      .columns(['unit_id', 'households', 'valid_from'])
      .expression(db.selectFrom('units').select(['id', 'households', 'created_at']))
      .execute()

    await db.schema
      .createTable('unit_import_previews')
      .addColumn('token', 'text', (c) => c.primaryKey())
      .addColumn('street_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('rows', 'text', (c) => c.notNull())
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute()
  },
}

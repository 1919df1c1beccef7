import { sql } from 'kysely'
import { OTHER_REFS, PROPOSAL_REFS, RESIDENT_REFS } from '../../server/community/queries/street'
import { migrateToLatest } from '../../server/db/migrate'
import { freshDatabase } from '../support/server'

// Deleting a unit missing from an imported file is allowed only when nothing names it: the import
// checks a list of the columns that refer to units. Every foreign key to units must be on it, except
// the tree's own parent link and the unit's household history, which go with the unit.
const GOES_WITH_THE_UNIT = ['units.parent_id', 'unit_households.unit_id', 'unit_import_previews.street_id']

it('knows every column that refers to a unit', async () => {
  const database = await freshDatabase('sqlite')
  try {
    await migrateToLatest(database.db)
    const db = database.db.kysely
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
    const refs: string[] = []
    for (const { name } of tables.rows) {
      const keys = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(db)
      for (const k of keys.rows) if (k.table === 'units') refs.push(`${name}.${k.from}`)
    }
    const listed = [...RESIDENT_REFS, ...PROPOSAL_REFS, ...OTHER_REFS].map(([t, c]) => `${t}.${c}`)
    expect(refs.filter((r) => !GOES_WITH_THE_UNIT.includes(r)).sort()).toEqual([...listed].sort())
  } finally {
    await database.drop()
  }
})

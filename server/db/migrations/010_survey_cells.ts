import type { Migration } from './helpers'

// An answer is stored under its 楼组 only when the 楼组 has enough respondents, else under its 小区 or
// 居民区 (server/surveys/cells.ts): the column names the unit, whichever level it is.
export const surveyCells: Migration = {
  async up(db) {
    await db.schema.alterTable('survey_responses').renameColumn('building_id', 'unit_id').execute()
  },
}

import type { Migration } from './helpers'

// How residents reach their 居委会 (an office phone, hours, a room): shown to whoever waits for the
// committee, such as a resident whose verification is pending. Set on a 居民区; null until the committee fills it.
export const unitContact: Migration = {
  async up(db) {
    await db.schema.alterTable('units').addColumn('contact', 'text').execute()
  },
}

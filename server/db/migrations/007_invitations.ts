import { sql } from 'kysely'
import { withId, type Migration } from './helpers'

// Setting up a 街镇 without the demo seed:
// - invitations: a one-time, expiring code that grants a role on a unit. Only the code's hash is kept.
// - role_grants.label: which department (城建办) or 物业 company a referee account speaks for.
// - moderation_log.actor_id may be null: an act from the server's admin command has no user behind it.
export const invitations: Migration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('invitations'), dialect)
      .addColumn('code_hash', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('label', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_by', 'integer', (c) => c.references('users.id'))
      .addColumn('used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute()
    await db.schema.createIndex('invitations_unit').on('invitations').columns(['unit_id', 'id']).execute()

    await db.schema.alterTable('role_grants').addColumn('label', 'text').execute()

    if (dialect === 'postgres') {
      await db.schema.alterTable('moderation_log').alterColumn('actor_id', (c) => c.dropNotNull()).execute()
      return
    }
    // SQLite cannot drop a NOT NULL: the table is rebuilt with the same rows and ids.
    await withId(db.schema.createTable('moderation_log_new'), dialect)
      .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'integer', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await sql`insert into moderation_log_new select id, actor_id, action, target_type, target_id, unit_id, reason, created_at from moderation_log`.execute(db)
    await db.schema.dropTable('moderation_log').execute()
    await db.schema.alterTable('moderation_log_new').renameTo('moderation_log').execute()
    await db.schema.createIndex('moderation_log_unit').on('moderation_log').columns(['unit_id', 'id']).execute()
  },
}

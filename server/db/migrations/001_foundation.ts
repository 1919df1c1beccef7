import { withId, type Migration } from './helpers'

export const foundation: Migration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('units'), dialect)
      .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('housing_type', 'text')
      .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('units_parent').on('units').column('parent_id').execute()

    await withId(db.schema.createTable('users'), dialect)
      .addColumn('openid', 'text', (c) => c.unique())
      .addColumn('real_name', 'text')
      .addColumn('phone', 'text')
      .addColumn('demo_description', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('privacy_accepted_at', 'text')
      .execute()

    await withId(db.schema.createTable('role_grants'), dialect)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('role_grants_unique', ['user_id', 'role', 'unit_id'])
      .execute()

    await withId(db.schema.createTable('residences'), dialect)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('building_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('room', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('is_representative', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
      .addColumn('reviewed_at', 'text')
      .execute()
    await db.schema.createIndex('residences_user').on('residences').columns(['user_id', 'id']).execute()
    await db.schema.createIndex('residences_building_status').on('residences').columns(['building_id', 'status']).execute()

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute()

    await db.schema
      .createTable('rate_counters')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_start', 'bigint', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer', (c) => c.notNull())
      .addColumn('response_body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
      .execute()

    await withId(db.schema.createTable('moderation_log'), dialect)
      .addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'integer', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('moderation_log_unit').on('moderation_log').columns(['unit_id', 'id']).execute()
  },
}

import { withId, type Migration } from './helpers'

// The send record of WeChat subscribe messages (server/notifications/push.ts): one row per message, with
// what WeChat last answered. status: sent | unsubscribed (43101, never retried) | refused (another errcode)
// | failed (no answer) | sending. next_attempt_at: when a refused or failed send is tried again (null: never).
export const pushLog: Migration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('push_log'), dialect)
      .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('template_id', 'text', (c) => c.notNull())
      .addColumn('page', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('errcode', 'integer')
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('answered_at', 'text')
      .addColumn('next_attempt_at', 'text')
      .execute()
    await db.schema.createIndex('push_log_next_attempt').on('push_log').column('next_attempt_at').execute()
    await db.schema.createIndex('push_log_notification').on('push_log').column('notification_id').execute()
  },
}

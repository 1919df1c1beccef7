import { withId, type Migration } from './helpers'

// Photos and files residents and committees upload (server/media).
// - media: one upload, re-encoded (images) or kept as sent (PDFs), with its thumbnail. status is the
//   content check's: pending until WeChat's verdict or a committee member decides. neighbourhood_id /
//   street_id: whose committee may see it while pending (the uploader's 居民区 and 街镇).
// - media_attachments: what an upload belongs to; reading follows the owner's readers.
export const media: Migration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('media'), dialect)
      .addColumn('uploader_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('thumb_key', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text')
      .addColumn('neighbourhood_id', 'integer', (c) => c.references('units.id'))
      .addColumn('street_id', 'integer', (c) => c.references('units.id'))
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decided_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('media_trace').on('media').column('trace_id').execute()
    await db.schema.createIndex('media_uploader').on('media').columns(['uploader_id', 'id']).execute()

    await db.schema
      .createTable('media_attachments')
      .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id'))
      .addColumn('owner_kind', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('media_attachments_pk', ['media_id', 'owner_kind', 'owner_id'])
      .execute()
    await db.schema.createIndex('media_attachments_owner').on('media_attachments').columns(['owner_kind', 'owner_id']).execute()
  },
}

import { maskPersonalInfo } from '../../content'
import { termRows } from '../../search'
import type { Migration } from './helpers'

// The search index of proposals and 议事厅 topics (server/search): one row per term of a document. Filled
// from what is already there, as residents read it (masked), so search works for old items too.
export const searchTerms: Migration = {
  async up(db) {
    await db.schema
      .createTable('search_terms')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('doc_id', 'integer', (c) => c.notNull())
      .addColumn('term', 'text', (c) => c.notNull())
      .addColumn('weight', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('search_terms_pk', ['kind', 'doc_id', 'term'])
      .execute()
    await db.schema.createIndex('search_terms_term').on('search_terms').columns(['kind', 'term', 'doc_id']).execute()
    const proposals = await db.selectFrom('proposals').select(['id', 'title', 'body']).execute()
    const topics = await db.selectFrom('topics').select(['id', 'question', 'background']).execute()
    const rows = [
      ...proposals.flatMap((p) => termRows('proposal', p.id, maskPersonalInfo(p.title), maskPersonalInfo(p.body))),
      ...topics.flatMap((t) => termRows('topic', t.id, maskPersonalInfo(t.question), maskPersonalInfo(t.background))),
    ]
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('search_terms').values(rows.slice(i, i + 500)).execute()
  },
}

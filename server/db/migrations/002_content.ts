import fs from 'node:fs'
import path from 'node:path'
import type { Migration } from './helpers'
import { parseWordList } from '../../content/words'

export const content: Migration = {
  async up(db) {
    await db.schema
      .createTable('sensitive_words')
      .addColumn('word', 'text', (c) => c.primaryKey())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    const shipped = parseWordList(fs.readFileSync(path.join(__dirname, '../../content/sensitive-words.txt'), 'utf8'))
    const now = new Date().toISOString()
    if (shipped.length > 0) {
      await db
        .insertInto('sensitive_words')
        .values(shipped.map((w) => ({ word: w.word, level: w.level, created_by: null, created_at: now })))
        .execute()
    }
  },
}

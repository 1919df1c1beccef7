import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { Principal } from '../accounts'
import { requireWordKeeper } from './policy'

/** The sensitive-word list as admins keep it. */
export async function listWords(db: Kysely<Database>, principal: Principal) {
  requireWordKeeper(principal)
  const words = await db.selectFrom('sensitive_words').select(['word', 'level', 'created_at']).orderBy('word').execute()
  return { words: words.map((w) => ({ word: w.word, level: w.level, createdAt: w.created_at })) }
}

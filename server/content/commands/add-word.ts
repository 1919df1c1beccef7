import type { Principal } from '../../accounts'
import type { Trx } from '../../core/db'
import type { AfterCommit } from '../../core/write'
import { forgetWordList } from '../check'
import { requireWordKeeper } from '../policy'
import type { WordEntry } from '../words'

/** Adds a word to the list, or changes the level of one already there. */
export async function addWord(trx: Trx, principal: Principal, input: WordEntry, now: Date, after: AfterCommit): Promise<WordEntry> {
  requireWordKeeper(principal)
  after(async (app) => forgetWordList(app))
  const word = input.word.trim()
  await trx
    .insertInto('sensitive_words')
    .values({ word, level: input.level, created_by: principal.userId, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('word').doUpdateSet({ level: input.level }))
    .execute()
  return { word, level: input.level }
}

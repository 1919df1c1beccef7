import type { Principal } from '../../accounts'
import type { Trx } from '../../core/db'
import type { AfterCommit } from '../../core/write'
import { forgetWordList } from '../check'
import { notFound } from '../../core/errors'
import { requireWordKeeper } from '../policy'

export async function removeWord(trx: Trx, principal: Principal, word: string, after: AfterCommit): Promise<{ ok: true }> {
  requireWordKeeper(principal)
  after(async (app) => forgetWordList(app))
  const res = await trx.deleteFrom('sensitive_words').where('word', '=', word).executeTakeFirst()
  if (Number(res.numDeletedRows) === 0) throw notFound('该敏感词')
  return { ok: true }
}

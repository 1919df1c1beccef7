import type { Kysely } from 'kysely'
import type { Session } from '../../../types'
import type { Database } from '../../db/schema'
import { openSession } from '../sessions'
import type { WechatAuth } from '../wechat'

/** wx.login's code → the account of that openid (made on first login) and a new session. */
export async function loginWithWechat(
  deps: { db: Kysely<Database>; wechat: WechatAuth; sessionDays: number },
  code: string,
): Promise<Session> {
  // WeChat is asked before the transaction: a slow outside service must not hold a lock.
  const { openid } = await deps.wechat.code2Session(code)
  return deps.db.transaction().execute(async (trx) => {
    // Insert-or-ignore then read: two first logins at once must not make two accounts.
    await trx
      .insertInto('users')
      .values({ openid, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('openid').doNothing())
      .execute()
    const user = await trx.selectFrom('users').select('id').where('openid', '=', openid).executeTakeFirstOrThrow()
    return openSession(trx, user.id, deps.sessionDays)
  })
}

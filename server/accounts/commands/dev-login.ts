import type { Kysely } from 'kysely'
import type { Session } from '../../../types'
import type { Database } from '../../db/schema'
import { notFound } from '../../core/errors'
import { openSession } from '../sessions'

/** Signs in as a seeded demo account (dev mode only: the route refuses otherwise). */
export async function devLogin(deps: { db: Kysely<Database>; sessionDays: number }, userId: number): Promise<Session> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('demo_description', 'is not', null)
      .executeTakeFirst()
    if (!user) throw notFound('演示账号')
    return openSession(trx, user.id, deps.sessionDays)
  })
}

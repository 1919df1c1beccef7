import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { endAllSessions } from '../sessions'

/** Ends every session of the caller, on every device, this one included (a lost phone, a shared computer). */
export async function logoutEverywhere(db: Kysely<Database>, userId: number): Promise<{ ok: true }> {
  await endAllSessions(db, userId)
  return { ok: true }
}

import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { endSession } from '../sessions'

/** Ends the session of the token the request came with. */
export async function logout(db: Kysely<Database>, token: string | null): Promise<{ ok: true }> {
  if (token) await endSession(db, token)
  return { ok: true }
}

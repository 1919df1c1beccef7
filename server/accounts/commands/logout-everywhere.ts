import type { FastifyInstance } from 'fastify'
import { forgetAccount } from '../account-cache'
import { endAllSessions } from '../sessions'

/** Ends every session of the caller, on every device, this one included (a lost phone, a shared computer). */
export async function logoutEverywhere(app: FastifyInstance, userId: number): Promise<{ ok: true }> {
  await endAllSessions(app.db.kysely, userId)
  await forgetAccount(app, userId)
  return { ok: true }
}

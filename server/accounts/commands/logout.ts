import type { FastifyInstance } from 'fastify'
import { forgetSession } from '../account-cache'
import { endSession } from '../sessions'

/** Ends the session of the token the request came with. */
export async function logout(app: FastifyInstance, token: string | null): Promise<{ ok: true }> {
  if (!token) return { ok: true }
  await endSession(app.db.kysely, token)
  forgetSession(app, token)
  return { ok: true }
}

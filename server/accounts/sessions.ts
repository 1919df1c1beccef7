import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Session } from '../../types'
import type { Database } from '../db/schema'
import { notFound } from '../core/errors'
import { loadAccount } from './queries'

type Q = Kysely<Database>

// Tokens are random and opaque; only their hash is stored, so a database leak yields no usable session.
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export async function createSession(db: Q, userId: number, days: number, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString()
  await db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt })
    .execute()
  return { token, expiresAt }
}

/** A new session for the user, answered with who they are (every login ends here). */
export async function openSession(db: Q, userId: number, days: number): Promise<Session> {
  const { token, expiresAt } = await createSession(db, userId, days)
  const account = await loadAccount(db, userId)
  if (!account) throw notFound('账号')
  return { token, expiresAt, user: account.me }
}

export async function endSession(db: Q, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute()
}

/** Ends every session of the user. */
export async function endAllSessions(db: Q, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

/** Removes sessions past their expiry (the hourly maintenance sweep). */
export async function endExpiredSessions(db: Q, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute()
}

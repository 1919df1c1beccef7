import type { FastifyInstance } from 'fastify'
import type { Db } from '../core/db'
import { hashToken } from './sessions'
import { sessionAccount, type Account } from './queries'
import { announce, keptPerHandle } from '../core/announcements'
import { Kept } from '../core/kept'

/**
 * How long this process trusts what it read about a session. Every command that changes a caller's
 * roles, residence, privacy consent or sessions forgets them after its commit, here and, through the
 * primary, in the other workers of WORKERS=n (core/announcements.ts), so the next request anywhere sees the
 * change. Only another deployment sharing the database (a second host behind a balancer) is not told: it
 * sees the change at most this long after.
 */
export const ACCOUNT_TTL_MS = 30_000
const MAX_ENTRIES = 20_000

class AccountCache {
  private accounts = new Kept<Account | null>(MAX_ENTRIES)

  lookup(db: Db, token: string, now: Date): Promise<Account | null> {
    const hash = hashToken(token)
    return this.accounts.get(hash, now.getTime(), async () => {
      const found = await sessionAccount(db.kysely, hash, now)
      // A kept session still ends on time.
      return { value: found?.account ?? null, until: found ? Math.min(now.getTime() + ACCOUNT_TTL_MS, Date.parse(found.expiresAt)) : null }
    })
  }

  forgetUser(userId: number): void {
    this.accounts.forget((account) => account?.principal.userId === userId)
  }

  forgetHash(hash: string): void {
    this.accounts.forgetKey(hash)
  }
}

type Forget = { userId: number } | { hash: string }

function forget(cache: AccountCache, what: Forget): void {
  if ('userId' in what) cache.forgetUser(what.userId)
  else cache.forgetHash(what.hash)
}

// Per database handle: route plugins see an encapsulated instance, tests several apps at once.
const cacheOf = keptPerHandle('account', () => new AccountCache(), (cache, what) => forget(cache, what as Forget))

export function accountCache(app: FastifyInstance): AccountCache {
  return cacheOf(app.db)
}

function forgetEverywhere(app: FastifyInstance, what: Forget): void {
  forget(accountCache(app), what)
  announce('account', what)
}

/** After a change to the user's roles, residence or consent: their next request reads them afresh. */
export async function forgetAccount(app: FastifyInstance, userId: number): Promise<void> {
  forgetEverywhere(app, { userId })
}

/** After a logout: the token stops working in every worker at once. */
export function forgetSession(app: FastifyInstance, token: string): void {
  forgetEverywhere(app, { hash: hashToken(token) })
}

// What every resident sees alike, read once and kept a few seconds: the rows of 首页's lists per 居民区, the
// first page of a 居民区's list, and what a proposal's page shows everyone. Each caller's own view (what is
// shown to them, what they co-signed, evaluated or wrote) is applied afterwards, from their own marks, which
// are kept here too: every proposal write forgets both.
import { announce, keptPerHandle } from '../core/announcements'
import { Kept } from '../core/kept'
import type { Q } from './context'
import type { ListRow } from './queries/select'

/**
 * How long rows are kept. Every proposal write forgets them after its commit, in this process and, through
 * the primary, in the other workers of WORKERS=n: this bounds only what no write announces (a unit renamed,
 * a deadline passing) and another deployment's writes.
 */
export const SHARED_TTL_MS = 30_000
export const SHARED_ROWS = 40
const MAX_LISTS = 5_000
// Callers whose marks are kept; the least recently read go first.
const MAX_CALLERS = 10_000

export interface SharedRows {
  rows: ListRow[]
  /** Fewer rows than the list holds were kept: a page cut short by the caller's view must be read afresh. */
  capped: boolean
}

const keepIn = <T>(store: Kept<unknown>, key: string, now: number, read: () => Promise<T>) =>
  store.get(key, now, async () => ({ value: await read(), until: now + SHARED_TTL_MS })) as Promise<T>

class SharedLists {
  private kept = new Kept<unknown>(MAX_LISTS)
  private callers = new Kept<unknown>(MAX_CALLERS)

  /** `read` answers at most SHARED_ROWS rows, and whether there were more. */
  get(key: string, now: number, read: () => Promise<{ rows: ListRow[]; nextCursor: string | null }>): Promise<SharedRows> {
    return this.keep(key, now, async () => {
      const page = await read()
      return { rows: page.rows, capped: page.nextCursor !== null }
    })
  }

  /** What `read` answers for `key`, kept until SHARED_TTL_MS or the next proposal write. */
  keep<T>(key: string, now: number, read: () => Promise<T>): Promise<T> {
    return keepIn(this.kept, key, now, read)
  }

  /** One caller's own marks (`key` names the caller), kept as long as the lists. */
  keepForCaller<T>(key: string, now: number, read: () => Promise<T>): Promise<T> {
    return keepIn(this.callers, key, now, read)
  }

  forget(): void {
    this.kept.forget()
    this.callers.forget()
  }
}

const listsOf = keptPerHandle('lists', () => new SharedLists(), (lists) => lists.forget())

export function sharedLists(db: Q): SharedLists {
  // A write's transaction sees what others do not yet, and each would keep its own copy for good.
  if (db.isTransaction) throw new Error('kept lists are not for a transaction: read afresh inside a write')
  return listsOf(db)
}

/** After a proposal write commits: every list is read afresh, in every worker. */
export function forgetSharedLists(db: Q): void {
  sharedLists(db).forget()
  announce('lists', null)
}

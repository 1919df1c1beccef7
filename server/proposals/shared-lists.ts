// What every resident of a 楼组 sees alike on 首页 and the first page of their 居民区's list, read once
// and kept a few seconds; each caller's own view (what is shown to them, what they co-signed, evaluated
// or wrote) is applied to those rows afterwards.
import type { Q } from './context'
import type { ListRow } from './queries/select'

/**
 * How long rows are kept. Every proposal write in this process forgets them after its commit, so this
 * bounds only what no write here announces: another worker's writes, a unit renamed, a deadline passing.
 */
export const SHARED_TTL_MS = 5_000
/** Rows kept per list: enough that the caller's own exclusions rarely leave a page short. */
export const SHARED_ROWS = 40
const MAX_LISTS = 5_000

export interface SharedRows {
  rows: ListRow[]
  /** Fewer rows than the list holds were kept: a page cut short by the caller's view must be read afresh. */
  capped: boolean
}

interface Entry {
  rows: SharedRows
  until: number
}

class SharedLists {
  private lists = new Map<string, Entry>()
  // Bumped by every forget: a read that began before a write must not store what it read then.
  private epoch = 0

  /** `read` answers at most SHARED_ROWS rows, and whether there were more. */
  async get(key: string, now: number, read: () => Promise<{ rows: ListRow[]; nextCursor: string | null }>): Promise<SharedRows> {
    const hit = this.lists.get(key)
    if (hit && hit.until > now) return hit.rows
    const epoch = this.epoch
    const page = await read()
    const shared = { rows: page.rows, capped: page.nextCursor !== null }
    if (epoch === this.epoch) {
      if (this.lists.size >= MAX_LISTS) this.lists.delete(this.lists.keys().next().value!)
      this.lists.delete(key) // re-inserted last: the Map's order is the eviction order
      this.lists.set(key, { rows: shared, until: now + SHARED_TTL_MS })
    }
    return shared
  }

  forget(): void {
    this.epoch++
    this.lists.clear()
  }
}

// One per database handle, like the account cache: tests run several apps at once.
const caches = new WeakMap<Q, SharedLists>()

export function sharedLists(db: Q): SharedLists {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new SharedLists()))
  return cache
}

/** After a proposal write commits: every list is read afresh. */
export function forgetSharedLists(db: Q): void {
  sharedLists(db).forget()
}

// Values read from the database and kept a short while in this process, per key. Concurrent misses of a
// key share one read (single-flight.ts); a read begun before a forget is answered but not kept, since it
// may hold what the change replaced.
import { SingleFlight } from './single-flight'

export class Kept<T> {
  private entries = new Map<string, { value: T; until: number }>()
  private reads = new SingleFlight<T>()
  // Bumped by every forget.
  private epoch = 0

  constructor(private readonly maxEntries: number) {}

  /** The value kept for `key` at `now`, else `read`'s, kept until the time it gives (null: not kept). */
  async get(key: string, now: number, read: () => Promise<{ value: T; until: number | null }>): Promise<T> {
    const hit = this.entries.get(key)
    if (hit && hit.until > now) return hit.value
    if (hit) this.entries.delete(key)
    return this.reads.run(key, async () => {
      const epoch = this.epoch
      const { value, until } = await read()
      if (until !== null && epoch === this.epoch) {
        this.entries.delete(key) // re-inserted last: the Map's order is the eviction order
        if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
        this.entries.set(key, { value, until })
      }
      return value
    })
  }

  /** After a change: every kept value, or those `which` picks, are read afresh. */
  forget(which?: (value: T) => boolean): void {
    this.epoch++
    this.reads.forget()
    if (!which) this.entries.clear()
    else for (const [key, entry] of this.entries) if (which(entry.value)) this.entries.delete(key)
  }

  /** After a change to one key's value (a logout): only it is read afresh. */
  forgetKey(key: string): void {
    this.epoch++
    this.reads.forget()
    this.entries.delete(key)
  }
}

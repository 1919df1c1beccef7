import { sql } from 'kysely'
import type { Redis } from 'ioredis'
import type { Db } from './db'

/** Fixed-window hit counters shared by every server instance (rate limits). */
export interface CounterStore {
  /** Counts a hit on `key` in the current window and returns the hits so far in that window. */
  hit(key: string, windowMs: number, now?: number): Promise<number>
  close(): Promise<void>
}

export function databaseCounters(db: Db): CounterStore {
  return {
    async hit(key, windowMs, now = Date.now()) {
      const windowStart = Math.floor(now / windowMs) * windowMs
      const row = await db.kysely
        .insertInto('rate_counters')
        .values({ key, window_start: windowStart, count: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql`case when rate_counters.window_start = excluded.window_start then rate_counters.count + 1 else 1 end`,
            window_start: sql`excluded.window_start`,
          }),
        )
        .returning('count')
        .executeTakeFirstOrThrow()
      return Number(row.count)
    },
    async close() {},
  }
}

export function redisCounters(redis: Redis): CounterStore {
  return {
    async hit(key, windowMs, now = Date.now()) {
      const windowStart = Math.floor(now / windowMs) * windowMs
      const k = `yishi:rl:${key}:${windowStart}`
      const res = await redis.multi().incr(k).pexpire(k, windowMs * 2).exec()
      return Number(res?.[0]?.[1] ?? 0)
    },
    async close() {
      await redis.quit()
    },
  }
}

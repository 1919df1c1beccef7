import cluster from 'node:cluster'
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

/**
 * Counters in this process's memory, for one SQLite file: every process serving it is on this machine, and
 * the workers of WORKERS=n ask their primary (clusterCounters). In the database, each hit was a write of its
 * own before the request's own, with its own commit: a third of a co-signature's database time.
 * A restart forgets the counts, which only lets a flood start again at once.
 */
export function memoryCounters(): CounterStore & { prune(now: number): void } {
  const windows = new Map<string, { start: number; windowMs: number; count: number }>()
  let hits = 0
  const store = {
    async hit(key: string, windowMs: number, now = Date.now()) {
      const start = Math.floor(now / windowMs) * windowMs
      const w = windows.get(key)
      if (w && w.start === start) return ++w.count
      windows.set(key, { start, windowMs, count: 1 })
      // Now and then, drop windows that have ended, so idle keys do not pile up.
      if (++hits % 1_000 === 0) store.prune(now)
      return 1
    },
    prune(now: number) {
      for (const [key, w] of windows) if (w.start + w.windowMs <= now) windows.delete(key)
    },
    async close() {},
  }
  return store
}

interface CountRequest {
  yishiCount: number
  key: string
  windowMs: number
  now: number
}

const isCountRequest = (m: unknown): m is CountRequest => typeof m === 'object' && m !== null && 'yishiCount' in m

const COUNTER_ANSWER_MS = 5_000

/** A worker's counters: kept by the primary (serveCounters), so a limit is one limit across all workers. */
export function clusterCounters(): CounterStore {
  let next = 0
  const waiting = new Map<number, (count: number) => void>()
  process.on('message', (m: unknown) => {
    if (!isCountRequest(m) || !('count' in m)) return
    waiting.get(m.yishiCount)?.(m.count as number)
    waiting.delete(m.yishiCount)
  })
  return {
    hit(key, windowMs, now = Date.now()) {
      const id = next++
      return new Promise((resolve, reject) => {
        // A primary that does not keep counters (servePrimary not called) must fail the request, not hang it.
        const timer = setTimeout(() => {
          waiting.delete(id)
          reject(new Error('rate-limit counter not answered by the primary process'))
        }, COUNTER_ANSWER_MS)
        waiting.set(id, (count) => {
          clearTimeout(timer)
          resolve(count)
        })
        process.send!({ yishiCount: id, key, windowMs, now } satisfies CountRequest)
      })
    },
    async close() {},
  }
}

/** In the primary of WORKERS=n over SQLite: keeps the counters its workers ask about. */
export function serveCounters(): void {
  const counters = memoryCounters()
  cluster.on('message', (worker, m: unknown) => {
    if (!isCountRequest(m)) return
    void counters.hit(m.key, m.windowMs, m.now).then((count) => worker.isConnected() && worker.send({ yishiCount: m.yishiCount, count }))
  })
}

/** Where rate limits are counted: Redis when configured, else beside the one SQLite file, else in PostgreSQL. */
export function countersFor(db: Db, redis: Redis | null): CounterStore {
  if (redis) return redisCounters(redis)
  if (db.dialect === 'postgres') return databaseCounters(db)
  return cluster.isWorker ? clusterCounters() : memoryCounters()
}

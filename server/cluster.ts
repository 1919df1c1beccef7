// The primary of WORKERS=n, beyond starting and replacing its workers (main.ts): the services it keeps
// for them, so that the workers act as one server.
import type { Config } from './config'
import { relayAnnouncements } from './core/announcements'
import { serveCounters } from './core/counters'

/** Passes on the workers' announcements and, over one SQLite file without Redis, keeps their rate-limit counters. */
export function servePrimary(config: Pick<Config, 'databaseUrl' | 'redisUrl'>): void {
  relayAnnouncements()
  if (!config.databaseUrl && !config.redisUrl) serveCounters()
}

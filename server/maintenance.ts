import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { endExpiredSessions } from './accounts'
import { sweepProposals } from './proposals'
import { prunePushLog, retryPushes } from './notifications'
import { IDEMPOTENCY_KEY_DAYS } from './core/write'

const HOUR = 3_600_000

/**
 * Removes what has outlived its use: expired sessions, old rate-limit windows and idempotency keys; acts on
 * proposals past their time limits; tries again subscribe messages WeChat refused, and forgets old send records;
 * refreshes SQLite's planner statistics.
 */
export async function sweep(app: FastifyInstance, now = Date.now()): Promise<void> {
  const db = app.db.kysely
  await endExpiredSessions(db, new Date(now))
  await db.deleteFrom('rate_counters').where('window_start', '<', now - 24 * HOUR).execute()
  await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(now - IDEMPOTENCY_KEY_DAYS * 24 * HOUR).toISOString()).execute()
  await sweepProposals(app, new Date(now))
  await retryPushes(app, new Date(now))
  await prunePushLog(app, new Date(now), app.config.pushLogDays)
  // PostgreSQL's autovacuum keeps its statistics; SQLite's are refreshed where they have drifted.
  if (app.db.dialect === 'sqlite') await sql`pragma optimize`.execute(db)
}

/** Hourly; with several workers (WORKERS) only one process runs it, and says so in its log. */
export function startMaintenance(app: FastifyInstance): () => void {
  app.log.info({ maintenance: true }, '本进程负责定时维护（过期会话、提案时限、消息重发）')
  const timer = setInterval(() => {
    sweep(app).catch((err) => app.log.warn({ err }, 'maintenance sweep failed'))
  }, HOUR)
  timer.unref()
  return () => clearInterval(timer)
}

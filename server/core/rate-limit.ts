import type { FastifyRequest } from 'fastify'
import { AppError } from './errors'

export interface Limit {
  max: number
  windowMs: number
}

// Named so that every route uses the same numbers for the same kind of act; config may override them.
export const DEFAULT_LIMITS = {
  login: { max: 10, windowMs: 60_000 },
  write: { max: 60, windowMs: 60_000 },
  /** 议事厅 posts and replies per resident. */
  post: { max: 10, windowMs: 10 * 60_000 },
  /** Proposals a resident submits for themselves (代录 by the committee is not limited). */
  proposal: { max: 10, windowMs: 60 * 60_000 },
  /** Invitation codes tried per address, like logins: a code cannot be guessed by trying many. */
  invitation: { max: 10, windowMs: 10 * 60_000 },
  /** A resident's data export (a zip with their photos): heavy, and needed rarely. */
  export: { max: 3, windowMs: 24 * 60 * 60_000 },
} satisfies Record<string, Limit>

export type LimitName = keyof typeof DEFAULT_LIMITS

function waitText(windowMs: number): string {
  return windowMs >= 60_000 ? `${Math.ceil(windowMs / 60_000)} 分钟` : `${Math.ceil(windowMs / 1000)} 秒`
}

/**
 * Refuses with 429 once `who` has used up `limit` in the current window; Retry-After says how many
 * seconds remain until the window (fixed, as the counters keep it) ends.
 */
export async function enforceLimit(request: FastifyRequest, name: LimitName, who: string): Promise<void> {
  const limit = request.server.config.limits[name]
  const now = Date.now()
  const count = await request.server.counters.hit(`${name}:${who}`, limit.windowMs, now)
  if (count > limit.max) {
    const retryAfter = Math.max(1, Math.ceil((limit.windowMs - (now % limit.windowMs)) / 1000))
    throw new AppError(429, 'rate_limited', `操作太频繁了，请 ${waitText(limit.windowMs)}后再试`, undefined, undefined, { 'retry-after': String(retryAfter) })
  }
}

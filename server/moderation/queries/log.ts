import type { ModerationLogEntry } from '../../../types'
import { MODERATION_ACTION_NAMES, ROLE_NAMES } from '../../../types'
import { decodeIdCursor, encodeIdCursor, enforce, type Context } from '../../discussions'
import { readLogCheck } from '../policy'
import { staffNeighbourhoods } from './scope'

/** Who the log names for an act of the server's admin command. */
const COMMAND_LINE_LABEL = '命令行'

export interface LogFilter {
  unitId?: number
  /** An action ('post.hide'), or a family of them ending in a dot ('post.'). */
  action?: string
  actorId?: number
  targetType?: string
  targetId?: number
  from?: string
  to?: string
  cursor?: string
  limit?: number
}

/** The moderation log of the 居民区 the caller serves, newest first (read only: no route changes it). */
export async function moderationLog(ctx: Context, q: LogFilter): Promise<{ items: ModerationLogEntry[]; nextCursor: string | null }> {
  const { db, principal } = ctx
  enforce(readLogCheck(principal))
  // Acts on a 街镇 itself (its admins and departments invited, their roles removed) are logged against
  // the 街镇: its admins read them with their 居民区' entries.
  const streets = principal.grants.filter((g) => g.role === 'admin').map((g) => g.unitId)
  const units =
    q.unitId !== undefined && streets.includes(q.unitId)
      ? [q.unitId]
      : [...(await staffNeighbourhoods(ctx, q.unitId)), ...(q.unitId === undefined ? streets : [])]
  if (units.length === 0) return { items: [], nextCursor: null }
  const limit = q.limit ?? 50
  let query = db
    .selectFrom('moderation_log as l')
    .innerJoin('units as u', 'u.id', 'l.unit_id')
    .selectAll('l')
    .select('u.name as unit_name')
    .where('l.unit_id', 'in', units)
  if (q.action) query = q.action.endsWith('.') ? query.where('l.action', 'like', `${q.action}%`) : query.where('l.action', '=', q.action)
  if (q.actorId) query = query.where('l.actor_id', '=', q.actorId)
  if (q.targetType) query = query.where('l.target_type', '=', q.targetType)
  if (q.targetId) query = query.where('l.target_id', '=', q.targetId)
  if (q.from) query = query.where('l.created_at', '>=', new Date(q.from).toISOString())
  if (q.to) query = query.where('l.created_at', '<', new Date(q.to).toISOString())
  if (q.cursor) query = query.where('l.id', '<', decodeIdCursor(q.cursor))
  const rows = await query.orderBy('l.id', 'desc').limit(limit + 1).execute()
  const page = rows.slice(0, limit)
  const actorIds = [...new Set(page.flatMap((r) => (r.actor_id === null ? [] : [r.actor_id])))]
  const roles = actorIds.length ? await db.selectFrom('role_grants').select(['user_id', 'role']).where('user_id', 'in', actorIds).execute() : []
  const labelOf = (id: number | null) => {
    if (id === null) return COMMAND_LINE_LABEL
    const mine = roles.filter((r) => r.user_id === id)
    // The highest role names them: 街镇工作人员, 居委会, else the referee's (物业 accepting its invitation).
    const role = mine.find((r) => r.role === 'admin') ?? mine.find((r) => r.role === 'moderator') ?? mine[0]
    return role ? ROLE_NAMES[role.role] : '居民'
  }
  return {
    items: page.map((r) => ({
      id: r.id,
      actorId: r.actor_id,
      actorLabel: labelOf(r.actor_id),
      action: r.action,
      actionName: MODERATION_ACTION_NAMES[r.action] ?? r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      reason: r.reason,
      createdAt: r.created_at,
    })),
    nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null,
  }
}

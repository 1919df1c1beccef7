import type { Trx } from './db'

export interface ModerationEntry {
  /** null: the server's admin command. */
  actorId: number | null
  /** e.g. verification.approve, post.hide */
  action: string
  targetType: string
  targetId: number
  /** The 居民区 the action concerns, so each committee reads its own log (the 街镇 for acts on the 街镇 itself). */
  unitId: number
  reason: string | null
}

/** Appends to the moderation log, inside the caller's transaction: the act and its record land together. */
export async function logModeration(trx: Trx, e: ModerationEntry): Promise<void> {
  await trx
    .insertInto('moderation_log')
    .values({
      actor_id: e.actorId,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      unit_id: e.unitId,
      reason: e.reason,
      created_at: new Date().toISOString(),
    })
    .execute()
}

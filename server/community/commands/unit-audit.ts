import type { Trx } from '../../core/db'
import { logModeration } from '../../core/audit'
import type { UnitChain } from '../../accounts'

/**
 * Logs a change to a unit under the 居民区 it belongs to (so its committee reads it), or under the 街镇
 * for a 居民区 itself: a 居民区's own log entry would keep it from ever being deleted.
 */
export async function logUnitAct(trx: Trx, actorId: number, action: string, unitId: number, chain: UnitChain, changes: object): Promise<void> {
  const logUnit = chain.length >= 3 ? chain[chain.length - 2] : chain[chain.length - 1]
  await logModeration(trx, { actorId, action, targetType: 'unit', targetId: unitId, unitId: logUnit, reason: JSON.stringify(changes) })
}

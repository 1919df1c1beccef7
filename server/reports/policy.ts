// Who may read the 台账. Pure: the caller resolves the unit and its chain, then asks. Residents never do:
// the 台账 is the committee's report to the 街镇 (what residents see is 居务公开).
import { isStaffFor, type Principal, type UnitChain } from '../accounts'
import { badInput, forbidden, type AppError } from '../core/errors'
import type { UnitLevel } from '../../types'

interface Unit {
  id: number
  level: UnitLevel
  chain: UnitChain
}

/** The unit a request means: the one asked for, else the one the caller serves (a committee its 居民区). */
export function defaultUnit(p: Principal, unitId: number | undefined): number | undefined {
  return unitId ?? (p.grants.find((g) => g.role === 'moderator') ?? p.grants[0])?.unitId
}

/** A 居民区's 台账: its committee and the staff of its 街镇. */
export function ledgerRefusal(p: Principal, unit: Unit | null): AppError | null {
  if (!unit || unit.level !== 'neighbourhood') return badInput('unitId', '台账按居民区生成，请选择一个居民区')
  return isStaffFor(p, unit.chain) ? null : forbidden('只有本居民区的居委会或街镇工作人员可以查看台账')
}

/** Every 居民区 of a 街镇 side by side: its own staff only. */
export function streetLedgerRefusal(p: Principal, unit: Unit | null): AppError | null {
  if (!unit || unit.level !== 'street') return badInput('unitId', '请选择一个街镇')
  return p.grants.some((g) => g.role === 'admin' && g.unitId === unit.id) ? null : forbidden('只有本街镇的工作人员可以查看各居民区的台账')
}

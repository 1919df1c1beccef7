// Who may change the community tree. Pure: callers load the principal and the unit's chain, ask here, and
// throw the refusal they get back.
import type { Principal, UnitChain } from '../accounts'
import { forbidden, type AppError } from '../core/errors'

export type Refusal = AppError | null

const isAdminOf = (p: Principal, unitId: number) => p.grants.some((g) => g.role === 'admin' && g.unitId === unitId)

/** Importing is for 街镇 admins (checked before a token is even looked up). */
export function importerRefusal(p: Principal): Refusal {
  return p.grants.some((g) => g.role === 'admin') ? null : forbidden('只有街镇管理员可以导入社区结构')
}

/** Importing a 街镇's tree is for that 街镇's admins. */
export function importRefusal(p: Principal, streetId: number): Refusal {
  return isAdminOf(p, streetId) ? null : forbidden('只有本街镇的管理员可以导入社区结构')
}

/**
 * Adding or changing a unit: the 街镇's admin for anything in the 街镇, the 居委会 for units under its
 * 居民区 (not the 居民区 itself). `self` is the unit changed (null when adding one), `above` its ancestors,
 * nearest first.
 */
/** A 居民区's contact: its own 居委会 writes it, as does the admin of its 街镇. */
export function unitContactRefusal(p: Principal, self: number, above: UnitChain): Refusal {
  const admin = p.grants.some((g) => g.role === 'admin' && above.includes(g.unitId))
  const committee = p.grants.some((g) => g.role === 'moderator' && g.unitId === self)
  return admin || committee ? null : forbidden('只有本居民区的居委会或街镇管理员可以修改联系方式')
}

export function unitEditRefusal(p: Principal, self: number | null, above: UnitChain): Refusal {
  const admin = p.grants.some((g) => g.role === 'admin' && (g.unitId === self || above.includes(g.unitId)))
  const committee = p.grants.some((g) => g.role === 'moderator' && above.includes(g.unitId))
  return admin || committee ? null : forbidden('只有本街镇的管理员或所属居委会可以修改社区结构')
}

// Who may do what in 居务公开. Pure: the caller loads the 居民区's chain (and membership), then asks.
import { can, type Principal, type UnitChain } from '../accounts'
import { forbidden, type AppError } from '../core/errors'

export const readRefusal = (p: Principal, chain: UnitChain): AppError | null =>
  can(p, 'affairs.read', chain) ? null : forbidden('只有本居民区的认证居民和居委会可以查看居务公开')

export const askRefusal = (p: Principal, chain: UnitChain): AppError | null =>
  can(p, 'affairs.ask', chain) ? null : forbidden('只有本居民区的认证居民可以提问')

export const manageRefusal = (p: Principal, chain: UnitChain): AppError | null =>
  can(p, 'affairs.manage', chain) ? null : forbidden('只有本居民区的居委会可以进行此操作')

/** Only a member of the 居务监督委员会 of the 居民区 flags an entry. */
export const flagRefusal = (isSupervisor: boolean): AppError | null => (isSupervisor ? null : forbidden('只有居务监督委员会成员可以标记"公开不完整"'))

export function deny(refusal: AppError | null): void {
  if (refusal) throw refusal
}

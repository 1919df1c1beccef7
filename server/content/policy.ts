import { can, type Principal } from '../accounts'
import { forbidden } from '../core/errors'

/** Only the 街镇's admins keep the sensitive-word list. */
export function requireWordKeeper(principal: Principal): void {
  if (!can(principal, 'contentWords.manage')) throw forbidden('只有街镇管理员可以维护敏感词表')
}

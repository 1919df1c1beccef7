// Who may do what with a survey. Pure: the caller loads the principal, the survey's state and its
// unit chain, then asks; each function answers with a refusal (to throw) or null.
import { AppError, forbidden, notFound } from '../core/errors'
import { can, isStaffFor, type Principal, type UnitChain } from '../accounts'
import type { SurveyState } from '../../types'

export interface SurveyTarget {
  state: SurveyState
  /** The target unit and its ancestors. */
  chain: UnitChain
  /** The target unit's name, for the refusal of a resident living elsewhere. */
  unitName: string
}

/** Staff of the survey's 居民区 (or its 街镇) manage it and see its figures while it runs. */
export const isSurveyStaff = (p: Principal, t: Pick<SurveyTarget, 'chain'>): boolean => isStaffFor(p, t.chain)

/** Reading a survey: drafts are invisible to residents (404, as if it did not exist). */
export function readRefusal(p: Principal, t: SurveyTarget): AppError | null {
  if (!can(p, 'surveys.read', t.chain) || (t.state === 'draft' && !isSurveyStaff(p, t))) return notFound('问卷')
  return null
}

/** Managing a survey: read first (so a stranger gets 404), then staff only. */
export function manageRefusal(p: Principal, t: SurveyTarget): AppError | null {
  return readRefusal(p, t) ?? (isSurveyStaff(p, t) ? null : forbidden('只有本居民区的居委会或街镇工作人员可以管理问卷'))
}

/** Creating a survey for a unit (a new one, or a new wave of an existing one). */
export function createRefusal(p: Principal, chain: UnitChain): AppError | null {
  return can(p, 'surveys.manage', chain) ? null : forbidden('只能为本居民区创建问卷')
}

/** Answering: a verified resident of the target unit. */
export function answerRefusal(p: Principal, t: SurveyTarget): AppError | null {
  if (t.state === 'draft' && !isSurveyStaff(p, t)) return notFound('问卷')
  if (!p.residence) return new AppError(403, 'not_verified', '完成住址认证后才能填写问卷')
  if (!can(p, 'surveys.answer', t.chain)) return new AppError(403, 'not_eligible', `这份问卷只面向${t.unitName}的居民`)
  return null
}

/** Results: residents see the figures of a closed survey (without open text); the committee from its end. */
export function resultsRefusal(p: Principal, t: SurveyTarget): AppError | null {
  return readRefusal(p, t) ?? (isSurveyStaff(p, t) || t.state === 'closed' ? null : forbidden('问卷结束后才公布结果'))
}

// Who may do what with a survey. Pure: the caller loads the principal, the survey's state and its
// unit chain, then asks; each function answers with a refusal (to throw) or null.
import { AppError, conflict, forbidden, notFound } from '../core/errors'
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

/** Staff of the 街镇 over the survey (not its 居委会): paper they type in is not the committee's own. */
export const isStreetStaff = (p: Principal, chain: UnitChain): boolean => p.grants.some((g) => g.role === 'admin' && chain.includes(g.unitId))

/** Checking a paper batch: survey staff other than the one who typed it in. */
export function checkRefusal(p: Principal, batch: { entered_by: number; checked_at: string | null }): AppError | null {
  if (batch.checked_at !== null) return conflict('batch_checked', '这一批纸质问卷已经复核过了')
  return batch.entered_by === p.userId ? forbidden('复核须由录入人以外的另一位工作人员完成') : null
}

/** Confirming that a wave answered mostly on paper by the 居委会 may count: the 街镇 only, once it is closed. */
export function confirmRefusal(p: Principal, t: SurveyTarget): AppError | null {
  const refused = manageRefusal(p, t)
  if (refused) return refused
  if (!isStreetStaff(p, t.chain)) return forbidden('只有街镇工作人员可以确认以居委会录入的纸质问卷为主的调查')
  return t.state === 'closed' ? null : conflict('survey_not_closed', '问卷结束后才能确认')
}

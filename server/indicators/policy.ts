// Who may see and enter what of the index. Pure: the caller resolves the 居民区 and its chain, then asks.
import { can, type Principal, type UnitChain } from '../accounts'
import { badInput, forbidden, type AppError } from '../core/errors'
import type { UnitLevel } from '../../types'

export type IndicatorAction = 'indicators.read' | 'indicators.input' | 'indicators.summary'

/** The 居民区 a request means: the one asked for, else the caller's home, else the one they serve. */
export function defaultNeighbourhood(p: Principal, unitId: number | undefined, homeNeighbourhood: number | null): number | undefined {
  if (unitId !== undefined) return unitId
  if (homeNeighbourhood !== null) return homeNeighbourhood
  return (p.grants.find((g) => g.role === 'moderator') ?? p.grants[0])?.unitId
}

const REFUSALS: Record<IndicatorAction, string> = {
  'indicators.input': '只有街镇工作人员可以录入评估数据',
  'indicators.read': '只有本居民区的居委会或街镇工作人员可以查看评估指标',
  'indicators.summary': '只能查看本居民区的评估结果',
}

/** The index is per 居民区: the unit must be one, and the caller allowed the action there. */
export function indicatorRefusal(p: Principal, action: IndicatorAction, unit: { level: UnitLevel; chain: UnitChain } | null): AppError | null {
  if (!unit || unit.level !== 'neighbourhood') return badInput('unitId', '评估指标按居民区计算，请选择一个居民区')
  return can(p, action, unit.chain) ? null : forbidden(REFUSALS[action])
}

// The 居民区 and period a request of the index means, checked against the policy.
import type { PeriodInfo } from '../../../types'
import { currentYear, parsePeriod } from '../../../types/period'
import { badInput } from '../../core/errors'
import { neighbourhoodOf, unitInfo, type Reader, type UnitInfo } from '../../surveys'
import { defaultNeighbourhood, indicatorRefusal, type IndicatorAction } from '../policy'

export interface NeighbourhoodQuery {
  unitId?: number
  period?: string
}

/** The 居民区 asked for (or the caller's own), checked for the action. */
export async function neighbourhoodFor(r: Reader, unitId: number | undefined, action: IndicatorAction): Promise<UnitInfo> {
  const p = r.principal
  const id = defaultNeighbourhood(p, unitId, p.residence ? neighbourhoodOf(p.residence.chain) : null)
  if (id === undefined) throw badInput('unitId', '请选择居民区')
  const unit = await unitInfo(r.db, id)
  const refused = indicatorRefusal(p, action, unit)
  if (refused) throw refused
  return unit!
}

/** The period asked for, or this year in Shanghai. */
export function periodOf(r: Reader, id: string | undefined): PeriodInfo {
  const p = parsePeriod(id ?? currentYear(r.clock()))
  if (!p) throw badInput('period', '评估期应写成 2026、2026H1 或 2026H2')
  return p
}

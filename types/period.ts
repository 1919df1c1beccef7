// Evaluation periods: a calendar year ("2026") or a half-year ("2026H1", "2026H2"), in Shanghai time.
// A shared rule: the index reads by period, the demo surveys are dated by it, the app offers them.
// Pure.
import type { PeriodInfo } from './indicators'
import { addShanghaiDays, shanghaiYear, startOfShanghaiDay } from './time'

const PERIOD = /^(\d{4})(?:H([12]))?$/

export function parsePeriod(id: string): PeriodInfo | null {
  const m = PERIOD.exec(id)
  if (!m) return null
  const year = Number(m[1])
  if (year < 2000 || year > 2100) return null
  const half = m[2] ? Number(m[2]) : null
  const start = half === 2 ? `${year}-07-01` : `${year}-01-01`
  const end = half === 1 ? `${year}-06-30` : `${year}-12-31`
  const label = half === null ? `${year}年` : `${year}年${half === 1 ? '上半年' : '下半年'}`
  return { id, label, start, end }
}

/** The period before: the year before, or the half-year before. */
export function previousPeriod(p: PeriodInfo): PeriodInfo {
  const m = PERIOD.exec(p.id)!
  const year = Number(m[1])
  if (!m[2]) return parsePeriod(String(year - 1))!
  return parsePeriod(m[2] === '2' ? `${year}H1` : `${year - 1}H2`)!
}

/** The calendar year a moment falls in, in Shanghai. */
export const currentYear = (now: Date): string => shanghaiYear(now)

/** A period as UTC ISO instants [from, to) and Shanghai days [start, end] (inclusive). */
export interface PeriodWindow {
  from: string
  to: string
  start: string
  end: string
}

/** [from, to) as UTC ISO instants: Shanghai midnight at the start, and the midnight after the end. */
export function periodBounds(p: PeriodInfo): { from: string; to: string } {
  return { from: startOfShanghaiDay(p.start).toISOString(), to: startOfShanghaiDay(addShanghaiDays(p.end, 1)).toISOString() }
}

export const periodWindow = (p: PeriodInfo): PeriodWindow => ({ ...periodBounds(p), start: p.start, end: p.end })

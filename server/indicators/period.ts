// Evaluation periods: a calendar year ("2026") or a half-year ("2026H1", "2026H2"), in Shanghai time
// (UTC+8, no daylight saving). Pure.
import type { PeriodInfo } from '../../types'

const PERIOD = /^(\d{4})(?:H([12]))?$/
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

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
export function currentYear(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 4)
}

/** [from, to) as UTC ISO instants: Shanghai midnight at the start, and the midnight after the end. */
export function periodBounds(p: PeriodInfo): { from: string; to: string } {
  const midnight = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS)
  const after = midnight(p.end)
  after.setUTCDate(after.getUTCDate() + 1)
  return { from: midnight(p.start).toISOString(), to: after.toISOString() }
}

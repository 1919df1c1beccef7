// Days and wall-clock times in Shanghai (UTC+8 all year: China keeps no daylight saving), the same
// code on the server and in the app, so a phone set to another zone still shows and picks Shanghai days.
// Pure: an instant in, a string out, or the reverse.

const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

type Instant = Date | string | number

function millis(at: Instant): number {
  return at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at)
}

/** The Shanghai calendar day ('YYYY-MM-DD') of an instant; '' for an unreadable one. */
export function shanghaiDay(at: Instant): string {
  const t = millis(at)
  return Number.isNaN(t) ? '' : new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** 'YYYY-MM-DD HH:mm' in Shanghai (subscribe messages, exports). */
export function shanghaiMinute(at: Instant): string {
  const t = millis(at)
  return Number.isNaN(t) ? '' : new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** "2025年3月8日 14:05", for messages a resident reads. */
export function shanghaiDateTimeText(at: Instant): string {
  const d = new Date(millis(at) + SHANGHAI_OFFSET_MS)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** The calendar year ('2026') an instant falls in, in Shanghai. */
export function shanghaiYear(at: Instant): string {
  return shanghaiDay(at).slice(0, 4)
}

/** The instant a Shanghai day ('YYYY-MM-DD') begins. */
export function startOfShanghaiDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS)
}

/** The last millisecond of a Shanghai day: a deadline picked as a date holds through that whole day. */
export function endOfShanghaiDay(day: string): Date {
  return new Date(startOfShanghaiDay(day).getTime() + DAY_MS - 1)
}

/** The Shanghai day n days after (or before, for negative n) the given one. */
export function addShanghaiDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** A typed amount of yuan: undefined when left empty, null when it is not an amount (0 to 1e9, to the fen). */
export function parseYuan(raw: string): number | undefined | null {
  const v = raw.trim()
  if (!v) return undefined
  const n = Number(v)
  return Number.isFinite(n) && n >= 0 && n <= 1_000_000_000 ? Math.round(n * 100) / 100 : null
}

// Rounding and the number formats used in explanations.

/**
 * Half-up (away from zero) to `decimals` places, on the decimal a person would read.
 * Away from a tie, x·10^d rounds the same as the decimal does. Near a tie the product's float
 * error decides (1.005 is stored as 1.00499999999999989…), so there the number is written with
 * 15 significant digits, which drops binary noise, and the decimal point is moved in the string:
 * round(1.005) = 1.01, round(2.675) = 2.68.
 */
export function roundHalfUp(x: number, decimals = 2): number {
  if (!Number.isFinite(x)) return x
  const scale = 10 ** decimals
  const scaled = Math.abs(x) * scale
  const fraction = scaled - Math.floor(scaled)
  let rounded: number
  if (scaled < 1e9 && Math.abs(fraction - 0.5) > 1e-6) {
    rounded = Math.floor(scaled + 0.5)
  } else {
    const [mantissa, exponent] = Math.abs(x).toExponential(14).split('e')
    rounded = Math.floor(Number(`${mantissa}e${Number(exponent) + decimals}`) + 0.5)
  }
  // Integer / power of ten is correctly rounded; + 0 turns -0 into 0.
  return (Math.sign(x) * rounded) / scale + 0
}

export const round2 = (x: number): number => roundHalfUp(x, 2)

/** Points as shown: 2 decimals at most, no trailing zeros (2, 1.5, 4.12). */
export const formatPoints = (x: number): string => String(round2(x))

/** A share as a percentage, e.g. 0.84 → "84.0%". */
export const formatPercent = (share: number, decimals = 1): string =>
  `${roundHalfUp(share * 100, decimals).toFixed(decimals)}%`

/**
 * A share shown next to a band: rounding must not carry it across a bound (0.8999 would read
 * "90.0%" in the 80% band), so in that case it is truncated to 2 decimals instead ("89.99%").
 */
export function formatPercentInBand(share: number, sameBand: (shown: number) => boolean): string {
  const rounded = formatPercent(share)
  if (sameBand(Number.parseFloat(rounded) / 100)) return rounded
  // Basis points, cleaned at 12 digits (0.8999 × 10000 = 8998.999…), then cut.
  const basisPoints = Math.trunc(Number((share * 10000).toPrecision(12)))
  return `${(basisPoints / 100).toFixed(2)}%`
}

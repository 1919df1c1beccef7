// Small-cell suppression for subgroup breakdowns (per 楼组, per housing type), so that no
// published figure describes a handful of identifiable households.

export type SuppressionReason = 'small_cell' | 'complementary'

/** No published figure may rest on fewer respondents than this, unless the caller sets another. */
export const DEFAULT_MIN_CELL_SIZE = 10

/**
 * Groups with fewer than `minCellSize` respondents are suppressed. If that hides exactly one
 * group, the next smallest is hidden too: otherwise the hidden one could be recovered from the
 * total and the others. Ties go to the group id first in sort order, so output is stable.
 */
export function suppressionReasons(
  groups: { group: string; n: number }[],
  minCellSize: number,
): Map<string, SuppressionReason> {
  const reasons = new Map<string, SuppressionReason>()
  for (const { group, n } of groups) if (n < minCellSize) reasons.set(group, 'small_cell')
  if (reasons.size === 1) {
    const next = groups
      .filter(({ group }) => !reasons.has(group))
      .sort((a, b) => a.n - b.n || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))[0]
    if (next) reasons.set(next.group, 'complementary')
  }
  return reasons
}

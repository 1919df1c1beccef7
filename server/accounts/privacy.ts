// How people appear to each other: never a name or a phone number.

export const STAFF_LABEL = '居委会'
export const UNVERIFIED_LABEL = '居民'

/** "3号楼" → "3号楼居民"; staff appear as the committee. */
export function privacyLabel(opts: { buildingName: string | null; isStaff: boolean }): string {
  if (opts.isStaff) return STAFF_LABEL
  return opts.buildingName ? `${opts.buildingName}居民` : UNVERIFIED_LABEL
}

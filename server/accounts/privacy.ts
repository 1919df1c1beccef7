// How people appear to each other: never a name or a phone number.

export const STAFF_LABEL = '居委会'
export const UNVERIFIED_LABEL = '居民'

/** "3号楼" → "3号楼居民"; staff appear as the committee. */
export function privacyLabel(opts: { buildingName: string | null; isStaff: boolean }): string {
  if (opts.isStaff) return STAFF_LABEL
  return opts.buildingName ? `${opts.buildingName}居民` : UNVERIFIED_LABEL
}

/** Rooms are shown to the reviewing moderator only; elsewhere a hint is enough. */
export function maskRoom(room: string): string {
  return room.length <= 1 ? '*' : `${room.slice(0, 1)}${'*'.repeat(room.length - 1)}`
}

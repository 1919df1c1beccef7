/** The keys of a names table from types/ (e.g. MEETING_KIND_NAMES), in its order: the one list of them. */
export function keysOf<K extends string>(names: Record<K, unknown>): K[] {
  return Object.keys(names) as K[]
}

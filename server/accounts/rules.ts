/** Trims and normalises a room number so "3-201", "3－201 " and "3-201" are one household. */
export function normaliseRoom(room: string): string {
  return room.trim().replace(/[－—]/g, '-').replace(/\s+/g, '').toUpperCase()
}

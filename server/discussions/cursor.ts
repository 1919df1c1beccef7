// The 议事厅's keyset cursors: the sort and the last row's key.
import type { PostSort } from '../../types'
import { decodeCursor as decode, encodeCursor as encode, isId } from '../core/cursor'

export type PostCursor = { sort: 'oldest'; createdAt: string; id: number } | { sort: 'liked'; likes: number; id: number }

export function encodeCursor(c: PostCursor): string {
  return encode(c.sort === 'oldest' ? ['o', c.createdAt, c.id] : ['l', c.likes, c.id])
}

/** Reads a cursor made by encodeCursor for the same sort; anything else is a 400. */
export function decodeCursor(raw: string, sort: PostSort): PostCursor {
  return decode(raw, ([tag, value, id, ...rest]): PostCursor | null => {
    if (rest.length > 0 || !isId(id)) return null
    if (sort === 'oldest' && tag === 'o' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return { sort, createdAt: value, id }
    if (sort === 'liked' && tag === 'l' && Number.isSafeInteger(value) && (value as number) >= 0) return { sort, likes: value as number, id }
    return null
  })
}

/** Topic lists page by id, newest first. */
export const encodeIdCursor = (id: number): string => encode(['t', id])

export const decodeIdCursor = (raw: string): number =>
  decode(raw, ([tag, id, ...rest]) => (tag === 't' && isId(id) && rest.length === 0 ? id : null))

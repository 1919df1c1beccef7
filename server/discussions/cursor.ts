// Opaque keyset cursors: the sort and the last row's key, base64url-encoded. Never an OFFSET.
import type { PostSort } from '../../types'
import { badInput } from '../http/errors'

export type PostCursor = { sort: 'oldest'; createdAt: string; id: number } | { sort: 'liked'; likes: number; id: number }

export function encodeCursor(c: PostCursor): string {
  const key = c.sort === 'oldest' ? ['o', c.createdAt, c.id] : ['l', c.likes, c.id]
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

/** Reads a cursor made by encodeCursor for the same sort; anything else is a 400, never a 500. */
export function decodeCursor(raw: string, sort: PostSort): PostCursor {
  const bad = () => badInput('cursor', '翻页位置无效，请刷新后重试')
  let key: unknown
  try {
    key = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    throw bad()
  }
  if (!Array.isArray(key) || key.length !== 3 || !Number.isSafeInteger(key[2]) || key[2] < 1) throw bad()
  const [tag, value, id] = key as [unknown, unknown, number]
  if (sort === 'oldest' && tag === 'o' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return { sort, createdAt: value, id }
  }
  if (sort === 'liked' && tag === 'l' && Number.isSafeInteger(value) && (value as number) >= 0) {
    return { sort, likes: value as number, id }
  }
  throw bad()
}

/** Topic lists page by id, newest first. */
export function encodeIdCursor(id: number): string {
  return Buffer.from(JSON.stringify(['t', id])).toString('base64url')
}

export function decodeIdCursor(raw: string): number {
  try {
    const key: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (Array.isArray(key) && key[0] === 't' && Number.isSafeInteger(key[1]) && key[1] > 0) return key[1] as number
  } catch {
    // fall through
  }
  throw badInput('cursor', '翻页位置无效，请刷新后重试')
}

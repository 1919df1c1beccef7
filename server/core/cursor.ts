import { badInput } from './errors'

// Opaque keyset cursors: the last row's key as base64url JSON. Never an OFFSET.

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

/**
 * Reads a cursor made by encodeCursor. `read` returns the key it expects, or null for anything else,
 * which is a 400 (a stale or tampered cursor), never a 500.
 */
export function decodeCursor<T>(raw: string, read: (key: unknown[]) => T | null): T {
  let key: unknown
  try {
    key = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    key = null
  }
  const out = Array.isArray(key) ? read(key) : null
  if (out === null) throw badInput('cursor', '翻页位置无效，请刷新后重试')
  return out
}

/** A positive safe integer, as ids in cursors must be. */
export const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0

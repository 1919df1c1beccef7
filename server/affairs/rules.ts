// Pure rules of 居务公开: entry keys and money.
import { AFFAIR_KINDS, type AffairKind } from '../../types'

/** An entry's stable key: its kind and the id of the record it is read from. */
export const entryKey = (kind: AffairKind, id: number): string => `${kind}-${id}`

export const ENTRY_KEY_PATTERN = `^(${AFFAIR_KINDS.join('|')})-[1-9][0-9]{0,9}$`

export function parseKey(key: string): { kind: AffairKind; id: number } | null {
  if (!new RegExp(ENTRY_KEY_PATTERN).test(key)) return null
  const at = key.lastIndexOf('-')
  const id = Number(key.slice(at + 1))
  return id <= 2_147_483_647 ? { kind: key.slice(0, at) as AffairKind, id } : null
}

/** Whole fen as 元 text with two decimals: 120000.5 元 → "120000.50". */
export const yuan = (fen: number): string => (fen / 100).toFixed(2)

/** 元 typed by the committee as whole fen; null when it has more than two decimals. */
export function toFen(amount: number): number | null {
  const fen = Math.round(amount * 100)
  return Math.abs(fen - amount * 100) < 1e-6 ? fen : null
}

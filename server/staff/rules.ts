import { createHash, randomInt } from 'node:crypto'
import type { InvitationStatus } from '../../types'

// Invitation codes: short enough to read out over the phone, never stored, and final once used.

/** No 0/O, 1/I/L: a code read off a screen or a sheet of paper is typed back right. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const CODE_LENGTH = 8

export const DEFAULT_INVITATION_DAYS = 7
export const MAX_INVITATION_DAYS = 30

/** A fresh code, grouped for reading: K7QM-3XPA. */
export function newInvitationCode(random: (max: number) => number = randomInt): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[random(CODE_ALPHABET.length)])
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`
}

/** What a person typed, as stored: case, spaces and dashes do not matter. */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s\-－—_]/g, '')
}

/** Only this is kept: a copy of the database does not hand out roles. */
export function hashCode(typed: string): string {
  return createHash('sha256').update(normaliseCode(typed)).digest('hex')
}

export function invitationStatus(row: { expires_at: string; used_at: string | null; revoked_at: string | null }, now: Date): InvitationStatus {
  if (row.used_at) return 'used'
  if (row.revoked_at) return 'revoked'
  return row.expires_at <= now.toISOString() ? 'expired' : 'pending'
}

export function expiryAfter(now: Date, days: number = DEFAULT_INVITATION_DAYS): Date {
  return new Date(now.getTime() + days * 86_400_000)
}

/** The H5 page that accepts the code (hash router); a QR code of it opens the app there. */
export function invitationLink(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/#/more/invite/index?code=${encodeURIComponent(code)}`
}

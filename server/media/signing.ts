// Signed addresses of photos: <Image src> in the mini-program cannot send the Authorization header, so a
// photo object carries its URLs signed for the one viewer the server already let read it (photosFor).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export type Variant = 'full' | 'thumb'

/** How long a signed address is good for at least; expiries are rounded up to this step. */
export const SIGNED_SECONDS = 6 * 3600

/** MEDIA_URL_SECRET when set (needed when several server instances serve the same photos), else one per process. */
let key: string = randomBytes(32).toString('hex')
export function useUrlSecret(secret: string): void {
  if (secret) key = secret
}

/**
 * Rounded to the step so one photo keeps one address for hours and the app's image cache works; good for
 * between one and two steps.
 */
export const expiryOf = (now: Date) => (Math.floor(now.getTime() / 1000 / SIGNED_SECONDS) + 2) * SIGNED_SECONDS

export function urlSignature(secret: string, s: { id: number; variant: Variant; exp: number; userId: number }): string {
  return createHmac('sha256', secret).update(`media-url:${s.id}:${s.variant}:${s.exp}:${s.userId}`).digest('base64url')
}

export interface SignedQuery {
  u?: number
  exp?: number
  sig?: string
}

/** Whether the query signs this address and has not expired; the signer's user id if so. */
export function signedViewer(secret: string, id: number, variant: Variant, q: SignedQuery, now: Date): number | null {
  if (q.u === undefined || q.exp === undefined || !q.sig || q.exp * 1000 <= now.getTime()) return null
  const expected = Buffer.from(urlSignature(secret, { id, variant, exp: q.exp, userId: q.u }))
  const given = Buffer.from(q.sig)
  return given.length === expected.length && timingSafeEqual(given, expected) ? q.u : null
}

export function signedUrl(secret: string, path: string, s: { id: number; variant: Variant; userId: number }, now: Date): string {
  const exp = expiryOf(now)
  return `${path}?u=${s.userId}&exp=${exp}&sig=${urlSignature(secret, { ...s, exp })}`
}

/** The process's own key, for the read model and the routes. */
export const signFor = (userId: number, id: number, variant: Variant, path: string, now = new Date()) => signedUrl(key, path, { id, variant, userId }, now)
export const verifySigned = (id: number, variant: Variant, q: SignedQuery, now = new Date()) => signedViewer(key, id, variant, q, now)

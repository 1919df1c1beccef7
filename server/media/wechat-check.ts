import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { wechatAccessToken, type WechatConfig } from '../core/wechat'

/** WeChat's asynchronous image check (mediaCheckAsync v2), behind an adapter so tests can fake it. */
export interface MediaSecurityCheck {
  /** Starts a check of the image WeChat will fetch from `url`; its verdict comes to the callback with this trace id. */
  submit(input: { url: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{ traceId: string }>
}

interface SubmitAnswer {
  errcode?: number
  errmsg?: string
  trace_id?: string
}

export function wechatMediaCheck(config: WechatConfig, fetchImpl: typeof fetch = fetch): MediaSecurityCheck {
  const accessToken = wechatAccessToken(config, fetchImpl)
  return {
    async submit({ url: mediaUrl, openid, scene }) {
      const url = new URL('/wxa/media_check_async', config.baseUrl)
      url.searchParams.set('access_token', await accessToken())
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ media_url: mediaUrl, media_type: 2, version: 2, scene, openid }),
        signal: AbortSignal.timeout(5000),
      })
      const answer = (await res.json()) as SubmitAnswer
      if (answer.errcode || !answer.trace_id) throw new Error(`media_check_async failed: ${answer.errcode} ${answer.errmsg ?? ''}`)
      return { traceId: answer.trace_id }
    },
  }
}

/**
 * WeChat's message-push signature: sha1 of the configured token, the timestamp and the nonce, sorted and
 * joined. A push without the right one did not come from WeChat.
 */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex')
}

export function isWechatPush(token: string, q: { signature?: string; timestamp?: string; nonce?: string }): boolean {
  if (!token || !q.signature || !q.timestamp || !q.nonce) return false
  const expected = Buffer.from(pushSignature(token, q.timestamp, q.nonce))
  const given = Buffer.from(q.signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * WeChat fetches the image it checks from a URL, without signing in: the upload's id signed with the
 * app's secret, so no one else can read a pending upload by guessing ids.
 */
export function checkCopySignature(secret: string, id: number): string {
  return createHmac('sha256', secret).update(`media-check:${id}`).digest('hex')
}

export function isCheckCopySignature(secret: string, id: number, sig: string): boolean {
  const expected = Buffer.from(checkCopySignature(secret, id))
  const given = Buffer.from(sig)
  return Boolean(secret) && given.length === expected.length && timingSafeEqual(given, expected)
}

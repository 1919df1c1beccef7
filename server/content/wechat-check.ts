import { wechatAccessToken, type WechatConfig } from '../core/wechat'
import type { Verdict } from './words'

/** WeChat's text security check (msgSecCheck v2), behind an adapter so tests can fake it. */
export interface TextSecurityCheck {
  check(input: { content: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<Verdict>
}

interface CheckAnswer {
  errcode?: number
  result?: { suggest?: string }
}

export function wechatTextCheck(config: WechatConfig, fetchImpl: typeof fetch = fetch): TextSecurityCheck {
  const accessToken = wechatAccessToken(config, fetchImpl)

  return {
    async check({ content, openid, scene }) {
      const url = new URL('/wxa/msg_sec_check', config.baseUrl)
      url.searchParams.set('access_token', await accessToken())
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content, version: 2, scene, openid }),
        signal: AbortSignal.timeout(5000),
      })
      const answer = (await res.json()) as CheckAnswer
      if (answer.errcode) throw new Error(`msg_sec_check failed: ${answer.errcode}`)
      const suggest = answer.result?.suggest
      return suggest === 'risky' ? 'risky' : suggest === 'review' ? 'review' : 'pass'
    },
  }
}

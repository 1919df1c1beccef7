import type { Verdict } from './words'

/** WeChat's text security check (msgSecCheck v2), behind an adapter so tests can fake it. */
export interface TextSecurityCheck {
  check(input: { content: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<Verdict>
}

interface TokenAnswer {
  access_token?: string
  expires_in?: number
  errcode?: number
}

interface CheckAnswer {
  errcode?: number
  result?: { suggest?: string }
}

export function wechatTextCheck(config: { appId: string; secret: string; baseUrl: string }, fetchImpl: typeof fetch = fetch): TextSecurityCheck {
  let token: { value: string; expiresAt: number } | null = null

  // stable_token gives every instance the same token, so instances don't invalidate each other's.
  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now() + 60_000) return token.value
    const res = await fetchImpl(new URL('/cgi-bin/stable_token', config.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: config.appId, secret: config.secret }),
      signal: AbortSignal.timeout(5000),
    })
    const answer = (await res.json()) as TokenAnswer
    if (!answer.access_token) throw new Error(`stable_token failed: ${answer.errcode}`)
    token = { value: answer.access_token, expiresAt: Date.now() + (answer.expires_in ?? 7200) * 1000 }
    return token.value
  }

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

// The server's side of WeChat: its credentials and the access token its server-to-WeChat calls share.

export interface WechatConfig {
  appId: string
  secret: string
  baseUrl: string
}

interface TokenAnswer {
  access_token?: string
  expires_in?: number
  errcode?: number
}

/**
 * The mini-program's access token for server-to-WeChat calls (msgSecCheck, subscribe messages), cached
 * until a minute before it expires. stable_token gives every instance the same token, so instances
 * don't invalidate each other's.
 */
export function wechatAccessToken(config: WechatConfig, fetchImpl: typeof fetch = fetch): () => Promise<string> {
  let token: { value: string; expiresAt: number } | null = null
  return async () => {
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
}

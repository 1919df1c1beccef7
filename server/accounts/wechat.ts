import { AppError } from '../core/errors'
import type { WechatConfig } from '../core/wechat'

/** The server's side of wx.login: exchanges a code for the openid; session_key never leaves here. */
export interface WechatAuth {
  code2Session(code: string): Promise<{ openid: string }>
}

interface Code2SessionAnswer {
  openid?: string
  session_key?: string
  errcode?: number
  errmsg?: string
}

export function wechatAuth(config: WechatConfig, fetchImpl: typeof fetch = fetch): WechatAuth {
  return {
    async code2Session(code) {
      if (!config.appId || !config.secret) {
        throw new AppError(503, 'wechat_not_configured', '微信登录暂未开通，请联系居委会')
      }
      const url = new URL('/sns/jscode2session', config.baseUrl)
      url.search = new URLSearchParams({
        appid: config.appId,
        secret: config.secret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString()
      let answer: Code2SessionAnswer
      try {
        const res = await fetchImpl(url, { signal: AbortSignal.timeout(5000) })
        answer = (await res.json()) as Code2SessionAnswer
      } catch {
        throw new AppError(502, 'wechat_unreachable', '暂时连不上微信，请稍后再试')
      }
      if (answer.errcode) {
        switch (answer.errcode) {
          case 40029:
          case 40163:
            throw new AppError(400, 'wechat_invalid_code', '登录凭证无效或已使用，请重新进入小程序', 'code')
          case 45011:
            throw new AppError(429, 'wechat_rate_limited', '登录太频繁了，请一分钟后再试')
          case 40226:
            throw new AppError(403, 'wechat_risky_user', '该微信账号暂时无法登录，请联系居委会')
          default:
            throw new AppError(502, 'wechat_error', '微信登录暂时不可用，请稍后再试')
        }
      }
      if (!answer.openid) throw new AppError(502, 'wechat_error', '微信登录暂时不可用，请稍后再试')
      return { openid: answer.openid }
    },
  }
}

import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * api.weixin.qq.com as the server meets it, on loopback: code2Session (a code "ok-…" logs in as
 * openid-…, anything else is 40029), stable_token, msgSecCheck v2 (pass) and subscribe messages (sent to
 * openid-sub-…, 45009 "too many" for openid-busy-…, otherwise 43101: the user has not subscribed), mediaCheckAsync (a trace id; the test posts the verdict's callback itself,
 * as WeChat would later), with WeChat's error answers for a wrong appid or token or a malformed request.
 */
export async function fakeWechat(appId = 'wx-test', secret = 's3cret') {
  /** The images handed to mediaCheckAsync, in order. */
  const mediaChecks: { traceId: string; mediaUrl: string; openid: string; scene: number }[] = []
  /** Every subscribe message asked for, in order, with the errcode answered. */
  const subscribeSends: { touser: string; template_id: string; page: string; data: Record<string, { value: string }>; errcode: number }[] = []
  const server = http.createServer(async (req, res) => {
    let raw = ''
    for await (const chunk of req) raw += String(chunk)
    const url = new URL(req.url ?? '/', 'http://x')
    res.setHeader('content-type', 'application/json')
    const answer = (body: object) => res.end(JSON.stringify(body))
    if (url.pathname === '/sns/jscode2session') {
      if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== secret) return answer({ errcode: 40013, errmsg: 'invalid appid' })
      const code = url.searchParams.get('js_code') ?? ''
      return answer(code.startsWith('ok-') ? { openid: `openid-${code.slice(3)}`, session_key: 'SECRET' } : { errcode: 40029, errmsg: 'invalid code' })
    }
    if (url.pathname === '/cgi-bin/stable_token') return answer({ access_token: 'fake-token', expires_in: 7200 })
    if (url.searchParams.get('access_token') !== 'fake-token') return answer({ errcode: 40001, errmsg: 'invalid credential' })
    if (url.pathname === '/wxa/msg_sec_check') return answer({ errcode: 0, result: { suggest: 'pass', label: 100 } })
    if (url.pathname === '/wxa/media_check_async') {
      const body = JSON.parse(raw || '{}') as { media_url?: string; media_type?: number; version?: number; openid?: string; scene?: number }
      if (!body.media_url || body.media_type !== 2 || body.version !== 2 || !body.openid || !body.scene) return answer({ errcode: 47001, errmsg: 'data format error' })
      const traceId = `trace-${mediaChecks.length + 1}`
      mediaChecks.push({ traceId, mediaUrl: body.media_url, openid: body.openid, scene: body.scene })
      return answer({ errcode: 0, errmsg: 'ok', trace_id: traceId })
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      const body = JSON.parse(raw || '{}') as Omit<(typeof subscribeSends)[number], 'errcode'>
      const errcode = body.touser?.startsWith('openid-sub-') ? 0 : body.touser?.startsWith('openid-busy-') ? 45009 : 43101
      subscribeSends.push({ ...body, errcode })
      return answer({ errcode, errmsg: errcode === 0 ? 'ok' : errcode === 45009 ? 'reach max api daily quota limit' : 'user refuse to accept the msg' })
    }
    res.statusCode = 404
    answer({ errcode: -1, errmsg: 'not found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    config: { appId, secret, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
    mediaChecks,
    subscribeSends,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

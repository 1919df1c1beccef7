import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'

/** A stand-in for api.weixin.qq.com's code2Session, on loopback, answering by code. */
function fakeWechat(): Promise<{ baseUrl: string; calls: URL[]; close(): Promise<void> }> {
  const calls: URL[] = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    calls.push(url)
    res.setHeader('content-type', 'application/json')
    if (url.pathname !== '/sns/jscode2session' || url.searchParams.get('appid') !== 'wx-test' || url.searchParams.get('secret') !== 's3cret') {
      res.end(JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }))
      return
    }
    const code = url.searchParams.get('js_code')
    if (code === 'bad') return void res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }))
    if (code === 'busy') return void res.end(JSON.stringify({ errcode: 45011, errmsg: 'api minute-quota reach limit' }))
    res.end(JSON.stringify({ openid: `openid-${code}`, session_key: 'SECRET-SESSION-KEY' }))
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        calls,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  )
}

describeEachDatabase('accounts: WeChat login', (dialect) => {
  let s: TestServer
  let wx: Awaited<ReturnType<typeof fakeWechat>>
  beforeAll(async () => {
    wx = await fakeWechat()
    s = await startServer(dialect, { config: { authMode: 'wechat', seedDemo: true, wechat: { appId: 'wx-test', secret: 's3cret', baseUrl: wx.baseUrl } } })
  })
  afterAll(async () => {
    await s.close()
    await wx.close()
  })

  it('exchanges a code for a session, keeping only the openid', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'abc' } })
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('SECRET-SESSION-KEY')
    expect(res.json().user).toMatchObject({ verified: false, label: '居民', roles: [] })
    expect(wx.calls.at(-1)?.searchParams.get('grant_type')).toBe('authorization_code')
    const user = await s.app.db.kysely.selectFrom('users').selectAll().where('openid', '=', 'openid-abc').executeTakeFirstOrThrow()
    expect(JSON.stringify(user)).not.toContain('SECRET-SESSION-KEY')

    // The same WeChat user logging in again is the same account.
    const again = await s.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'abc' } })
    expect(again.json().user.id).toBe(user.id)
    const me = await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${again.json().token}` } })
    expect(me.json().id).toBe(user.id)
  })

  it('turns an invalid code (40029) into a 400 the user understands', async () => {
    const before = await s.app.db.kysely.selectFrom('users').select('id').execute()
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'bad' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'wechat_invalid_code', message: '登录凭证无效或已使用，请重新进入小程序' })
    expect(await s.app.db.kysely.selectFrom('users').select('id').execute()).toEqual(before)
  })

  it("turns WeChat's rate limit (45011) into a 429", async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'busy' } })
    expect(res.statusCode).toBe(429)
    expect(res.json().error.code).toBe('wechat_rate_limited')
  })

  it('answers 502 when WeChat cannot be reached', async () => {
    const down = await startServer(dialect, { config: { authMode: 'wechat', wechat: { appId: 'wx-test', secret: 's3cret', baseUrl: 'http://127.0.0.1:1' } } })
    try {
      const res = await down.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'abc' } })
      expect(res.statusCode).toBe(502)
      expect(res.json().error.code).toBe('wechat_unreachable')
    } finally {
      await down.close()
    }
  })
})

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describeEachDatabase } from '../support/server'
import { wechatSubscribeMessages } from '../../server/notifications/push'
import { settled as pushesSettled } from '../../server/core/write'
import { MOD_WUTONG, proposalBody, startProposalServer, type ProposalServer } from './support'

interface Sent {
  touser: string
  template_id: string
  page: string
  data: Record<string, { value: string }>
}

/** WeChat's stable_token and subscribeMessage.send, on a loopback port. */
async function fakeWechat(): Promise<{ url: string; sent: Sent[]; tokenCalls: number; close(): Promise<void> }> {
  const state = { sent: [] as Sent[], tokenCalls: 0 }
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      const body = raw ? JSON.parse(raw) : {}
      res.setHeader('content-type', 'application/json')
      if (url.pathname === '/cgi-bin/stable_token') {
        state.tokenCalls++
        return res.end(JSON.stringify({ access_token: 'TOKEN-1', expires_in: 7200 }))
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send' && url.searchParams.get('access_token') === 'TOKEN-1') {
        if (body.touser === 'o-unsubscribed') return res.end(JSON.stringify({ errcode: 43101, errmsg: 'user refuse to accept the msg' }))
        if (body.touser === 'o-broken') return res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }))
        state.sent.push(body)
        return res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
      }
      res.statusCode = 404
      res.end(JSON.stringify({ errcode: -1 }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    sent: state.sent,
    get tokenCalls() {
      return state.tokenCalls
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

describeEachDatabase('proposals: notifications (in-app and WeChat subscribe messages)', (dialect) => {
  let s: ProposalServer
  let wx: Awaited<ReturnType<typeof fakeWechat>>
  let b3: number[]
  let mod: number
  let id: number

  beforeAll(async () => {
    wx = await fakeWechat()
    s = await startProposalServer(dialect, {
      subscribeMessages: wechatSubscribeMessages({ appId: 'wx-test', secret: 'secret', baseUrl: wx.url }, 'TPL-PROPOSAL'),
    })
    b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    mod = await s.userIdOf(MOD_WUTONG)
    const setOpenid = (userId: number, openid: string) => s.app.db.kysely.updateTable('users').set({ openid }).where('id', '=', userId).execute()
    await setOpenid(b3[0], 'o-author')
    await setOpenid(b3[1], 'o-unsubscribed')
    await setOpenid(b3[2], 'o-broken')
  })
  afterAll(async () => {
    await s.close()
    await wx.close()
  })

  it('tells the author and followers of each step in-app and by subscribe message, never the actor', async () => {
    const res = await s.call(b3[0], 'POST', '/api/proposals', proposalBody({ title: '3号楼楼道墙面粉刷及照明改造的建议' }))
    id = res.body.id
    for (const u of b3.slice(1)) expect((await s.call(u, 'POST', `/api/proposals/${id}/cosign`)).status).toBe(200)
    await pushesSettled(s.app)
    expect(wx.sent).toEqual([
      {
        touser: 'o-author',
        template_id: 'TPL-PROPOSAL',
        page: `more/proposals/detail?id=${id}`,
        miniprogram_state: 'formal',
        lang: 'zh_CN',
        data: {
          thing1: { value: '3号楼楼道墙面粉刷及照明改造的建议' },
          phrase2: { value: '待审核' },
          thing3: { value: '附议人数已达到 5 人，提案进入居委会…' },
          time4: { value: '2025-03-03 10:00' },
        },
      },
    ])

    // The co-signers follow it now; the committee accepts: everyone but the committee member is told.
    const accepted = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'accepted' })
    expect(accepted.status).toBe(200)
    await pushesSettled(s.app)
    // o-unsubscribed declined subscriptions, o-broken failed: neither stops the others or the request.
    expect(wx.sent.map((m) => [m.touser, m.data.phrase2.value])).toEqual([
      ['o-author', '待审核'],
      ['o-author', '已立项'],
    ])
    expect(wx.tokenCalls).toBe(1)
    for (const u of b3) {
      const inbox = await s.call(u, 'GET', '/api/notifications')
      expect(inbox.body.items[0]).toMatchObject({ kind: 'proposal.transition', body: '居委会已受理，提案列为议题', targetType: 'proposal', targetId: id })
    }
    expect((await s.call(mod, 'GET', '/api/notifications')).body).toEqual({ items: [], nextCursor: null, unread: 0 })
  })

  it('pages the list and marks items read, only the caller’s own', async () => {
    const author = b3[0]
    await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, { to: 'deliberating' })
    s.clock.advance(1) // the hearing is recorded the day it is held
    await s.call(mod, 'POST', `/api/proposals/${id}/meetings`, { kind: 'hearing', heldOn: '2025-03-04', place: '活动室', attendance: 12, minutes: '听取意见' })
    const all = await s.call(author, 'GET', '/api/notifications')
    expect(all.body.unread).toBe(4)
    expect(all.body.items.map((n: { body: string }) => n.body)).toEqual([
      '居委会记录了听证会（2025-03-04，12 人参加）',
      '议题进入协商阶段，欢迎参加议事',
      '居委会已受理，提案列为议题',
      '附议人数已达到 5 人，提案进入居委会审核',
    ])
    const page1 = await s.call(author, 'GET', '/api/notifications?limit=3')
    expect(page1.body.items).toHaveLength(3)
    const page2 = await s.call(author, 'GET', `/api/notifications?limit=3&cursor=${page1.body.nextCursor}`)
    expect(page2.body).toMatchObject({ nextCursor: null, items: [{ id: all.body.items[3].id }] })

    const other = (await s.call(b3[1], 'GET', '/api/notifications')).body.items[0].id
    const read = await s.call(author, 'POST', '/api/notifications/read', { ids: [all.body.items[0].id, other] })
    expect(read.body).toEqual({ unread: 3 })
    expect((await s.call(b3[1], 'GET', '/api/notifications')).body.items[0].read).toBe(false)
    expect((await s.call(author, 'GET', '/api/notifications?unread=1')).body.items).toHaveLength(3)
    expect((await s.call(author, 'POST', '/api/notifications/read')).body).toEqual({ unread: 0 })
    expect((await s.call(author, 'GET', '/api/notifications?cursor=x')).status).toBe(400)
  })
})

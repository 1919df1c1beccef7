import { settled } from '../../server/core/write'
import { pushSignature, wechatMediaCheck } from '../../server/media'
import { MOD_WUTONG, MOD_XIANGZHANG, ADMIN, proposalBody, startProposalServer, type ProposalServer } from '../proposals/support'
import { fakeWechat } from '../support/fake-wechat'
import { describeEachDatabase } from '../support/server'
import { multipart, pdf, png } from './support'

const TOKEN = 'push-token'

describeEachDatabase('media: content check and reading', (dialect) => {
  let s: ProposalServer
  let wechat: Awaited<ReturnType<typeof fakeWechat>>
  let uploader: number
  let neighbour: number
  let outsider: number
  let committee: number
  let otherCommittee: number
  let admin: number

  const upload = async (userId: number, bytes: Buffer, name = 'p.png', type = 'image/png') => {
    const form = multipart(bytes, name, type)
    const res = await s.call(userId, 'POST', '/api/media', form.payload, form.headers)
    await settled(s.app)
    return res
  }
  const status = async (userId: number | null, url: string) => (await s.call(userId, 'GET', url)).status
  /** Who of the cast can read the url, as statuses. */
  const readers = async (url: string) => ({
    anonymous: await status(null, url),
    uploader: await status(uploader, url),
    neighbour: await status(neighbour, url),
    outsider: await status(outsider, url),
    committee: await status(committee, url),
    otherCommittee: await status(otherCommittee, url),
    admin: await status(admin, url),
  })
  const callback = (body: object, token = TOKEN) => {
    const timestamp = '1765000000'
    const nonce = 'n0nce'
    return s.call(null, 'POST', `/api/wechat/media-check-callback?signature=${pushSignature(token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`, body)
  }
  const verdict = (traceId: string, suggest: 'pass' | 'risky' | 'review') => ({
    ToUserName: 'gh_test',
    FromUserName: 'o-system',
    CreateTime: 1765000000,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wx-test',
    trace_id: traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest, label: suggest === 'pass' ? 100 : 20002 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
  })
  const mediaRow = (id: number) => s.app.db.kysely.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  beforeAll(async () => {
    wechat = await fakeWechat()
    s = await startProposalServer(dialect, {}, { config: { wechat: wechat.config, wechatPushToken: TOKEN, publicUrl: 'https://yishi.example.cn' } })
    ;[uploader, neighbour] = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    outsider = (await s.residentsOf('香樟苑', '1号楼'))[0].userId
    committee = await s.userIdOf(MOD_WUTONG)
    otherCommittee = await s.userIdOf(MOD_XIANGZHANG)
    admin = await s.userIdOf(ADMIN)
    await s.app.db.kysely.updateTable('users').set({ openid: 'openid-uploader' }).where('id', '=', uploader).execute()
  })
  afterAll(async () => {
    await s.close()
    await wechat.close()
  })

  it('holds a new photo as pending and hands it to mediaCheckAsync by a signed address only WeChat can read', async () => {
    const res = await upload(uploader, await png())
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('pending')
    const check = wechat.mediaChecks.at(-1)!
    expect(check).toMatchObject({ openid: 'openid-uploader', scene: 3 })
    const url = new URL(check.mediaUrl)
    expect(url.origin).toBe('https://yishi.example.cn')
    expect((await mediaRow(res.body.id)).trace_id).toBe(check.traceId)

    const copy = await s.app.inject({ method: 'GET', url: url.pathname + url.search })
    expect(copy.statusCode).toBe(200)
    expect(copy.headers['content-type']).toBe('image/webp')
    expect((await s.app.inject({ method: 'GET', url: `${url.pathname}?sig=${'0'.repeat(64)}` })).statusCode).toBe(404)
    expect((await s.app.inject({ method: 'GET', url: `/api/media/${res.body.id + 1}/check-copy${url.search}` })).statusCode).toBe(404)

    // Pending: its uploader and the committee of the uploader's 居民区 (and 街镇) only.
    expect(await readers(res.body.url)).toEqual({ anonymous: 401, uploader: 200, neighbour: 404, outsider: 404, committee: 200, otherCommittee: 404, admin: 200 })

    // WeChat's verdict arrives: pass. Unattached, it is still its uploader's alone.
    const forged = await callback(verdict(check.traceId, 'pass'), 'wrong-token')
    expect(forged.status).toBe(403)
    expect((await mediaRow(res.body.id)).status).toBe('pending')
    const ok = await callback(verdict(check.traceId, 'pass'))
    expect([ok.status, ok.body]).toEqual([200, 'success'])
    expect((await mediaRow(res.body.id)).status).toBe('visible')
    expect(await readers(res.body.url)).toEqual({ anonymous: 401, uploader: 200, neighbour: 404, outsider: 404, committee: 404, otherCommittee: 404, admin: 404 })
    // WeChat fetches pending images only.
    expect((await s.app.inject({ method: 'GET', url: url.pathname + url.search })).statusCode).toBe(404)

    // Attached to a proposal of 梧桐居民区: readable by those who may read the proposal.
    const proposal = await s.call(uploader, 'POST', '/api/proposals', proposalBody({ photos: [res.body.id] }))
    expect(proposal.status).toBe(201)
    expect(await readers(res.body.thumbUrl)).toEqual({ anonymous: 401, uploader: 200, neighbour: 200, outsider: 404, committee: 200, otherCommittee: 404, admin: 200 })
  })

  it('shows a pending photo on a proposal to its uploader and the committee only, and never a rejected one', async () => {
    const pending = await upload(uploader, await png())
    const risky = await upload(uploader, await png(20, 20))
    const proposal = await s.call(uploader, 'POST', '/api/proposals', proposalBody({ title: '楼道堆物请清理一下', photos: [pending.body.id, risky.body.id] }))
    expect(proposal.status).toBe(201)
    const id = proposal.body.id
    const photoIds = async (userId: number) => (await s.call(userId, 'GET', `/api/proposals/${id}`)).body.photos.map((p: { id: number; status: string }) => [p.id, p.status])
    expect(await photoIds(neighbour)).toEqual([])
    expect(await photoIds(committee)).toEqual([[pending.body.id, 'pending'], [risky.body.id, 'pending']])
    expect(await readers(pending.body.url)).toMatchObject({ uploader: 200, neighbour: 404, committee: 200 })

    await callback(verdict(wechat.mediaChecks.at(-1)!.traceId, 'risky'))
    expect((await mediaRow(risky.body.id)).status).toBe('rejected')
    await callback(verdict(wechat.mediaChecks.at(-2)!.traceId, 'review'))
    expect((await mediaRow(pending.body.id)).status).toBe('pending')
    expect(await photoIds(uploader)).toEqual([[pending.body.id, 'pending']])
    expect(await readers(risky.body.url)).toEqual({ anonymous: 401, uploader: 200, neighbour: 404, outsider: 404, committee: 200, otherCommittee: 404, admin: 200 })

    // A rejected upload cannot be attached again.
    const again = await s.call(uploader, 'POST', '/api/proposals', proposalBody({ photos: [risky.body.id] }))
    expect(again.body.error).toEqual({ code: 'invalid_input', field: 'photos', message: '有照片未通过审核，请删除后再提交' })
  })

  it('lets the committee release or reject an upload, in the audit log; WeChat’s later verdict does not undo it', async () => {
    const minutes = await upload(uploader, pdf(), 'minutes.pdf', 'application/pdf')
    // WeChat checks no PDFs: a resident's waits for the committee.
    expect(minutes.body).toMatchObject({ kind: 'pdf', status: 'pending' })
    const photo = await upload(uploader, await png(33, 33))
    const traceId = wechat.mediaChecks.at(-1)!.traceId
    const logBefore = await s.count('moderation_log')

    for (const [who, code] of [[uploader, 403], [neighbour, 403], [otherCommittee, 403]] as const) {
      expect((await s.call(who, 'POST', `/api/media/${minutes.body.id}/release`, {})).status).toBe(code)
    }
    expect((await s.call(committee, 'POST', `/api/media/999999/release`, {})).status).toBe(404)
    const released = await s.call(committee, 'POST', `/api/media/${minutes.body.id}/release`, { reason: '三会记录，已核对' })
    expect(released.status).toBe(200)
    expect(released.body).toMatchObject({ id: minutes.body.id, status: 'visible' })
    expect((await s.call(committee, 'POST', `/api/media/${minutes.body.id}/release`, {})).status).toBe(409)

    const rejected = await s.call(committee, 'POST', `/api/media/${photo.body.id}/reject`, { reason: '含住户门牌' })
    expect(rejected.body.status).toBe('rejected')
    await callback(verdict(traceId, 'pass'))
    expect((await mediaRow(photo.body.id)).status).toBe('rejected')

    const log = await s.app.db.kysely
      .selectFrom('moderation_log')
      .select(['actor_id', 'action', 'target_type', 'target_id', 'unit_id', 'reason'])
      .where('target_type', '=', 'media')
      .orderBy('id')
      .execute()
    expect(log).toEqual([
      { actor_id: committee, action: 'media.release', target_type: 'media', target_id: minutes.body.id, unit_id: await s.unitId('梧桐居民区'), reason: '三会记录，已核对' },
      { actor_id: committee, action: 'media.reject', target_type: 'media', target_id: photo.body.id, unit_id: await s.unitId('梧桐居民区'), reason: '含住户门牌' },
    ])
    expect(await s.count('moderation_log')).toBe(logBefore + 2)
  })

  it('answers WeChat’s address check with the echo, signed only', async () => {
    const timestamp = '1765000000'
    const nonce = 'abc'
    const signature = pushSignature(TOKEN, timestamp, nonce)
    const ok = await s.app.inject({ method: 'GET', url: `/api/wechat/media-check-callback?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=hello123` })
    expect([ok.statusCode, ok.body]).toEqual([200, 'hello123'])
    const bad = await s.app.inject({ method: 'GET', url: `/api/wechat/media-check-callback?signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=${nonce}&echostr=hello123` })
    expect(bad.statusCode).toBe(403)
  })

  it('leaves an upload pending for the committee when WeChat refuses the check', async () => {
    // A dev account has no openid, so WeChat cannot be asked on its behalf.
    const res = await upload(neighbour, await png())
    expect(res.body.status).toBe('pending')
    expect((await mediaRow(res.body.id)).trace_id).toBeNull()
  })

  it('reports WeChat’s refusal of a malformed check as an error (the upload then waits for the committee)', async () => {
    const check = wechatMediaCheck(wechat.config)
    await expect(check.submit({ url: '', openid: 'openid-uploader', scene: 3 })).rejects.toThrow('media_check_async failed: 47001')
  })
})

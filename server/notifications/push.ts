import type { FastifyInstance } from 'fastify'
import { wechatAccessToken, type WechatConfig } from '../core/wechat'
import type { AfterCommit } from '../core/write'
import type { Push } from './notify'
import { notificationPage } from '../../types/notifications'
import { shanghaiMinute } from '../../types/time'

/**
 * WeChat subscribe messages (订阅消息), behind an adapter so tests can fake it. The template configured in
 * the mini-program console must have the keys thing1 (事项), phrase2 (状态), thing3 (说明), time4 (时间).
 */
export interface SubscribeMessageSender {
  send(input: { openid: string; page: string; data: Record<string, { value: string }> }): Promise<void>
}

interface WechatAnswer {
  errcode?: number
  errmsg?: string
}

export function wechatSubscribeMessages(
  config: WechatConfig,
  templateId: string,
  fetchImpl: typeof fetch = fetch,
): SubscribeMessageSender {
  const accessToken = wechatAccessToken(config, fetchImpl)
  return {
    async send({ openid, page, data }) {
      const url = new URL('/cgi-bin/message/subscribe/send', config.baseUrl)
      url.searchParams.set('access_token', await accessToken())
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: openid, template_id: templateId, page, data, miniprogram_state: 'formal', lang: 'zh_CN' }),
        signal: AbortSignal.timeout(5000),
      })
      const answer = (await res.json()) as WechatAnswer
      // 43101: the user has not (or no longer) subscribed; that is their choice, not a failure.
      if (answer.errcode && answer.errcode !== 43101) throw new Error(`subscribe send failed: ${answer.errcode} ${answer.errmsg ?? ''}`)
    },
  }
}

/** The real sender when WeChat credentials and WECHAT_SUBSCRIBE_TEMPLATE are set; otherwise in-app only. */
export function subscribeMessagesFromEnv(
  wechat: WechatConfig,
  env: Record<string, string | undefined> = process.env,
): SubscribeMessageSender | null {
  const templateId = env.WECHAT_SUBSCRIBE_TEMPLATE
  return wechat.appId && wechat.secret && templateId ? wechatSubscribeMessages(wechat, templateId) : null
}

// WeChat's field limits: thing ≤ 20 characters, phrase ≤ 5.
const cut = (s: string, n: number) => ([...s].length <= n ? s : [...s].slice(0, n - 1).join('') + '…')

export function subscribeData(p: Push): Record<string, { value: string }> {
  return {
    thing1: { value: cut(p.title, 20) },
    phrase2: { value: cut(p.status ?? '有更新', 5) },
    thing3: { value: cut(p.body, 20) },
    time4: { value: shanghaiMinute(p.at) },
  }
}

export function pagePath(p: Push): string {
  return notificationPage(p) ?? 'pages/home/index'
}

/**
 * Sends the subscribe messages for notifications just committed, in the background (a slow WeChat must
 * not slow a resident's request); failures are logged. Writes hand it to `after` (see core/write).
 */
export async function deliverPushes(app: FastifyInstance, pushes: Push[]): Promise<void> {
  const sender = app.subscribeMessages
  if (!sender || pushes.length === 0) return
  const ids = [...new Set(pushes.map((p) => p.userId))]
  const users = await app.db.kysely.selectFrom('users').select(['id', 'openid']).where('id', 'in', ids).where('openid', 'is not', null).execute()
  const openids = new Map(users.map((u) => [u.id, u.openid as string]))
  for (const p of pushes) {
    const openid = openids.get(p.userId)
    if (!openid) continue
    try {
      await sender.send({ openid, page: pagePath(p), data: subscribeData(p) })
    } catch (err) {
      app.log.warn({ err, userId: p.userId, kind: p.kind }, 'subscribe message not sent')
    }
  }
}

/** Mirrors the notifications as WeChat subscribe messages once the write that made them commits. */
export function pushAfterCommit(after: AfterCommit, pushes: Push[]): void {
  if (pushes.length > 0) after((app) => deliverPushes(app, pushes))
}

import type { FastifyInstance } from 'fastify'
import { wechatAccessToken, type WechatConfig } from '../core/wechat'
import type { AfterCommit } from '../core/write'
import type { Push } from './notify'
import type { PushLogTable } from './tables'
import { notificationPage } from '../../types/notifications'
import { shanghaiMinute } from '../../types/time'

/**
 * WeChat subscribe messages (订阅消息), behind an adapter so tests can fake it. Every template configured in
 * the mini-program console must have the keys thing1 (事项), phrase2 (状态), thing3 (说明), time4 (时间).
 */
export interface SubscribeMessageSender {
  /** The template a notification of this kind is sent with; null: none configured, in-app only. */
  templateFor(kind: string): string | null
  /** WeChat's answer: errcode 0 (or none) when sent. Throws when there is no answer. */
  send(input: { openid: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<WechatAnswer>
}

export interface WechatAnswer {
  errcode?: number
  errmsg?: string
}

/** One template for every kind (WECHAT_SUBSCRIBE_TEMPLATE), and/or one per kind (WECHAT_SUBSCRIBE_TEMPLATES). */
export interface SubscribeTemplates {
  fallback: string | null
  byKind: Record<string, string>
}

export function wechatSubscribeMessages(
  config: WechatConfig,
  templates: string | SubscribeTemplates,
  fetchImpl: typeof fetch = fetch,
): SubscribeMessageSender {
  const accessToken = wechatAccessToken(config, fetchImpl)
  const t = typeof templates === 'string' ? { fallback: templates, byKind: {} } : templates
  return {
    templateFor: (kind) => (Object.hasOwn(t.byKind, kind) ? t.byKind[kind] : t.fallback),
    async send({ openid, templateId, page, data }) {
      const url = new URL('/cgi-bin/message/subscribe/send', config.baseUrl)
      url.searchParams.set('access_token', await accessToken())
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: openid, template_id: templateId, page, data, miniprogram_state: 'formal', lang: 'zh_CN' }),
        signal: AbortSignal.timeout(5000),
      })
      return (await res.json()) as WechatAnswer
    },
  }
}

/** WECHAT_SUBSCRIBE_TEMPLATES: a JSON object {kind: templateId}; anything else stops the server starting. */
export function templatesFromEnv(env: Record<string, string | undefined>): SubscribeTemplates | null {
  const fallback = env.WECHAT_SUBSCRIBE_TEMPLATE || null
  const raw = env.WECHAT_SUBSCRIBE_TEMPLATES
  let byKind: Record<string, string> = {}
  if (raw) {
    let parsed: unknown = null
    try {
      parsed = JSON.parse(raw)
    } catch {
      // reported below with what was expected
    }
    const valid = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((v) => typeof v === 'string' && v !== '')
    if (!valid) throw new Error('WECHAT_SUBSCRIBE_TEMPLATES must be a JSON object {"kind": "templateId"}')
    byKind = parsed as Record<string, string>
  }
  return fallback || Object.keys(byKind).length > 0 ? { fallback, byKind } : null
}

/** The real sender when WeChat credentials and a template are set; otherwise in-app only. */
export function subscribeMessagesFromEnv(
  wechat: WechatConfig,
  env: Record<string, string | undefined> = process.env,
): SubscribeMessageSender | null {
  const templates = templatesFromEnv(env)
  return wechat.appId && wechat.secret && templates ? wechatSubscribeMessages(wechat, templates) : null
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

/** A refused or unanswered send is tried this many times in all, then given up. 43101 is never retried. */
export const MAX_ATTEMPTS = 3
/** The wait before the 2nd and the 3rd attempt. */
const BACKOFF_MS = [10 * 60_000, 60 * 60_000]
const UNSUBSCRIBED = 43101

type Outcome = Pick<PushLogTable, 'status' | 'errcode' | 'next_attempt_at'>

/** What one attempt's answer (or its absence) leaves in the send record. */
export function outcomeOf(answer: WechatAnswer | null, attempts: number, now: Date): Outcome {
  if (answer && !answer.errcode) return { status: 'sent', errcode: 0, next_attempt_at: null }
  // 43101: the user has not (or no longer) subscribed; that is their choice, not a failure.
  if (answer?.errcode === UNSUBSCRIBED) return { status: 'unsubscribed', errcode: UNSUBSCRIBED, next_attempt_at: null }
  const next = attempts < MAX_ATTEMPTS ? new Date(now.getTime() + BACKOFF_MS[attempts - 1]).toISOString() : null
  return { status: answer ? 'refused' : 'failed', errcode: answer?.errcode ?? null, next_attempt_at: next }
}

/** Sends one logged message and records WeChat's answer. */
async function attempt(app: FastifyInstance, sender: SubscribeMessageSender, row: { id: number; openid: string; template_id: string; page: string; data: string; attempts: number }) {
  let answer: WechatAnswer | null = null
  try {
    answer = await sender.send({ openid: row.openid, templateId: row.template_id, page: row.page, data: JSON.parse(row.data) })
  } catch (err) {
    app.log.warn({ err, pushId: row.id }, 'subscribe message not sent')
  }
  const now = app.clock()
  const attempts = row.attempts + 1
  await app.db.kysely
    .updateTable('push_log')
    .set({ ...outcomeOf(answer, attempts, now), attempts, answered_at: now.toISOString() })
    .where('id', '=', row.id)
    .execute()
}

/**
 * Sends the subscribe messages for notifications just committed, in the background (a slow WeChat must
 * not slow a resident's request), each recorded in push_log. Writes hand it to `after` (see core/write).
 */
export async function deliverPushes(app: FastifyInstance, pushes: Push[]): Promise<void> {
  const sender = app.subscribeMessages
  if (!sender || pushes.length === 0) return
  const ids = [...new Set(pushes.map((p) => p.userId))]
  const users = await app.db.kysely.selectFrom('users').select(['id', 'openid']).where('id', 'in', ids).where('openid', 'is not', null).execute()
  const openids = new Map(users.map((u) => [u.id, u.openid as string]))
  for (const p of pushes) {
    const openid = openids.get(p.userId)
    const templateId = sender.templateFor(p.kind)
    if (!openid || !templateId) continue
    const row = {
      notification_id: p.notificationId,
      user_id: p.userId,
      template_id: templateId,
      page: pagePath(p),
      data: JSON.stringify(subscribeData(p)),
      attempts: 0,
    }
    // Logged before sending: a send cut short (the server stopped) is retried like a failed one.
    const retryAt = new Date(app.clock().getTime() + BACKOFF_MS[0]).toISOString()
    const logged = await app.db.kysely
      .insertInto('push_log')
      .values({ ...row, status: 'sending', errcode: null, created_at: app.clock().toISOString(), answered_at: null, next_attempt_at: retryAt })
      .returning('id')
      .executeTakeFirstOrThrow()
    await attempt(app, sender, { ...row, id: logged.id, openid })
  }
}

/**
 * Tries again the sends that are due (server/maintenance.ts, hourly). Each row is claimed first, so two
 * instances retrying at once send it once.
 */
export async function retryPushes(app: FastifyInstance, now: Date = app.clock()): Promise<number> {
  const sender = app.subscribeMessages
  if (!sender) return 0
  const due = await app.db.kysely
    .selectFrom('push_log as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.id', 'l.template_id', 'l.page', 'l.data', 'l.attempts', 'l.next_attempt_at', 'u.openid'])
    .where('l.next_attempt_at', '<=', now.toISOString())
    .orderBy('l.id')
    .limit(200)
    .execute()
  let tried = 0
  for (const row of due) {
    const claimed = await app.db.kysely
      .updateTable('push_log')
      .set({ next_attempt_at: null })
      .where('id', '=', row.id)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) === 0 || !row.openid) continue
    await attempt(app, sender, { ...row, openid: row.openid })
    tried++
  }
  return tried
}

/**
 * Removes send records older than `days` (server/maintenance.ts): they answer "was I told, and what did
 * WeChat say" for a while, not for ever. One still due for another try is kept until it is settled.
 */
export async function prunePushLog(app: FastifyInstance, now: Date, days: number): Promise<number> {
  const before = new Date(now.getTime() - days * 24 * 3_600_000).toISOString()
  const res = await app.db.kysely.deleteFrom('push_log').where('created_at', '<', before).where('next_attempt_at', 'is', null).executeTakeFirst()
  return Number(res.numDeletedRows)
}

/** Mirrors the notifications as WeChat subscribe messages once the write that made them commits. */
export function pushAfterCommit(after: AfterCommit, pushes: Push[]): void {
  if (pushes.length > 0) after((app) => deliverPushes(app, pushes))
}

// Helpers shared by the 议事厅 suites (not a test file: jest only runs *.test.ts).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TSchema } from '@sinclair/typebox'
import Fastify from 'fastify'
import { fakeClock as sharedFakeClock, testConfig, unitId as sharedUnitId, type JsonBody, type TestServer } from '../support/server'

export interface Actor {
  authorization: string
  userId: number
}

export interface Res {
  status: number
  body: JsonBody
}

/** Edit windows and mutes pass without sleeping. */
export const fakeClock = (startIso = '2025-03-01T02:00:00.000Z') => sharedFakeClock(startIso)

export const MINUTE = 60_000
export const DAY = 86_400_000

/** Config with the per-resident post limit lifted, for suites that post a lot. */
export function roomyConfig() {
  const base = testConfig()
  return { limits: { ...base.limits, post: { max: 10_000, windowMs: 10 * MINUTE } } }
}

/** Logs in every seeded demo user with exactly this description (several share one). */
export async function loginAll(s: TestServer, description: string): Promise<Actor[]> {
  const users = await s.app.db.kysely.selectFrom('users').select('id').where('demo_description', '=', description).orderBy('id').execute()
  if (users.length === 0) throw new Error(`no demo user ${description}`)
  const out: Actor[] = []
  for (const u of users) {
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: u.id } })
    if (res.statusCode !== 200) throw new Error(res.body)
    out.push({ authorization: `Bearer ${res.json().token}`, userId: u.id })
  }
  return out
}

export function client(s: TestServer) {
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who?: Actor, payload?: unknown): Promise<Res> => {
    const res = await s.app.inject({
      method,
      url,
      headers: who ? { authorization: who.authorization } : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    })
    return { status: res.statusCode, body: res.body ? res.json() : null }
  }
  return {
    get: (url: string, who?: Actor) => call('GET', url, who),
    post: (url: string, who?: Actor, body?: unknown) => call('POST', url, who, body ?? {}),
    put: (url: string, who?: Actor, body?: unknown) => call('PUT', url, who, body ?? {}),
    patch: (url: string, who?: Actor, body?: unknown) => call('PATCH', url, who, body ?? {}),
    del: (url: string, who?: Actor) => call('DELETE', url, who),
  }
}

/** A 楼组 by its 小区 and name ("梧桐新村", "3号楼"), or a 居民区 / 小区 by name. */
/** A unit by name, or a 楼组 by its 小区 and its own name. */
export const unitId = (s: TestServer, name: string, building?: string): Promise<number> =>
  building ? sharedUnitId(s, building, name) : sharedUnitId(s, name)

export const RESIDENT_3 = '居民 · 梧桐新村3号楼（已认证）'
export const REP_3 = '居民代表 · 梧桐新村3号楼（已认证）'
export const RESIDENT_1 = '居民 · 梧桐新村1号楼（已认证）'
export const ANHE = '居民 · 安和花园1号楼（已认证）'
export const XIANGZHANG = '居民 · 香樟苑1号楼（已认证）'
export const UNVERIFIED = '居民 · 梧桐新村1号楼（未认证）'
export const PENDING_3 = '居民 · 梧桐新村3号楼（待审核）'
export const MOD = '居委会 · 梧桐居民区'
export const OTHER_MOD = '居委会 · 香樟居民区'
export const ADMIN = '街道工作人员 · 长宁示范街道'

/**
 * A stand-in for WeChat's msgSecCheck v2 on loopback: the real adapter talks to it over HTTP.
 * 【复核】 in the text → review, 【风险】 → risky, 【故障】 → an error answer; otherwise pass.
 */
export async function fakeMsgSecCheck() {
  const calls: { content: string; scene: number; openid: string }[] = []
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      res.setHeader('content-type', 'application/json')
      if (req.url?.startsWith('/cgi-bin/stable_token')) {
        res.end(JSON.stringify({ access_token: 'fake-token', expires_in: 7200 }))
        return
      }
      if (req.url?.startsWith('/wxa/msg_sec_check')) {
        const body = JSON.parse(raw) as { content: string; scene: number; openid: string; version: number }
        calls.push({ content: body.content, scene: body.scene, openid: body.openid })
        if (body.version !== 2 || !req.url.includes('access_token=fake-token')) {
          res.end(JSON.stringify({ errcode: 40001, errmsg: 'bad request' }))
          return
        }
        if (body.content.includes('【故障】')) {
          res.end(JSON.stringify({ errcode: -1, errmsg: 'system busy' }))
          return
        }
        const suggest = body.content.includes('【风险】') ? 'risky' : body.content.includes('【复核】') ? 'review' : 'pass'
        res.end(JSON.stringify({ errcode: 0, result: { suggest, label: suggest === 'pass' ? 100 : 20001 } }))
        return
      }
      res.statusCode = 404
      res.end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Demo users have no openid (dev login); msgSecCheck needs one, so give everyone one. */
export async function giveEveryoneOpenids(s: TestServer) {
  const users = await s.app.db.kysely.selectFrom('users').select('id').execute()
  for (const u of users) await s.app.db.kysely.updateTable('users').set({ openid: `o-test-${u.id}` }).where('id', '=', u.id).execute()
}

/**
 * What Fastify's serializer makes of a value under a response schema: a field the schema forgets comes
 * back missing, so a round trip equal to the value shows the schema keeps the whole API.
 */
export async function throughSchema(schema: TSchema, value: unknown): Promise<unknown> {
  const app = Fastify()
  app.get('/', { schema: { response: { 200: schema } } }, async () => value)
  const res = await app.inject({ method: 'GET', url: '/' })
  await app.close()
  return res.json()
}

/** True only when two types are the same both ways (a schema's Static and the shared type). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

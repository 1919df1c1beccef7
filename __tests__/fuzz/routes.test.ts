/**
 * Every registered route, as an anonymous caller, a resident, a 居委会 member and a 街镇 admin, with
 * inputs made from the route's own schema and then broken every way a client can break them. Fails on
 * any 5xx, and on any change to the tables made by a request that was refused (4xx).
 * FUZZ_REQUESTS sets the count per database (default 10,000); FUZZ_SEED replays a run.
 */
import type { InjectOptions } from 'fastify'
import type { RegisteredRoute } from '../../server/app'
import { DEFAULT_LIMITS } from '../../server/core/rate-limit'
import { prng } from '../../server/core/random'
import { fakeWechat } from '../support/fake-wechat'
import { describeEachDatabase, startServer, type TestServer } from '../support/server'
import { BROKEN_BODIES, fillPath, fillQuery, mutateBody, plausible, type JsonSchema, type Rng } from './inputs'
import { changedTables, snapshot, tableNames } from './snapshot'

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000)
const SEED = Number(process.env.FUZZ_SEED ?? 20261206)
const UNLIMITED = Object.fromEntries(Object.entries(DEFAULT_LIMITS).map(([k, v]) => [k, { ...v, max: 1_000_000 }])) as typeof DEFAULT_LIMITS

// A read that is refused must change nothing either; checking one in this many keeps the run short.
const READ_CHECK_EVERY = 10

interface Caller {
  name: string
  description: RegExp | null
  authorization?: string
}

interface Failure {
  request: string
  status: number
  problem: string
}

const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]

function buildRequest(route: RegisteredRoute, rng: Rng, ids: number[]): InjectOptions {
  const schema = (route.schema ?? {}) as { body?: JsonSchema; querystring?: JsonSchema; params?: JsonSchema }
  const url = fillPath(route.url, rng, ids) + fillQuery(schema.querystring, rng)
  const method = route.method as InjectOptions['method']
  if (route.method === 'GET' || route.method === 'DELETE') return { method, url }
  const roll = rng()
  if (roll < 0.1) return { method, url, payload: pick(rng, BROKEN_BODIES), headers: { 'content-type': 'application/json' } }
  if (roll < 0.17) {
    const [type, payload] = pick(rng, [
      ['text/plain', 'title=x'],
      ['application/x-www-form-urlencoded', 'title=x&body=y'],
      ['multipart/form-data; boundary=x', '--x--'],
      ['application/json; charset=latin1', '{}'],
    ] as const)
    return { method, url, payload, headers: { 'content-type': type } }
  }
  const payload = roll < 0.3 ? JSON.stringify(schema.body ? plausible(schema.body, rng) : {}) : mutateBody(schema.body, rng)
  return { method, url, payload, headers: { 'content-type': 'application/json', ...(rng() < 0.3 ? { 'idempotency-key': `fuzz-${Math.floor(rng() * 50)}` } : {}) } }
}

describeEachDatabase('fuzzing every route', (dialect) => {
  let s: TestServer
  let wechat: Awaited<ReturnType<typeof fakeWechat>>

  // Demo accounts sign in by dev login; WeChat's login, content check and subscribe messages are live
  // against the loopback stand-in, so their paths are fuzzed too.
  beforeAll(async () => {
    wechat = await fakeWechat()
    s = await startServer(dialect, { config: { limits: UNLIMITED, wechat: wechat.config } })
  }, 60_000)
  afterAll(async () => {
    await s?.close()
    await wechat?.close()
  })

  it(`answers ${REQUESTS} generated requests without a 5xx, and no refused request changes a table`, async () => {
    const rng = prng(SEED)
    const callers: Caller[] = [
      { name: 'anonymous', description: null },
      { name: 'resident', description: /^居民 · .*（已认证）/ },
      { name: 'moderator', description: /^居委会/ },
      { name: 'admin', description: /^街道/ },
    ]
    const signIn = async (c: Caller) => {
      if (c.description) c.authorization = (await s.loginAs(c.description)).authorization
    }
    for (const c of callers) await signIn(c)
    const routes = s.app.routeTable.filter((r) => r.url.startsWith('/api/'))
    const ids = [1, 2, 3, 4, 5, 6, 8, 10, 12, 20]
    const tables = await tableNames(s.app.db)
    let state = await snapshot(s.app.db, tables)

    const statuses = new Map<number, number>()
    const failures: Failure[] = []
    for (let i = 0; i < REQUESTS; i++) {
      const route = routes[i % routes.length]
      const caller = callers[Math.floor(i / routes.length) % callers.length]
      const req = buildRequest(route, rng, ids)
      req.headers = { ...req.headers, ...(caller.authorization ? { authorization: caller.authorization } : {}) }
      const res = await s.app.inject(req)
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
      const label = `${caller.name} ${req.method} ${String(req.url).slice(0, 120)} ${String(req.payload ?? '').slice(0, 120)}`
      if (res.statusCode >= 500) failures.push({ request: label, status: res.statusCode, problem: res.body.slice(0, 200) })

      // A download writes the audit log: it is checked like a write, so its entry is not taken for the next request's.
      if (route.method !== 'GET' || route.audited || i % READ_CHECK_EVERY === 0) {
        const next = await snapshot(s.app.db, tables)
        const changed = changedTables(state, next)
        if (res.statusCode >= 400 && changed.length > 0) {
          failures.push({ request: label, status: res.statusCode, problem: `refused, yet changed ${changed.join(', ')}` })
        }
        state = next
      }
      // A signed-out caller signs in again, so the rest of the run still speaks for its role.
      if (caller.description && res.statusCode < 300 && route.url.startsWith('/api/auth/logout')) {
        await signIn(caller)
        state = await snapshot(s.app.db, tables)
      }
      if (failures.length >= Number(process.env.FUZZ_MAX_FAILURES ?? 20)) break
    }
    const counts = [...statuses.entries()].sort(([a], [b]) => a - b).map(([code, n]) => `${code}: ${n}`)
    process.stdout.write(`fuzz [${dialect}] ${REQUESTS} requests over ${routes.length} routes × ${callers.length} callers, seed ${SEED}: ${counts.join(', ')}\n`)
    expect(failures).toEqual([])
  }, 600_000)
})

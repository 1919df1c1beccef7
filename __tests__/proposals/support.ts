import type { InjectOptions } from 'fastify'
import type { Overrides } from '../../server/app'
import type { Config } from '../../server/config'
import type { Dialect } from '../../server/core/db'
import { startServer, type JsonBody, type TestServer } from '../support/server'

export const DAY = 86_400_000

/** A clock the test moves by hand: deadlines pass without sleeping. */
export class TestClock {
  t: number
  constructor(start = '2025-03-03T02:00:00.000Z') {
    this.t = new Date(start).getTime()
  }
  now = () => new Date(this.t)
  advance(days: number) {
    this.t += days * DAY
  }
  iso(daysFromNow = 0) {
    return new Date(this.t + daysFromNow * DAY).toISOString()
  }
}

export interface Res {
  status: number
  body: JsonBody
  headers: Record<string, unknown>
}

export interface ProposalServer extends TestServer {
  clock: TestClock
  /** Bearer header for any user id (demo descriptions repeat, so tests pick people by id). */
  auth(userId: number): Promise<string>
  call(userId: number | null, method: InjectOptions['method'], url: string, payload?: unknown, headers?: Record<string, string>): Promise<Res>
  /** Verified residents of a 楼组, as { userId, room }, in seeding order. */
  residentsOf(estate: string, building: string): Promise<{ userId: number; room: string }[]>
  userIdOf(description: string): Promise<number>
  unitId(name: string, parentName?: string): Promise<number>
  /** A new verified user in an existing household (a second member of the family). */
  addHouseholdMember(estate: string, building: string, room: string): Promise<number>
  count(table: 'proposals' | 'proposal_cosigns' | 'proposal_votes' | 'proposal_transitions' | 'notifications' | 'moderation_log'): Promise<number>
}

/** Tables the demo seed fills, children first. */
const PROPOSAL_TABLES = [
  'proposal_progress_comments',
  'proposal_progress',
  'proposal_meetings',
  'proposal_evaluations',
  'proposal_votes',
  'proposal_follows',
  'proposal_cosigns',
  'proposal_transitions',
  'referral_events',
  'notifications',
  'proposals',
] as const

/**
 * A seeded server whose proposals start empty (the suites count exactly what they create), unless
 * keepDemo keeps the demo proposals.
 */
export async function startProposalServer(
  dialect: Dialect,
  overrides: Overrides = {},
  opts: { keepDemo?: boolean; config?: Partial<Config> } = {},
): Promise<ProposalServer> {
  const clock = new TestClock()
  const s = await startServer(dialect, { config: opts.config, overrides: { clock: clock.now, ...overrides } })
  const db = s.app.db.kysely
  if (!opts.keepDemo) for (const t of PROPOSAL_TABLES) await db.deleteFrom(t).execute()
  const tokens = new Map<number, string>()

  async function auth(userId: number): Promise<string> {
    const cached = tokens.get(userId)
    if (cached) return cached
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId } })
    if (res.statusCode !== 200) throw new Error(`login ${userId} failed: ${res.body}`)
    const header = `Bearer ${res.json().token}`
    tokens.set(userId, header)
    return header
  }

  async function unitId(name: string, parentName?: string): Promise<number> {
    let q = db.selectFrom('units as u').leftJoin('units as parent', 'parent.id', 'u.parent_id').select('u.id').where('u.name', '=', name)
    if (parentName) q = q.where('parent.name', '=', parentName)
    const rows = await q.execute()
    if (rows.length !== 1) throw new Error(`unit ${parentName ?? ''}/${name}: ${rows.length} matches`)
    return rows[0].id
  }

  return {
    ...s,
    clock,
    auth,
    async call(userId, method, url, payload, headers = {}) {
      const res = await s.app.inject({
        method,
        url,
        payload: payload as InjectOptions['payload'],
        headers: { ...(userId === null ? {} : { authorization: await auth(userId) }), ...headers },
      })
      let body: unknown = res.body
      try {
        body = res.json()
      } catch {
        // not JSON
      }
      return { status: res.statusCode, body, headers: res.headers as Record<string, unknown> }
    },
    async residentsOf(estate, building) {
      const rows = await db
        .selectFrom('residences as r')
        .select(['r.user_id', 'r.room'])
        .where('r.building_id', '=', await unitId(building, estate))
        .where('r.status', '=', 'approved')
        .orderBy('r.id')
        .execute()
      return rows.map((r) => ({ userId: r.user_id, room: r.room }))
    },
    async userIdOf(description) {
      const row = await db.selectFrom('users').select('id').where('demo_description', '=', description).orderBy('id').executeTakeFirstOrThrow()
      return row.id
    },
    unitId,
    async addHouseholdMember(estate, building, room) {
      const now = new Date().toISOString()
      const { id } = await db
        .insertInto('users')
        .values({ demo_description: `测试 · ${estate}${building}${room} 家属`, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('residences')
        .values({ user_id: id, building_id: await unitId(building, estate), room, status: 'approved', is_representative: 0, requested_at: now, reviewed_at: now })
        .execute()
      return id
    },
    async count(table) {
      const { n } = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(n)
    },
  }
}

export const WUTONG = '梧桐居民区'
export const XIANGZHANG = '香樟居民区'
export const MOD_WUTONG = '居委会 · 梧桐居民区'
export const MOD_XIANGZHANG = '居委会 · 香樟居民区'
export const ADMIN = '街道工作人员 · 长宁示范街道'

export const proposalBody = (overrides: Record<string, unknown> = {}) => ({
  title: '3号楼加装电梯的建议',
  body: '3号楼老人多，上下楼困难，建议加装电梯，费用按楼层分摊。',
  category: 'elevator',
  ...overrides,
})

/** A 3号楼 proposal of 梧桐新村 co-signed by the 楼组 and taken by its committee through to implementation. */
export async function implementingProposal(s: ProposalServer, title: string): Promise<number> {
  const mod = await s.userIdOf(MOD_WUTONG)
  const b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
  const id = (await s.call(b3[0], 'POST', '/api/proposals', proposalBody({ title }))).body.id
  for (const u of b3.slice(1)) await s.call(u, 'POST', `/api/proposals/${id}/cosign`)
  for (const step of [
    { to: 'accepted' },
    { to: 'deliberating' },
    { to: 'approved', minutes: '居民代表会议表决通过' },
    { to: 'implementing', owner: '物业', plannedDate: '2025-12-31' },
  ]) {
    const res = await s.call(mod, 'POST', `/api/proposals/${id}/transitions`, step)
    if (res.status !== 200) throw new Error(`transition to ${step.to}: ${JSON.stringify(res.body)}`)
  }
  return id
}

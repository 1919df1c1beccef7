import type { FastifyInstance } from 'fastify'

// The route × role permission matrix every capability holds itself to. "ok" means the permission check let
// the caller through (whatever the outcome after it); a refusal status (401, 403, and for some suites 404:
// a thing the caller may not even see) means it did not.

export type Outcome = 'ok' | 401 | 403 | 404

/** The demo accounts a matrix signs in as, by role; a suite adds the roles it needs. */
export const MATRIX_ACCOUNTS = {
  unverified: '居民 · 梧桐新村1号楼（未认证）',
  resident: '居民代表 · 梧桐新村3号楼（已认证）',
  moderator: '居委会 · 梧桐居民区',
  otherModerator: '居委会 · 香樟居民区',
  admin: '街道工作人员 · 长宁示范街道',
}

/** Request headers per role: each account signed in once, and none for 'anonymous'. */
export async function signInEach<Role extends string>(
  s: { loginAs(who: string): Promise<{ authorization: string }> },
  accounts: Record<Exclude<Role, 'anonymous'>, string>,
): Promise<Record<Role | 'anonymous', Record<string, string>>> {
  const headers = { anonymous: {} } as Record<Role | 'anonymous', Record<string, string>>
  for (const [role, who] of Object.entries(accounts) as [Exclude<Role, 'anonymous'>, string][]) headers[role] = { authorization: (await s.loginAs(who)).authorization }
  return headers
}

export interface RouteCase<Ids, Role extends string> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  route: string
  url: (ids: Ids) => string
  body?: (ids: Ids) => unknown
  expect: Record<Role, Outcome>
}

export interface MatrixOptions<Ids, Role extends string> {
  /** The app under test, available once beforeAll has run. */
  app: () => FastifyInstance
  ids: () => Ids
  /** Request headers for a role ({} for anonymous). Roles are called in this order. */
  roles: Role[]
  headers: (role: Role) => Record<string, string>
  cases: RouteCase<Ids, Role>[]
  /** Every registered route under one of these must have a case. */
  prefixes: string[]
  /** The statuses that count as a refusal; default 401 and 403. */
  refusals?: Outcome[]
  /** Extra checks on a refusal's body. */
  onRefusal?: (body: { error: { code: string } }, status: number) => void
}

/** A prefix covers whole path segments: '/api/me' covers /api/me and /api/me/privacy, not /api/media. */
const covers = (prefix: string, url: string) => (prefix.endsWith('/') ? url.startsWith(prefix) : url === prefix || url.startsWith(`${prefix}/`))

/** Defines the matrix's tests inside the current describe block. */
export function routeMatrix<Ids, Role extends string>(o: MatrixOptions<Ids, Role>): void {
  const refusals = o.refusals ?? [401, 403]

  it('has a row for every route it covers', () => {
    const registered = o
      .app()
      .routeTable.filter((r) => o.prefixes.some((p) => covers(p, r.url)))
      .map((r) => `${r.method} ${r.url}`)
      .sort()
    expect(o.cases.map((c) => `${c.method} ${c.route}`).sort()).toEqual(registered)
  })

  for (const c of o.cases) {
    it(`${c.method} ${c.route}`, async () => {
      const outcome = {} as Record<Role, Outcome>
      const ids = o.ids()
      for (const role of o.roles) {
        const body = c.body?.(ids)
        const res = await o.app().inject({ method: c.method, url: c.url(ids), headers: o.headers(role), ...(body !== undefined ? { payload: body as object } : {}) })
        expect([role, res.statusCode]).not.toEqual([role, 500])
        const refused = refusals.includes(res.statusCode as Outcome)
        outcome[role] = refused ? (res.statusCode as Outcome) : 'ok'
        if (refused) o.onRefusal?.(res.json(), res.statusCode)
      }
      expect(outcome).toEqual(c.expect)
    })
  }
}

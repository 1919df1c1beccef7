import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

interface LogLine {
  pid: number
  msg: string
  maintenance?: boolean
  reqId?: string
  req?: { url: string }
  res?: { statusCode: number }
}

/** WORKERS=2 over a fresh SQLite file, with its JSON log lines as they come. */
function startWorkers(extra: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-workers-'))
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../server/main.ts')], {
    env: { ...process.env, WORKERS: '2', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: '', AUTH_MODE: 'dev', DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'info', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: LogLine[] = []
  let waiting: (() => void)[] = []
  let out = ''
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString()
    const complete = out.split('\n')
    out = complete.pop()!
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine)
    for (const wake of waiting) wake()
    waiting = []
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  // Resolves once the log shows what `seen` looks for; fails if the server stops first.
  const until = async (seen: () => boolean) => {
    while (!seen()) {
      const more = new Promise<void>((resolve) => waiting.push(resolve))
      const code = await Promise.race([more.then(() => 'more' as const), exited])
      if (code !== 'more') throw new Error(`server exited (${code})`)
    }
  }
  const pidsOf = (test: (l: LogLine) => boolean) => new Set(lines.filter(test).map((l) => l.pid))
  const listening = async () => {
    await until(() => pidsOf((l) => /listening at/.test(l.msg)).size === 2)
    return new Set(lines.filter((l) => /listening at/.test(l.msg)).map((l) => /:(\d+)$/.exec(l.msg)![1]))
  }
  const stop = () => {
    child.kill('SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  /**
   * The workers that answered a request for `url` with `status` (a request's two log lines share its reqId),
   * among the log lines from index `since` on.
   */
  const answeredBy = (url: string, status: number, since = 0) => {
    const recent = lines.slice(since)
    const asked = new Set(recent.filter((l) => l.msg === 'incoming request' && l.req?.url === url).map((l) => `${l.pid} ${l.reqId}`))
    return new Set(recent.filter((l) => l.msg === 'request completed' && l.res?.statusCode === status && asked.has(`${l.pid} ${l.reqId}`)).map((l) => l.pid))
  }
  return { child, lines, exited, until, pidsOf, answeredBy, listening, stop }
}

// WORKERS=2: two processes answer on one port over one SQLite file, and only one runs the maintenance.
describe('several workers', () => {
  it('serves from both workers and runs the maintenance in one only', async () => {
    const { child, exited, pidsOf, listening, stop } = startWorkers()
    try {
      const ports = await listening()
      expect(ports.size).toBe(1)
      const port = [...ports][0]
      // Every worker started before it listened, so whoever took on the maintenance has said so by now.
      expect(pidsOf((l) => l.maintenance === true).size).toBe(1)

      // A new connection each time: the primary hands them to the workers in turn.
      const served = () => pidsOf((l) => l.msg === 'request completed')
      while (served().size < 2) {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { connection: 'close' } })
        expect(res.status).toBe(200)
        await res.arrayBuffer()
      }
      expect([...served()].every((pid) => pidsOf((l) => /listening at/.test(l.msg)).has(pid))).toBe(true)

      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(pidsOf((l) => l.maintenance === true).size).toBe(1)
    } finally {
      stop()
    }
  }, 60_000)

  it('ends a session in every worker at once: the other worker does not answer from its kept copy', async () => {
    const { answeredBy, listening, stop } = startWorkers()
    try {
      const base = `http://127.0.0.1:${[...(await listening())][0]}`
      const ask = async (method: string, target: string, token?: string, body?: unknown) => {
        const res = await fetch(base + target, {
          method,
          headers: { connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        })
        return { status: res.status, body: (await res.json()) as Record<string, unknown> }
      }
      const { users } = (await ask('GET', '/api/auth/dev-users')).body as { users: { id: number }[] }
      const token = (await ask('POST', '/api/auth/dev-login', undefined, { userId: users[0].id })).body.token as string
      // Both workers answer /api/me, and so keep the session (30 s, account-cache.ts).
      // Asked until each worker's answer is in the log (a log line can arrive after its response).
      while (answeredBy('/api/me', 200).size < 2) expect((await ask('GET', '/api/me', token)).status).toBe(200)
      expect((await ask('POST', '/api/auth/logout', token)).status).toBe(200)
      // Whichever worker ended it, neither answers for the session any more: both are seen answering 401.
      while (answeredBy('/api/me', 401).size < 2) expect((await ask('GET', '/api/me', token)).status).toBe(401)
    } finally {
      stop()
    }
  }, 60_000)

  it('forgets a caller’s kept marks in every worker after their write: neither answers from its copy', async () => {
    const { lines, answeredBy, listening, stop } = startWorkers()
    try {
      const base = `http://127.0.0.1:${[...(await listening())][0]}`
      const ask = async (method: string, target: string, token: string) => {
        const res = await fetch(base + target, { method, headers: { connection: 'close', authorization: `Bearer ${token}` } })
        return { status: res.status, body: (await res.json()) as { items: { id: number; followedByMe: boolean }[]; followedByMe: boolean } }
      }
      const { users } = (await (await fetch(`${base}/api/auth/dev-users`)).json()) as { users: { id: number; description: string }[] }
      const resident = users.find((u) => u.description.includes('已认证'))!
      const login = await fetch(`${base}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: resident.id }) })
      const token = ((await login.json()) as { token: string }).token
      const target = (await ask('GET', '/api/proposals?limit=20', token)).body.items.find((p) => !p.followedByMe)!
      const page = `/api/proposals/${target.id}`
      // Both workers answer the page, and so keep the caller's marks (shared-lists.ts).
      while (answeredBy(page, 200).size < 2) expect((await ask('GET', page, token)).body.followedByMe).toBe(false)
      const since = lines.length
      expect((await ask('POST', `${page}/follow`, token)).status).toBe(200)
      // Whichever worker took the follow, both are seen answering with it.
      while (answeredBy(page, 200, since).size < 2) expect((await ask('GET', page, token)).body.followedByMe).toBe(true)
    } finally {
      stop()
    }
  }, 60_000)

  it('counts a rate limit once across the workers (their primary keeps the counters)', async () => {
    const { until, pidsOf, listening, stop } = startWorkers({ LOGIN_RATE_LIMIT: '4' })
    try {
      const base = `http://127.0.0.1:${[...(await listening())][0]}`
      const login = () =>
        fetch(`${base}/api/auth/dev-login`, { method: 'POST', headers: { connection: 'close', 'content-type': 'application/json' }, body: JSON.stringify({ userId: 1 }) })
      // The minute's window is aligned to the clock: start well inside one, so all six fall in it.
      const intoMinute = Date.now() % 60_000
      if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100))
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) statuses.push((await login()).status)
      // Four in the minute from this address, whichever worker took them; each worker alone saw about three.
      expect(statuses.filter((s) => s === 429)).toHaveLength(2)
      expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true)
      // Both workers took some of them (their log lines may arrive after the answers).
      await until(() => pidsOf((l) => l.msg === 'incoming request' && l.req?.url === '/api/auth/dev-login').size === 2)
    } finally {
      stop()
    }
  }, 90_000)
})

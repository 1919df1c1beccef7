// A 街道 from an empty server to its first referral answered, as it happens in real life: the server
// started on its own in WeChat mode (no demo data), the first administrator made by the admin command,
// and everything else through HTTP only, against a loopback code2Session that answers as WeChat does.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { DIALECTS, PG_URL, type JsonBody } from '../support/server'
import { fakeWechat } from '../support/fake-wechat'

jest.setTimeout(120_000)

const ROOT = path.resolve(__dirname, '../..')
const TSX = ['--import', 'tsx']

const GOOD_CSV = [
  '居民区,小区,住房类型,楼组,户数',
  '银杏居民区,银杏苑,普通商品房,1号楼,30',
  '银杏居民区,银杏苑,普通商品房,2号楼,32',
  '银杏居民区,银杏新村,售后公房,1号楼,48',
  '枫林居民区,枫林苑,动迁安置房,1号楼,40',
  '枫林居民区,枫林苑,动迁安置房,2号楼,44',
  '海棠居民区,海棠花园,老洋房,1号楼,12',
].join('\r\n')

const BAD_CSV = ['居民区,小区,住房类型,楼组,户数', '银杏居民区,银杏苑,别墅,1号楼,30', '银杏居民区,银杏苑,普通商品房,2号楼,', '枫林居民区,枫林苑,动迁安置房,1号楼,40'].join('\r\n')

interface Place {
  env: Record<string, string>
  drop(): Promise<void>
}

/** An empty database for the server: a fresh SQLite data directory, or a fresh PostgreSQL database. */
async function emptyDatabase(dialect: string): Promise<Place> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-street-'))
  if (dialect !== 'postgres') return { env: { DATA_DIR: dataDir, DATABASE_URL: '' }, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) }
  const name = `yishi_street_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: PG_URL! })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(PG_URL!)
  url.pathname = `/${name}`
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL! })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Runs the admin command as an operator would (`npm run admin -- …`), returning its output and exit code. */
function admin(env: Record<string, string>, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TSX, path.join(ROOT, 'server/cli/admin.ts'), ...args], { env: { ...process.env, ...env }, cwd: ROOT })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) => resolve({ code, out }))
  })
}

/** Starts server/main.ts in its own process and resolves with its address once it listens. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [...TSX, path.join(ROOT, 'server/main.ts')], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '', AUTH_MODE: 'wechat', SEED_DEMO: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    const seen = (d: Buffer) => {
      out += d.toString()
      const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) resolve({ child, base: m[1] })
    }
    child.stdout!.on('data', seen)
    child.stderr!.on('data', seen)
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)))
  })
}

for (const dialect of DIALECTS) {
  describe(`a real 街道 from nothing [${dialect}]`, () => {
    let place: Place
    let wechat: Awaited<ReturnType<typeof fakeWechat>>
    let server: { child: ChildProcess; base: string }
    let env: Record<string, string>

    const http = async (token: string | null, method: string, url: string, body?: unknown, type = 'application/json') => {
      const res = await fetch(server.base + url, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': type }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
      const text = await res.text()
      return { status: res.status, body: (text ? JSON.parse(text) : null) as JsonBody }
    }
    /** Signs in through WeChat (the fake code2Session knows "ok-<who>") and accepts the privacy notice. */
    const signIn = async (who: string): Promise<string> => {
      const res = await http(null, 'POST', '/api/auth/wechat', { code: `ok-${who}` })
      expect(res.status).toBe(200)
      expect((await http(res.body.token, 'POST', '/api/me/privacy', {})).status).toBe(200)
      return res.body.token
    }

    beforeAll(async () => {
      place = await emptyDatabase(dialect)
      wechat = await fakeWechat()
      env = { ...place.env, WECHAT_APPID: wechat.config.appId, WECHAT_SECRET: wechat.config.secret, WECHAT_API_BASE: wechat.config.baseUrl }
    })
    afterAll(async () => {
      server?.child.kill('SIGTERM')
      if (server) await new Promise((r) => server.child.once('exit', r))
      await wechat?.close()
      await place?.drop()
    })

    it('goes from an empty server to a referral answered by 物业, on the proposal’s timeline', async () => {
      // The operator makes the 街道 and its first administrator's one-time code.
      const created = await admin(env, ['create-street', '--name', '华阳路街道'])
      expect(created.code).toBe(0)
      const streetId = Number(/(\d+)/.exec(created.out.split('\n').find((l) => /id|编号/i.test(l)) ?? created.out)![1])
      const twice = await admin(env, ['create-street', '--name', '华阳路街道'])
      expect(twice.code).not.toBe(0)
      expect(twice.out).toMatch(/已存在|already exists/)
      const invited = await admin(env, ['invite-admin', '--street', String(streetId)])
      expect(invited.code).toBe(0)
      const adminCode = /\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(invited.out)![1]

      server = await startServer(env)
      // Nobody is anything until they accept a code: no dev login, no demo data.
      expect((await http(null, 'POST', '/api/auth/dev-login', { userId: 1 })).status).toBe(403)
      const streetAdmin = await signIn('admin')
      expect((await http(streetAdmin, 'POST', '/api/invitations/accept', { code: adminCode })).status).toBe(200)
      const me = await http(streetAdmin, 'GET', '/api/me')
      expect(me.body.roles).toEqual([expect.objectContaining({ role: 'admin', unitId: streetId })])
      // The code was for one person.
      expect((await http(await signIn('intruder'), 'POST', '/api/invitations/accept', { code: adminCode })).status).toBe(409)

      // The tree: a bad file is refused naming its rows, then the good one is imported.
      const bad = await http(streetAdmin, 'POST', `/api/community/import/preview?streetId=${streetId}`, BAD_CSV, 'text/csv')
      expect(bad.status).toBe(200)
      expect(bad.body.token ?? null).toBeNull()
      expect(bad.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
        [2, '住房类型'],
        [3, '户数'],
      ])
      const preview = await http(streetAdmin, 'POST', `/api/community/import/preview?streetId=${streetId}`, GOOD_CSV, 'text/csv')
      expect(preview.body.errors).toEqual([])
      const imported = await http(streetAdmin, 'POST', '/api/community/import', { token: preview.body.token })
      expect(imported.status).toBe(200)
      const tree = (await http(streetAdmin, 'GET', '/api/units')).body
      const find = (name: string, nodes: JsonBody[] = tree.units ?? tree): JsonBody => {
        for (const n of nodes) {
          if (n.name === name) return n
          const hit = n.children ? find(name, n.children) : null
          if (hit) return hit
        }
        return null
      }
      const yinxing = find('银杏居民区')
      expect(['银杏居民区', '枫林居民区', '海棠居民区'].every((n) => find(n))).toBe(true)
      const building = find('银杏苑').children.find((b: JsonBody) => b.name === '1号楼')

      // Staff: a 居委会 member and a 物业 representative for 银杏居民区, by invitation.
      const join = async (who: string, role: string, label?: string) => {
        const inv = await http(streetAdmin, 'POST', '/api/invitations', { role, unitId: yinxing.id, ...(label ? { label } : {}) })
        expect(inv.status).toBe(201)
        const token = await signIn(who)
        expect((await http(token, 'POST', '/api/invitations/accept', { code: inv.body.code })).status).toBe(200)
        return token
      }
      const committee = await join('committee', 'moderator')
      const property = await join('property', 'property', '银杏物业')

      // Two residents ask to be verified and are approved by the 居委会.
      const resident = async (who: string, room: string) => {
        const token = await signIn(who)
        const asked = await http(token, 'POST', '/api/me/residence', { buildingId: building.id, room })
        expect(asked.status).toBe(201)
        expect((await http(committee, 'POST', `/api/verifications/${asked.body.id}/approve`, {})).status).toBe(200)
        return token
      }
      const author = await resident('author', '101')
      const neighbour = await resident('neighbour', '202')

      // One co-signature puts a proposal on the agenda in this 居民区 (the committee's setting).
      const settings = await http(committee, 'PUT', `/api/proposals/settings?unitId=${yinxing.id}`, { cosignMinCount: 1, cosignSharePercent: 0 })
      expect(settings.status).toBe(200)
      const proposal = await http(author, 'POST', '/api/proposals', { title: '楼道堆物请物业清理', body: '1号楼楼道堆满纸箱，影响消防通道。', category: 'sanitation', level: 'building' })
      expect(proposal.status).toBe(201)
      const id = proposal.body.id
      expect((await http(neighbour, 'POST', `/api/proposals/${id}/cosign`, {})).status).toBe(200)
      expect((await http(committee, 'GET', `/api/proposals/${id}`)).body.state).toBe('screening')
      expect((await http(committee, 'POST', `/api/proposals/${id}/transitions`, { to: 'accepted' })).status).toBe(200)
      const referred = await http(committee, 'POST', `/api/proposals/${id}/transitions`, { to: 'referred', referTo: 'property', reason: '属物业管理范围' })
      expect(referred.status).toBe(200)

      // 物业 answers in the app, and the answer is on the proposal's timeline for its residents.
      const inbox = await http(property, 'GET', '/api/referrals?status=open')
      expect(inbox.body.items.map((i: { id: number }) => i.id)).toEqual([id])
      expect((await http(property, 'POST', `/api/proposals/${id}/referral/answer`, { answer: '已安排保洁本周五前清理完毕。' })).status).toBe(200)
      const seen = (await http(author, 'GET', `/api/proposals/${id}`)).body
      expect(seen.referral).toMatchObject({ status: 'answered', answeredBy: 'referee', answer: '已安排保洁本周五前清理完毕。' })
      expect(JSON.stringify(seen.timeline)).toContain('已安排保洁本周五前清理完毕。')
      // 物业 is not the committee.
      expect((await http(property, 'GET', '/api/verifications?status=pending')).status).toBe(403)
    })
  })
}

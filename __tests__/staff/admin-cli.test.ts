import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { fakeWechat } from '../support/fake-wechat'
import { testConfig } from '../support/server'

// npm run admin, as the operator runs it on a fresh WeChat-mode server's SQLite data directory.
const ROOT = path.resolve(__dirname, '../..')

function admin(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', AUTH_MODE: 'wechat', SEED_DEMO: '', PUBLIC_URL: 'https://yishi.example.cn' }
    execFile(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/cli/admin.ts'), ...args], { env, cwd: ROOT }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    )
  })
}

describe('admin command: from an empty server to a 街镇 admin', () => {
  let dataDir: string
  let wechat: Awaited<ReturnType<typeof fakeWechat>>
  let app: FastifyInstance | undefined
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-admin-'))
    wechat = await fakeWechat()
  })
  afterAll(async () => {
    await app?.close()
    await wechat.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('creates a 街镇 once, invites its admin with a code that works in the app once, and logs each step', async () => {
    const created = await admin(dataDir, 'create-street', '--name', '华阳路街道')
    expect(created.code).toBe(0)
    const streetId = Number(/编号 (\d+)/.exec(created.stdout)?.[1])
    const twice = await admin(dataDir, 'create-street', '--name', '华阳路街道')
    expect(twice.code).toBe(2)
    expect(twice.stderr).toMatch(/已有名为“华阳路街道”的街镇.*already exists/)

    expect((await admin(dataDir, 'invite-admin', '--street', String(streetId + 1))).code).toBe(2)
    const qr = path.join(dataDir, 'invite.png')
    const invited = await admin(dataDir, 'invite-admin', '--street', String(streetId), '--qr', qr)
    expect(invited.code).toBe(0)
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(invited.stdout)![1]
    expect(invited.stdout).toContain(`https://yishi.example.cn/#/more/invite/index?code=${code}`)
    expect(fs.readFileSync(qr).subarray(1, 4).toString()).toBe('PNG')
    const again = await admin(dataDir, 'invite-admin', '--street', String(streetId))
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('revoke-invite --code')
    expect((await admin(dataDir, 'list-invites', '--street', String(streetId))).stdout).toContain('待使用')

    app = await buildApp(testConfig({ databaseUrl: null, dataDir, authMode: 'wechat', seedDemo: false, wechat: wechat.config }), { logger: false })
    const login = await app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'ok-first-admin' } })
    const headers = { authorization: `Bearer ${login.json().token}` }
    expect((await app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: 1 } })).statusCode).toBe(403)
    const me = await app.inject({ method: 'POST', url: '/api/invitations/accept', headers, payload: { code } })
    expect(me.json().roles).toEqual([{ role: 'admin', unitId: streetId, unitName: '华阳路街道', unitLevel: 'street' }])

    const other = await app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'ok-someone-else' } })
    const reuse = await app.inject({ method: 'POST', url: '/api/invitations/accept', headers: { authorization: `Bearer ${other.json().token}` }, payload: { code } })
    expect(reuse.json().error.code).toBe('invitation_used')

    const log = (await app.inject({ method: 'GET', url: '/api/moderation/log', headers })).json().items
    expect(log.map((e: { actionName: string; actorLabel: string }) => [e.actionName, e.actorLabel])).toEqual([
      ['接受邀请，获得角色', '街镇工作人员'],
      ['发出邀请码', '命令行'],
      ['建立街镇', '命令行'],
    ])
  }, 120_000)

  it('revokes a code it printed, so a new one can be made', async () => {
    const streetId = Number(/编号 (\d+)/.exec((await admin(dataDir, 'create-street', '--name', '江苏路街道')).stdout)?.[1])
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec((await admin(dataDir, 'invite-admin', '--street', String(streetId), '--days', '3')).stdout)![1]
    expect((await admin(dataDir, 'revoke-invite', '--code', code)).code).toBe(0)
    expect((await admin(dataDir, 'list-invites', '--street', String(streetId))).stdout).toContain('已撤销')
    expect((await admin(dataDir, 'invite-admin', '--street', String(streetId))).code).toBe(0)
  }, 120_000)
})

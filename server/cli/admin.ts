// npm run admin -- <command>: what only the server's operator may do, on the server's own database
// (same DATABASE_URL / DATA_DIR as the server; migrations run first). Outside dev mode this is the only
// way to a 街镇's first admin: create the 街镇, then invite its admin with a one-time code.
import { parseArgs } from 'node:util'
import QRCode from 'qrcode'
import { INVITATION_STATUS_NAMES, ROLE_NAMES } from '../../types'
import { loadConfig } from '../config'
import { connect, type Db, type Trx } from '../core/db'
import { AppError } from '../core/errors'
import { migrateToLatest } from '../db/migrate'
import { createStreet, DEFAULT_INVITATION_DAYS, invitationLink, inviteAdmin, MAX_INVITATION_DAYS, revokeInvitationByCode, streetInvitations } from '../staff'

const USAGE = `用法 / usage: npm run admin -- <command>
  create-street --name 华阳路街道           建立街镇，打印其编号 / create a street, print its id
  invite-admin --street <id> [--days 7] [--qr file.png] [--force]
                                            生成街镇管理员邀请码 / one-time admin invitation code
  revoke-invite --code <邀请码>              撤销邀请码 / revoke an invitation
  list-invites --street <id>                列出邀请 / list a street's invitations`

/** A refusal the operator should read (exit 2), as opposed to a mistyped command (exit 1). */
class Refused extends Error {}

function positiveInt(value: string | undefined, flag: string, max?: number): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || (max !== undefined && n > max)) throw new Refused(`${flag} 需要 1${max ? `–${max}` : ' 以上'}的整数 / ${flag} must be a whole number${max ? ` from 1 to ${max}` : ''}`)
  return n
}

async function run(db: Db, argv: string[], out: (line: string) => void): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, street: { type: 'string' }, days: { type: 'string' }, code: { type: 'string' }, qr: { type: 'string' }, force: { type: 'boolean' } },
  })
  const now = new Date()
  const tx = <T>(work: (trx: Trx) => Promise<T>) => db.kysely.transaction().execute(work)
  switch (positionals[0]) {
    case 'create-street': {
      const name = values.name?.trim()
      if (!name) throw new Refused('请用 --name 写街镇名称 / --name is required')
      const id = await tx((trx) => createStreet(trx, name, now))
      out(`已建立街镇“${name}”，编号 ${id} / Created street "${name}", id ${id}`)
      out(`下一步 / next: npm run admin -- invite-admin --street ${id}`)
      return
    }
    case 'invite-admin': {
      const streetId = positiveInt(values.street, '--street')
      const days = values.days === undefined ? DEFAULT_INVITATION_DAYS : positiveInt(values.days, '--days', MAX_INVITATION_DAYS)
      const inv = await tx((trx) => inviteAdmin(trx, streetId, { days, force: values.force === true }, now))
      const link = invitationLink(process.env.PUBLIC_URL || 'http://localhost:8080', inv.code)
      out(`${inv.unitName} 街镇工作人员邀请码 / admin invitation code: ${inv.code}`)
      out(`有效期至 / expires: ${inv.expiresAt}（只能使用一次 / single use）`)
      out(`链接 / link: ${link}`)
      out(await QRCode.toString(link, { type: 'terminal', small: true }))
      if (values.qr) {
        await QRCode.toFile(values.qr, link)
        out(`二维码已写入 / QR code written to ${values.qr}`)
      }
      return
    }
    case 'revoke-invite': {
      if (!values.code) throw new Refused('请用 --code 写要撤销的邀请码 / --code is required')
      const code = values.code
      const inv = await tx((trx) => revokeInvitationByCode(trx, code, now))
      out(`已撤销 / revoked: 邀请 ${inv.id}（${ROLE_NAMES[inv.role]} · ${inv.unitName}）`)
      return
    }
    case 'list-invites': {
      const { items } = await streetInvitations(db.kysely, positiveInt(values.street, '--street'), now)
      if (items.length === 0) out('没有邀请 / no invitations')
      for (const i of items) {
        out([i.id, ROLE_NAMES[i.role], i.unitName, i.label ?? '', INVITATION_STATUS_NAMES[i.status], `expires ${i.expiresAt}`].join('\t'))
      }
      return
    }
    default:
      throw new Error(USAGE)
  }
}

async function main(): Promise<number> {
  const config = loadConfig()
  const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(db)
    await run(db, process.argv.slice(2), (line) => process.stdout.write(`${line}\n`))
    return 0
  } catch (err) {
    if (err instanceof AppError || err instanceof Refused) {
      process.stderr.write(`${err.message}\n`)
      return 2
    }
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
    return 1
  } finally {
    await db.close()
  }
}

void main().then((code) => process.exit(code))

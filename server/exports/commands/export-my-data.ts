import type { FastifyInstance } from 'fastify'
import type { Readable } from 'node:stream'
import { ZipFile } from 'yazl'
import type { Principal } from '../../accounts'
import { unitChain } from '../../community'
import { logModeration } from '../../core/audit'
import { transact } from '../../core/write'
import { collect } from '../queries/collect'
import { exportFileName, README } from '../rules'

/** The 居民区 (else 街镇) whose audit log records the export: from the user's 楼组, else their role's unit. */
async function auditUnit(app: FastifyInstance, p: Principal): Promise<number | null> {
  const home = p.residence?.buildingId ?? p.grants[0]?.unitId ?? p.referees[0]?.unitId
  const chain = home === undefined ? null : await unitChain(app.db.kysely, home)
  if (!chain) return null
  return chain.length >= 2 ? chain[chain.length - 2] : chain[chain.length - 1]
}

/**
 * The caller's own data as a zip, streamed: a README, one JSON file per kind of record, and their
 * uploads as stored (re-encoded, without EXIF). The export is logged where their committee reads its
 * log (someone with no unit at all has no committee, and so no log to be written to).
 */
export async function exportMyData(app: FastifyInstance, p: Principal): Promise<{ filename: string; stream: Readable }> {
  const now = app.clock()
  const data = await collect(app.db.kysely, p.userId, now)
  const unitId = await auditUnit(app, p)
  if (unitId !== null) {
    await transact(app, (trx) => logModeration(trx, { actorId: p.userId, action: 'account.export', targetType: 'user', targetId: p.userId, unitId, reason: null }))
  }

  const zip = new ZipFile()
  zip.addBuffer(Buffer.from(README), 'README.txt', { mtime: now })
  for (const [name, value] of Object.entries(data.sections)) zip.addBuffer(Buffer.from(JSON.stringify(value, null, 2)), `${name}.json`, { mtime: now })
  // Opened one at a time, as the zip reaches each: a resident with many photos holds one file open.
  for (const f of data.files) {
    zip.addReadStreamLazy(f.name, { mtime: now }, (cb) => {
      app.mediaStore.open(f.key).then(
        (stream) => (stream ? cb(null, stream) : cb(new Error(`missing ${f.key}`), undefined as never)),
        (err: unknown) => cb(err, undefined as never),
      )
    })
  }
  zip.end()
  return { filename: exportFileName(now), stream: zip.outputStream as Readable }
}

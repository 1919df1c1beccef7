import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import { s3Store, type S3Settings } from '../../server/media'
import { startProposalServer, type ProposalServer } from '../proposals/support'
import { describeEachDatabase } from '../support/server'
import { multipart, pdf, png } from './support'

/** An S3-compatible server on loopback (s3rver accepts its own fixed credentials). */
async function startS3(): Promise<{ settings: S3Settings; close: () => Promise<void> }> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-s3-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'yishi-media', configs: [] }] })
  const { port } = (await server.run()) as AddressInfo
  return {
    settings: { endpoint: `http://127.0.0.1:${port}`, bucket: 'yishi-media', region: 'ap-shanghai', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    async close() {
      await server.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}

const read = async (stream: NodeJS.ReadableStream | null) => {
  if (!stream) return null
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer))
  return Buffer.concat(chunks)
}

describe('media: the S3 store', () => {
  let s3: Awaited<ReturnType<typeof startS3>>
  beforeAll(async () => {
    s3 = await startS3()
  })
  afterAll(() => s3.close())

  it('puts, opens and removes objects, and answers null for a missing key', async () => {
    const store = s3Store(s3.settings)
    const bytes = pdf(100)
    await store.put('2026/abc/full.pdf', bytes, 'application/pdf')
    expect(Buffer.compare((await read(await store.open('2026/abc/full.pdf')))!, bytes)).toBe(0)
    await store.remove('2026/abc/full.pdf')
    expect(await store.open('2026/abc/full.pdf')).toBeNull()
  })
})

describeEachDatabase('media: uploads kept in an S3 bucket', (dialect) => {
  let s: ProposalServer
  let s3: Awaited<ReturnType<typeof startS3>>

  beforeAll(async () => {
    s3 = await startS3()
    s = await startProposalServer(dialect, {}, { config: { s3: s3.settings } })
  })
  afterAll(async () => {
    await s.close()
    await s3.close()
  })

  it('stores the photo and its thumbnail in the bucket, nothing on disk, and serves them from there', async () => {
    const resident = (await s.residentsOf('梧桐新村', '3号楼'))[0].userId
    const form = multipart(await png(64, 48), 'a.png', 'image/png')
    const res = await s.call(resident, 'POST', '/api/media', form.payload, form.headers)
    expect(res.status).toBe(201)
    const row = await s.app.db.kysely.selectFrom('media').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow()
    const store = s3Store(s3.settings)
    const stored = await read(await store.open(row.storage_key))
    expect(stored?.length).toBe(row.bytes)
    expect(await read(await store.open(row.thumb_key!))).not.toBeNull()
    expect(fs.readdirSync(s.app.config.mediaDir)).toEqual([])

    const got = await s.app.inject({ method: 'GET', url: res.body.url, headers: { authorization: await s.auth(resident) } })
    expect(got.statusCode).toBe(200)
    expect(got.headers['content-type']).toBe('image/webp')
    expect(Buffer.compare(got.rawPayload, stored!)).toBe(0)
  })
})

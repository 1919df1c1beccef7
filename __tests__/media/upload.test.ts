import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { implementingProposal, MOD_WUTONG, proposalBody, startProposalServer, type ProposalServer } from '../proposals/support'
import { describeEachDatabase } from '../support/server'
import { GPS_TAG, multipart, pdf, phonePhoto, png, signedFrom } from './support'

const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : []

describeEachDatabase('media: uploading', (dialect) => {
  let s: ProposalServer
  let resident: number
  let unverified: number

  const upload = (userId: number | null, bytes: Buffer, name = 'photo.jpg', type = 'image/jpeg', headers: Record<string, string> = {}) => {
    const form = multipart(bytes, name, type)
    return s.call(userId, 'POST', '/api/media', form.payload, { ...form.headers, ...headers })
  }
  const fetchBytes = async (userId: number, url: string) => {
    const res = await s.app.inject({ method: 'GET', url, headers: { authorization: await s.auth(userId) } })
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload }
  }

  beforeAll(async () => {
    s = await startProposalServer(dialect)
    resident = (await s.residentsOf('梧桐新村', '3号楼'))[0].userId
    unverified = await s.userIdOf('居民 · 梧桐新村1号楼（未认证）')
  })
  afterAll(() => s.close())

  it('re-encodes a phone photo upright, at most 2048 px, without EXIF or GPS, with a 320 px thumbnail', async () => {
    const original = await phonePhoto()
    expect((await sharp(original).metadata()).exif?.includes(GPS_TAG)).toBe(true)
    const res = await upload(resident, original)
    expect(res.status).toBe(201)
    // Orientation 6: the 3000×2000 sensor image is a 2000×3000 photo, shrunk to 2048 on its long side.
    expect(res.body).toEqual({ id: expect.any(Number), kind: 'image', width: 1365, height: 2048, url: `/api/media/${res.body.id}`, thumbUrl: `/api/media/${res.body.id}/thumb`, status: 'visible' })

    const full = await fetchBytes(resident, res.body.url)
    expect(full.status).toBe(200)
    expect(full.headers['content-type']).toBe('image/jpeg')
    const meta = await sharp(full.bytes).metadata()
    expect([meta.width, meta.height, meta.exif, meta.orientation]).toEqual([1365, 2048, undefined, undefined])
    expect(full.bytes.includes(Buffer.from('PhoneMaker'))).toBe(false)

    const thumb = await fetchBytes(resident, res.body.thumbUrl)
    const t = await sharp(thumb.bytes).metadata()
    expect([t.width, t.height, t.exif]).toEqual([213, 320, undefined])
  })

  it('goes by the bytes, not the name: a PNG named .jpg is an image, a text named .jpg is refused', async () => {
    const asJpg = await upload(resident, await png(40, 30), 'screenshot.jpg', 'image/jpeg')
    expect(asJpg.status).toBe(201)
    expect(asJpg.body).toMatchObject({ kind: 'image', width: 40, height: 30 })
    expect((await fetchBytes(resident, asJpg.body.url)).headers['content-type']).toBe('image/webp')

    const text = await upload(resident, Buffer.from('这不是照片，只是一段文字'), 'photo.jpg', 'image/jpeg')
    expect(text.status).toBe(415)
    expect(text.body.error).toEqual({ code: 'unsupported_file', message: '只能上传 JPG、PNG、WebP 格式的照片或 PDF 文件' })

    const heic = await upload(resident, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(100)]), 'IMG_0001.HEIC', 'image/heic')
    expect(heic.status).toBe(415)
    expect(heic.body.error.message).toContain('HEIC')

    const broken = await upload(resident, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]))
    expect(broken.status).toBe(400)
    expect(broken.body.error.code).toBe('unreadable_file')
  })

  it('keeps a PDF (三会 minutes) as sent, served inline as application/pdf', async () => {
    const minutes = pdf()
    const res = await upload(resident, minutes, 'minutes.bin', 'application/octet-stream')
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ kind: 'pdf', width: null, height: null, thumbUrl: null, status: 'visible' })
    const got = await fetchBytes(resident, res.body.url)
    expect(got.headers['content-type']).toBe('application/pdf')
    expect(got.headers['content-disposition']).toBe(`inline; filename="yishi-${res.body.id}.pdf"`)
    expect(Buffer.compare(got.bytes, minutes)).toBe(0)
    expect((await fetchBytes(resident, `/api/media/${res.body.id}/thumb`)).status).toBe(404)
  })

  it('serves with a private, immutable cache and no type sniffing', async () => {
    const res = await upload(resident, await png())
    const got = await fetchBytes(resident, res.body.url)
    expect(got.headers['cache-control']).toBe('private, max-age=31536000, immutable')
    expect(got.headers['x-content-type-options']).toBe('nosniff')
  })

  it('refuses too big a file with 413 and nothing stored', async () => {
    const before = await s.app.db.kysely.selectFrom('media').select('id').execute()
    const bigPhoto = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024)])
    const photo = await upload(resident, bigPhoto)
    expect(photo.status).toBe(413)
    expect(photo.body.error).toEqual({ code: 'file_too_large', message: '照片不能超过 10 MB' })
    const hugePdf = await upload(resident, pdf(20 * 1024 * 1024 + 1), 'a.pdf', 'application/pdf')
    expect(hugePdf.status).toBe(413)
    expect(hugePdf.body.error.code).toBe('file_too_large')
    expect(await s.app.db.kysely.selectFrom('media').select('id').execute()).toEqual(before)
  })

  it('takes multipart only, with a file, from verified residents and staff', async () => {
    expect((await upload(null, await png())).status).toBe(401)
    const stranger = await upload(unverified, await png())
    expect(stranger.status).toBe(403)
    expect(stranger.body.error.message).toBe('认证居民或工作人员才能上传照片和文件')
    const json = await s.call(resident, 'POST', '/api/media', { file: 'x' })
    expect(json.status).toBe(415)
    const empty = await s.call(resident, 'POST', '/api/media', '------b--\r\n', { 'content-type': 'multipart/form-data; boundary=----b' })
    expect(empty.status).toBe(400)
  })

  it('answers a retried upload (same Idempotency-Key) with the first one, and keeps one copy of the files', async () => {
    const dir = s.app.config.mediaDir
    const before = filesUnder(dir).length
    const photo = await png(50, 50)
    const first = await upload(resident, photo, 'a.png', 'image/png', { 'idempotency-key': 'photo-1' })
    const again = await upload(resident, photo, 'a.png', 'image/png', { 'idempotency-key': 'photo-1' })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.body).toEqual(first.body)
    expect(filesUnder(dir).length).toBe(before + 2)
    const other = await upload(resident, await png(60, 60), 'b.png', 'image/png', { 'idempotency-key': 'photo-1' })
    expect(other.status).toBe(422)
    expect(filesUnder(dir).length).toBe(before + 2)
  })

  it('attaches the resident’s own uploads to a proposal, at most nine, and answers them as photo objects', async () => {
    const neighbour = (await s.residentsOf('梧桐新村', '3号楼'))[1].userId
    const mine = await upload(resident, await png())
    const theirs = await upload(neighbour, await png())
    const notMine = await s.call(resident, 'POST', '/api/proposals', proposalBody({ photos: [mine.body.id, theirs.body.id] }))
    expect(notMine.status).toBe(400)
    expect(notMine.body.error).toEqual({ code: 'invalid_input', field: 'photos', message: '只能附上自己上传的照片' })
    const pdfUpload = await upload(resident, pdf(), 'm.pdf', 'application/pdf')
    expect((await s.call(resident, 'POST', '/api/proposals', proposalBody({ photos: [pdfUpload.body.id] }))).body.error.message).toBe('这里只能附上照片')
    expect(await s.count('proposals')).toBe(0)

    const res = await s.call(resident, 'POST', '/api/proposals', proposalBody({ photos: [mine.body.id, mine.body.id] }))
    expect(res.status).toBe(201)
    expect(res.body.photos).toEqual([{ id: mine.body.id, url: signedFrom(mine.body.url), thumbUrl: signedFrom(mine.body.thumbUrl), status: 'visible' }])
    expect(res.body.coverPhoto).toEqual(signedFrom(mine.body.thumbUrl))
    // The list's cover is signed for its reader too: the app's <Image> opens it without the header.
    const list = await s.call(neighbour, 'GET', '/api/proposals')
    const cover = list.body.items.find((p: { id: number }) => p.id === res.body.id).coverPhoto
    expect(cover).toEqual(signedFrom(mine.body.thumbUrl))
    expect(new URL(cover, 'http://x').searchParams.get('u')).toBe(String(neighbour))
    expect((await s.app.inject({ method: 'GET', url: cover })).statusCode).toBe(200)
  })

  it('lets a committee member attach photos when entering a proposal for a resident (代录)', async () => {
    const mod = await s.userIdOf(MOD_WUTONG)
    const photo = await upload(mod, await png())
    expect(photo.status).toBe(201)
    const res = await s.call(mod, 'POST', '/api/proposals', proposalBody({ photos: [photo.body.id], onBehalfOf: { buildingId: await s.unitId('3号楼', '梧桐新村') } }))
    expect(res.status).toBe(201)
    expect(res.body.photos.map((p: { id: number }) => p.id)).toEqual([photo.body.id])
  })

  it('attaches the committee’s photos to a progress update, readable by the proposal’s readers', async () => {
    const mod = await s.userIdOf(MOD_WUTONG)
    const b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    const id = await implementingProposal(s, '楼道照明改造')
    const lamp = await upload(mod, await png())
    const residentsPhoto = await upload(resident, await png())
    const refused = await s.call(mod, 'POST', `/api/proposals/${id}/progress`, { percent: 50, text: '灯具已更换', photos: [lamp.body.id, residentsPhoto.body.id] })
    expect(refused.body.error?.message).toBe('只能附上自己上传的照片')
    const res = await s.call(mod, 'POST', `/api/proposals/${id}/progress`, { percent: 50, text: '灯具已更换', photos: [lamp.body.id] })
    expect(res.status).toBe(201)
    const photo = { id: lamp.body.id, url: signedFrom(lamp.body.url), thumbUrl: signedFrom(lamp.body.thumbUrl), status: 'visible' }
    expect(res.body.photos).toEqual([photo])
    expect((await s.call(b3[3], 'GET', `/api/proposals/${id}`)).body.progress.map((p: { photos: unknown }) => p.photos)).toEqual([[photo]])
    expect((await fetchBytes(b3[3], lamp.body.thumbUrl)).status).toBe(200)
    const outsider = (await s.residentsOf('香樟苑', '1号楼'))[0].userId
    expect((await fetchBytes(outsider, lamp.body.thumbUrl)).status).toBe(404)
  })

  it('attaches a PDF and photos of the minutes to a 三会 meeting record, served by signed address to the proposal’s readers only', async () => {
    const mod = await s.userIdOf(MOD_WUTONG)
    const b3 = (await s.residentsOf('梧桐新村', '3号楼')).map((r) => r.userId)
    const id = await implementingProposal(s, '楼道堆物清理')
    const minutes = pdf()
    const sheet = await upload(mod, minutes, 'scan.pdf', 'application/pdf')
    const photo = await upload(mod, await png())
    const meeting = { kind: 'hearing', heldOn: '2025-03-03', place: '居委会活动室', attendance: 23, minutes: '大家同意清理楼道' }
    const residentsFile = await upload(resident, pdf())
    const refused = await s.call(mod, 'POST', `/api/proposals/${id}/meetings`, { ...meeting, files: [sheet.body.id, residentsFile.body.id] })
    expect(refused.body.error).toEqual({ code: 'invalid_input', field: 'files', message: '只能附上自己上传的照片或文件' })
    const tooMany = await s.call(mod, 'POST', `/api/proposals/${id}/meetings`, { ...meeting, files: Array.from({ length: 10 }, (_, i) => i + 1) })
    expect(tooMany.body.error).toEqual({ code: 'invalid_input', field: 'files', message: '最多附上 9 个文件' })

    const res = await s.call(mod, 'POST', `/api/proposals/${id}/meetings`, { ...meeting, files: [sheet.body.id, photo.body.id] })
    expect(res.status).toBe(201)
    const files = [
      { id: sheet.body.id, kind: 'pdf', url: signedFrom(sheet.body.url), thumbUrl: null, status: 'visible' },
      { id: photo.body.id, kind: 'image', url: signedFrom(photo.body.url), thumbUrl: signedFrom(photo.body.thumbUrl), status: 'visible' },
    ]
    expect(res.body.files).toEqual(files)
    const seen = (await s.call(b3[3], 'GET', `/api/proposals/${id}`)).body.meetings[0].files
    expect(seen).toEqual(files)
    // The signed address opens the PDF without the header, as a document with its own name.
    const got = await s.app.inject({ method: 'GET', url: seen[0].url })
    expect([got.statusCode, got.headers['content-type'], got.headers['content-disposition']]).toEqual([200, 'application/pdf', `inline; filename="yishi-${sheet.body.id}.pdf"`])
    expect(Buffer.compare(got.rawPayload, minutes)).toBe(0)
    expect((await fetchBytes(b3[3], sheet.body.url)).status).toBe(200)
    const outsider = (await s.residentsOf('香樟苑', '1号楼'))[0].userId
    expect((await fetchBytes(outsider, sheet.body.url)).status).toBe(404)
  })
})

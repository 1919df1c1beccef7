// Photos and files: upload (multipart), reading with the owner's permissions, the committee's release or
// rejection, and WeChat's content-check callback.
import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { MEDIA_STATUSES } from '../../types'
import { loadAccount, requireUser } from '../accounts'
import { AppError, badInput } from '../core/errors'
import { IdParams, literals, Text } from '../core/schema'
import { write } from '../core/write'
import { createHash } from 'node:crypto'
import { decideMedia } from './commands/decide-media'
import { recordVerdict } from './commands/record-verdict'
import { uploadMedia } from './commands/upload-media'
import type { MediaContext } from './context'
import { unseen } from './policy'
import type { MediaPorts } from './ports'
import { loadMedia, readableMedia, type MediaRow } from './queries/read'
import { CACHE_SECONDS, MAX_UPLOAD_BYTES, MB } from './rules'
import { useUrlSecret, verifySigned, type SignedQuery, type Variant } from './signing'
import { isCheckCopySignature, isWechatPush } from './wechat-check'

const UploadSchema = Type.Object({
  id: Type.Integer(),
  kind: literals(['image', 'pdf'] as const),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  thumbUrl: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  status: literals(MEDIA_STATUSES),
})
const SignedParams = Type.Object({
  u: Type.Optional(Type.Integer({ minimum: 1 })),
  exp: Type.Optional(Type.Integer({ minimum: 0 })),
  sig: Type.Optional(Type.String({ maxLength: 100 })),
})
const DecisionBody = Type.Object({ reason: Type.Optional(Text({ maxLength: 200 })) }, { additionalProperties: false })
const PushQuery = Type.Object({
  signature: Type.Optional(Type.String({ maxLength: 100 })),
  timestamp: Type.Optional(Type.String({ maxLength: 20 })),
  nonce: Type.Optional(Type.String({ maxLength: 100 })),
  echostr: Type.Optional(Type.String({ maxLength: 200 })),
})
const PushBody = Type.Object({
  trace_id: Type.Optional(Type.String({ maxLength: 200 })),
  errcode: Type.Optional(Type.Integer()),
  result: Type.Optional(Type.Object({ suggest: Type.Optional(Type.String({ maxLength: 20 })), label: Type.Optional(Type.Integer()) })),
})

/** The one file of an upload request, read whole (at most MAX_UPLOAD_BYTES), with multipart's refusals in words. */
async function readFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 上传文件')
  try {
    const part = await request.file()
    if (!part) throw badInput('file', '请选择要上传的文件')
    return await part.toBuffer()
  } catch (err) {
    if (err instanceof AppError) throw err
    const code = (err as { code?: string }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'file_too_large', `文件不能超过 ${MAX_UPLOAD_BYTES / MB} MB`)
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError(413, 'too_many_files', '每次只能上传一个文件')
    throw new AppError(400, 'invalid_upload', '上传的内容不完整，请重试')
  }
}

export const mediaRoutes: FastifyPluginAsyncTypebox<MediaPorts> = async (app, ports) => {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, parts: 5 } })
  const db = app.db.kysely
  useUrlSecret(app.config.mediaUrlSecret)

  const context = (request: FastifyRequest, reply: FastifyReply, status = 200): MediaContext => ({
    app,
    db,
    principal: requireUser(request).principal,
    now: app.clock(),
    ports,
    write: (work) => write(request, reply, work, status),
  })

  /** Streams one stored file: content never changes under an id, so the caller's cache may keep it. */
  const send = async (reply: FastifyReply, m: MediaRow, key: string | null) => {
    const stream = key ? await app.mediaStore.open(key) : null
    if (!stream) throw unseen()
    reply.type(m.mime).header('cache-control', `private, max-age=${CACHE_SECONDS}, immutable`)
    if (m.kind === 'pdf') reply.header('content-disposition', `inline; filename="yishi-${m.id}.pdf"`)
    return reply.send(stream)
  }

  app.post('/api/media', { schema: { response: { 201: UploadSchema } } }, async (request, reply) => {
    const file = async () => {
      const bytes = await readFile(request)
      // The stored answer of an Idempotency-Key is for these bytes: the same key with another file is refused.
      request.body = { sha256: createHash('sha256').update(bytes).digest('hex') }
      return bytes
    }
    return uploadMedia(context(request, reply, 201), file, () => reply.getHeader('idempotent-replayed') === 'true')
  })

  // Read with the Authorization header, or by an address photosFor signed for a viewer it let read the
  // upload (the mini-program's <Image> sends no header). A wrong or expired signature is an unknown upload;
  // so is one whose viewer may no longer read it (the post hidden or deleted since, the role removed).
  const readable = async (request: FastifyRequest, id: number, query: SignedQuery, variant: Variant) => {
    if (query.sig === undefined) return readableMedia(db, ports, requireUser(request).principal, id)
    const viewer = verifySigned(id, variant, query)
    const account = viewer === null ? null : await loadAccount(db, viewer)
    if (!account) throw unseen()
    return readableMedia(db, ports, account.principal, id)
  }
  const readOptions = { config: { public: true }, schema: { params: IdParams, querystring: SignedParams } }

  app.get('/api/media/:id', readOptions, async (request, reply) => {
    const m = await readable(request, request.params.id, request.query, 'full')
    return send(reply, m, m.storage_key)
  })

  app.get('/api/media/:id/thumb', readOptions, async (request, reply) => {
    const m = await readable(request, request.params.id, request.query, 'thumb')
    return send(reply, m, m.thumb_key)
  })

  app.post('/api/media/:id/release', { schema: { params: IdParams, body: DecisionBody, response: { 200: UploadSchema } } }, (request, reply) =>
    decideMedia(context(request, reply), request.params.id, 'release', request.body.reason?.trim() || null),
  )

  app.post('/api/media/:id/reject', { schema: { params: IdParams, body: DecisionBody, response: { 200: UploadSchema } } }, (request, reply) =>
    decideMedia(context(request, reply), request.params.id, 'reject', request.body.reason?.trim() || null),
  )

  // WeChat fetches a pending image to check it by this signed address; nobody else can.
  app.get(
    '/api/media/:id/check-copy',
    { config: { public: true }, schema: { params: IdParams, querystring: Type.Object({ sig: Type.String({ maxLength: 100 }) }) } },
    async (request, reply) => {
      const m = await loadMedia(db, request.params.id)
      if (!m || m.status !== 'pending' || !isCheckCopySignature(app.config.wechat.secret, m.id, request.query.sig)) throw unseen()
      return send(reply, m, m.storage_key)
    },
  )

  // WeChat's message push: a GET when the address is configured (echo back echostr), then a POST per
  // verdict (JSON format), both signed with the push token.
  const requirePush = (q: { signature?: string; timestamp?: string; nonce?: string }) => {
    if (!isWechatPush(app.config.wechatPushToken, q)) throw new AppError(403, 'forbidden', '签名无效')
  }
  app.get('/api/wechat/media-check-callback', { config: { public: true }, schema: { querystring: PushQuery } }, async (request, reply) => {
    requirePush(request.query)
    return reply.type('text/plain').send(request.query.echostr ?? '')
  })
  app.post('/api/wechat/media-check-callback', { config: { public: true }, schema: { querystring: PushQuery, body: PushBody } }, async (request, reply) => {
    requirePush(request.query)
    await recordVerdict(app, request.body)
    return reply.type('text/plain').send('success')
  })
}

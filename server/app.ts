import fs from 'node:fs'
import type { Socket } from 'node:net'
import path from 'node:path'
import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { sql } from 'kysely'
import type { Health } from '../types'
import type { Config } from './config'
import { connect, type Db } from './core/db'
import { migrateToLatest } from './db/migrate'
import { serveH5 } from './static'
import { countersFor, type CounterStore } from './core/counters'
import { installErrorHandling } from './core/errors'
import { settled } from './core/write'
import { validatorCompiler } from './core/validation'
import { accountRoutes, installAuth, wechatAuth, type WechatAuth } from './accounts'
import { communityRoutes } from './community'
import { seedDemoCommunity } from './seed/demo'
import { contentRoutes, wechatTextCheck, type TextSecurityCheck } from './content'
import { discussionRoutes, openTopic, postPhotoReader } from './discussions'
import { moderationRoutes } from './moderation'
import { proposalPhotoReaders, proposalRoutes, SETTINGS_NAMES } from './proposals'
import { notificationRoutes, subscribeMessagesFromEnv, tellResidenceReviewed, type SubscribeMessageSender } from './notifications'
import { surveyRoutes } from './surveys'
import { indicatorRoutes } from './indicators'
import { reportRoutes } from './reports'
import { staffRoutes } from './staff'
import { shareRoutes } from './share'
import { affairsRoutes, fundPhotoReader } from './affairs'
import { diskStore, mediaRoutes, s3Store, wechatMediaCheck, type MediaSecurityCheck, type MediaStore } from './media'
import { exportRoutes } from './exports'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    config: Config
    counters: CounterStore
    wechat: WechatAuth
    /** WeChat's msgSecCheck, when the app has WeChat credentials; null means the local list alone. */
    textCheck: TextSecurityCheck | null
    /** Where uploaded files are kept: DATA_DIR/media, or the configured bucket. */
    mediaStore: MediaStore
    /** WeChat's asynchronous image check, when the app has WeChat credentials; null: uploads pass (dev mode). */
    mediaCheck: MediaSecurityCheck | null
    /** WeChat subscribe messages mirroring in-app notifications; null: in-app only. */
    subscribeMessages: SubscribeMessageSender | null
    /** The current time; tests inject a clock so time-bound rules (edit windows, mutes) need no sleeping. */
    clock: () => Date
    /** Every route registered with its schema, so tests can hold the permission matrix and the fuzzing to the real API. */
    routeTable: RegisteredRoute[]
  }
}

export interface RegisteredRoute {
  method: string
  url: string
  schema?: FastifySchema
  /** Open to anonymous callers (`config: { public: true }`). */
  public: boolean
  /** A read that writes the audit log (`config: { audited: true }`, a download): tests check it like a write. */
  audited: boolean
}

declare module 'fastify' {
  interface FastifyContextConfig {
    audited?: boolean
  }
}

export interface Overrides {
  db?: Db
  wechat?: WechatAuth
  textCheck?: TextSecurityCheck | null
  subscribeMessages?: SubscribeMessageSender | null
  mediaStore?: MediaStore
  mediaCheck?: MediaSecurityCheck | null
  clock?: () => Date
  /** Keep the database open when the app closes (a test that shares one). */
  keepDbOpen?: boolean
  logger?: boolean
}

const trustNearestHops = (hops: number) => (_address: string, hop: number) => hop < hops

export async function buildApp(config: Config, overrides: Overrides = {}): Promise<FastifyInstance> {
  const db = overrides.db ?? connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await migrateToLatest(db)
  if (config.seedDemo) await seedDemoCommunity(db.kysely)

  const app = Fastify({
    logger: overrides.logger === false ? false : { level: config.logLevel, redact: ['req.headers.authorization'] },
    bodyLimit: config.bodyLimitBytes,
    // Behind a load balancer the client address comes from X-Forwarded-For, but only the hops config trusts.
    // Fastify 5 ignores a bare hop count (it cannot check the peer), so a configured count becomes this function.
    trustProxy: typeof config.trustProxy === 'number' ? trustNearestHops(config.trustProxy) : config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(validatorCompiler())

  // ioredis only where Redis is configured (some 20 MB once loaded).
  const counters = countersFor(db, config.redisUrl ? new (await import('ioredis')).Redis(config.redisUrl, { lazyConnect: false }) : null)
  app.decorate('db', db)
  app.decorate('config', config)
  app.decorate('counters', counters)
  app.decorate('wechat', overrides.wechat ?? wechatAuth(config.wechat))
  const hasWechat = Boolean(config.wechat.appId && config.wechat.secret)
  app.decorate('textCheck', overrides.textCheck !== undefined ? overrides.textCheck : hasWechat ? wechatTextCheck(config.wechat) : null)
  app.decorate('subscribeMessages', overrides.subscribeMessages !== undefined ? overrides.subscribeMessages : subscribeMessagesFromEnv(config.wechat))
  app.decorate('mediaStore', overrides.mediaStore ?? (config.s3 ? s3Store(config.s3) : diskStore(config.mediaDir)))
  app.decorate('mediaCheck', overrides.mediaCheck !== undefined ? overrides.mediaCheck : hasWechat ? wechatMediaCheck(config.wechat) : null)
  app.decorate('clock', overrides.clock ?? (() => new Date()))
  // Draining: a response sent while closing tells keep-alive clients to go, so close() needn't wait
  // for their idle connections to time out. A connection a browser opened ahead of need and never sent
  // a byte on is neither busy nor idle to Node, and would hold close() for ever: nothing is in flight
  // on it, so it is closed.
  let closing = false
  const sockets = new Set<Socket>()
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  app.addHook('preClose', async () => {
    closing = true
    for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy()
  })
  app.addHook('onSend', async (request, reply) => {
    if (closing) reply.header('connection', 'close')
    // A write is answered only once what it committed is on disk (see Db.durable).
    if (request.method !== 'GET' && request.method !== 'HEAD') await db.durable()
    // Answers carry personal data: no cache may keep them (a route may say otherwise), no browser may
    // guess their type.
    if (request.url.startsWith('/api/')) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
      reply.header('x-content-type-options', 'nosniff')
    }
  })
  app.addHook('onClose', async () => {
    await settled(app)
    await counters.close()
    if (!overrides.keepDbOpen) await db.close()
  })

  const routeTable: RegisteredRoute[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: r.url, schema: r.schema, public: r.config?.public === true, audited: r.config?.audited === true })
  })
  installErrorHandling(app, SETTINGS_NAMES)
  installAuth(app)

  const HealthSchema = Type.Object({ ok: Type.Boolean(), database: Type.String(), dialect: Type.String() })
  app.get('/api/health', { config: { public: true }, schema: { response: { 200: HealthSchema, 503: HealthSchema } } }, async (_request, reply): Promise<Health> => {
    try {
      await sql`select 1`.execute(db.kysely)
      return { ok: true, database: 'up', dialect: db.dialect }
    } catch {
      reply.status(503)
      return { ok: false, database: 'down', dialect: db.dialect }
    }
  })
  // A reviewed residence is told to the resident.
  await app.register(accountRoutes, { residenceReviewed: tellResidenceReviewed })
  await app.register(communityRoutes)
  await app.register(contentRoutes)
  await app.register(discussionRoutes)
  await app.register(moderationRoutes)
  // Accepting a proposal opens its topic in the 议事厅.
  await app.register(proposalRoutes, { openTopic })
  await app.register(notificationRoutes)
  await app.register(surveyRoutes)
  await app.register(indicatorRoutes)
  await app.register(reportRoutes)
  await app.register(staffRoutes)
  await app.register(shareRoutes, { publicUrl: config.publicUrl })
  await app.register(affairsRoutes)
  // A photo attached to something is read by whoever may read that thing.
  await app.register(mediaRoutes, { owners: { ...proposalPhotoReaders(db.kysely), post: postPhotoReader(db.kysely), fund: fundPhotoReader(db.kysely) } })
  await app.register(exportRoutes)

  if (config.staticDir && fs.existsSync(path.join(config.staticDir, 'index.html'))) {
    await serveH5(app, config.staticDir)
  }
  return app
}

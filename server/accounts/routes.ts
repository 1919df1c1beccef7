import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { IdParams } from '../core/schema'
import { enforceLimit } from '../core/rate-limit'
import { write } from '../core/write'
import { requireUser } from './auth'
import { refuseUnlessDevMode } from './policy'
import { devUsers, listVerifications, residenceWait } from './queries'
import { acceptPrivacy } from './commands/accept-privacy'
import { devLogin } from './commands/dev-login'
import { loginWithWechat } from './commands/login-wechat'
import { logout } from './commands/logout'
import { logoutEverywhere } from './commands/logout-everywhere'
import { requestResidence } from './commands/request-residence'
import { reviewResidence } from './commands/review-residence'
import type { AccountPorts } from './ports'
import { setRepresentative } from './commands/set-representative'
import {
  ApproveBody,
  DevLoginBody,
  DevUsersSchema,
  MeSchema,
  Ok,
  RejectBody,
  RepresentativeBody,
  ResidenceBody,
  ResidenceSchema,
  ResidenceWaitSchema,
  SessionSchema,
  VerificationListSchema,
  VerificationRequestSchema,
  VerificationsQuery,
  WechatLoginBody,
} from './schemas'

const devModeOnly = async (request: FastifyRequest) => refuseUnlessDevMode(request.server.config.authMode)
const limitLogins = (request: FastifyRequest) => enforceLimit(request, 'login', request.ip)

export const accountRoutes: FastifyPluginAsyncTypebox<AccountPorts> = async (app, ports) => {
  const db = app.db.kysely
  const login = { db, wechat: app.wechat, sessionDays: app.config.sessionDays }

  app.get('/api/auth/dev-users', { config: { public: true }, preHandler: devModeOnly, schema: { response: { 200: DevUsersSchema } } }, () => devUsers(db))

  app.post(
    '/api/auth/dev-login',
    { config: { public: true }, preHandler: [devModeOnly, limitLogins], schema: { body: DevLoginBody, response: { 200: SessionSchema } } },
    (request) => devLogin(login, request.body.userId),
  )

  app.post(
    '/api/auth/wechat',
    { config: { public: true }, preHandler: limitLogins, schema: { body: WechatLoginBody, response: { 200: SessionSchema } } },
    (request) => loginWithWechat(login, request.body.code),
  )

  app.post('/api/auth/logout', { schema: { response: { 200: Ok } } }, async (request) => {
    requireUser(request)
    return logout(app, request.token)
  })

  app.post('/api/auth/logout-all', { schema: { response: { 200: Ok } } }, async (request) => logoutEverywhere(app, requireUser(request).principal.userId))

  app.get('/api/me', { schema: { response: { 200: MeSchema } } }, async (request) => requireUser(request).me)

  app.post('/api/me/privacy', { schema: { response: { 200: MeSchema } } }, async (request, reply) => {
    const { principal } = requireUser(request)
    return write(request, reply, (trx, after) => acceptPrivacy(trx, principal.userId, new Date(), after))
  })

  app.post('/api/me/residence', { schema: { body: ResidenceBody, response: { 201: ResidenceSchema } } }, async (request, reply) => {
    const { principal } = requireUser(request)
    return write(request, reply, (trx, after) => requestResidence(trx, principal, request.body, new Date(), after), 201)
  })

  app.get('/api/me/residence/wait', { schema: { response: { 200: ResidenceWaitSchema } } }, async (request) =>
    residenceWait(db, requireUser(request).principal.userId),
  )

  app.get(
    '/api/verifications',
    { schema: { querystring: VerificationsQuery, response: { 200: VerificationListSchema } } },
    async (request) => listVerifications(db, requireUser(request).principal, request.query.status ?? 'pending'),
  )

  app.post(
    '/api/verifications/:id/approve',
    { schema: { params: IdParams, body: ApproveBody, response: { 200: VerificationRequestSchema } } },
    async (request, reply) => {
      const { principal } = requireUser(request)
      const input = { decision: 'approved' as const, isRepresentative: request.body?.isRepresentative }
      return write(request, reply, (trx, after) => reviewResidence(trx, after, ports, principal, request.params.id, input, new Date()))
    },
  )

  app.post(
    '/api/verifications/:id/reject',
    { schema: { params: IdParams, body: RejectBody, response: { 200: VerificationRequestSchema } } },
    async (request, reply) => {
      const { principal } = requireUser(request)
      const input = { decision: 'rejected' as const, reason: request.body.reason }
      return write(request, reply, (trx, after) => reviewResidence(trx, after, ports, principal, request.params.id, input, new Date()))
    },
  )

  app.put(
    '/api/residences/:id/representative',
    { schema: { params: IdParams, body: RepresentativeBody, response: { 200: ResidenceSchema } } },
    async (request, reply) => {
      const { principal } = requireUser(request)
      return write(request, reply, (trx, after) => setRepresentative(trx, principal, request.params.id, request.body.isRepresentative, after))
    },
  )
}

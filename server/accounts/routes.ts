import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { DevUser, Session, VerificationRequest } from '../../types'
import { AppError, conflict, forbidden, notFound } from '../core/errors'
import { requireUser } from './auth'
import { write } from '../core/write'
import { enforceLimit } from '../core/rate-limit'
import { logModeration } from '../core/audit'
import { unitChain } from '../community/units'
import { can } from './permissions'
import { loadAccount } from './principal'
import { createSession, endSession } from './sessions'
import { listVerifications, requestResidence, reviewResidence } from './residences'

const Id = Type.Integer({ minimum: 1 })

export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db.kysely

  async function startSession(userId: number): Promise<Session> {
    const { token, expiresAt } = await createSession(db, userId, app.config.sessionDays)
    const account = await loadAccount(db, userId)
    if (!account) throw notFound('账号')
    return { token, expiresAt, user: account.me }
  }

  const requireDevMode = () => {
    if (app.config.authMode !== 'dev') {
      throw new AppError(403, 'dev_login_disabled', '演示登录只在开发模式下可用')
    }
  }

  app.get('/api/auth/dev-users', async () => {
    requireDevMode()
    const rows = await db
      .selectFrom('users')
      .select(['id', 'demo_description'])
      .where('demo_description', 'is not', null)
      .orderBy('id')
      .execute()
    const users: DevUser[] = []
    for (const r of rows) {
      const account = await loadAccount(db, r.id)
      if (account) users.push({ id: r.id, label: account.me.label, description: r.demo_description ?? '' })
    }
    return { users }
  })

  app.post(
    '/api/auth/dev-login',
    { schema: { body: Type.Object({ userId: Id }, { additionalProperties: false }) } },
    async (request) => {
      requireDevMode()
      await enforceLimit(request, 'login', request.ip)
      const user = await db
        .selectFrom('users')
        .select('id')
        .where('id', '=', request.body.userId)
        .where('demo_description', 'is not', null)
        .executeTakeFirst()
      if (!user) throw notFound('演示账号')
      return startSession(user.id)
    },
  )

  app.post(
    '/api/auth/wechat',
    { schema: { body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }) } },
    async (request) => {
      await enforceLimit(request, 'login', request.ip)
      const { openid } = await app.wechat.code2Session(request.body.code)
      const now = new Date().toISOString()
      // Insert-or-ignore then read: two first logins at once must not make two accounts.
      await db
        .insertInto('users')
        .values({ openid, created_at: now })
        .onConflict((oc) => oc.column('openid').doNothing())
        .execute()
      const user = await db.selectFrom('users').select('id').where('openid', '=', openid).executeTakeFirstOrThrow()
      return startSession(user.id)
    },
  )

  app.post('/api/auth/logout', async (request) => {
    requireUser(request)
    if (request.token) await endSession(db, request.token)
    return { ok: true }
  })

  app.get('/api/me', async (request) => requireUser(request).me)

  app.post('/api/me/privacy', async (request, reply) => {
    const { principal } = requireUser(request)
    return write(request, reply, async (trx) => {
      await trx
        .updateTable('users')
        .set({ privacy_accepted_at: new Date().toISOString() })
        .where('id', '=', principal.userId)
        .where('privacy_accepted_at', 'is', null)
        .execute()
      return (await loadAccount(trx, principal.userId))!.me
    })
  })

  app.post(
    '/api/me/residence',
    {
      schema: {
        body: Type.Object(
          {
            buildingId: Id,
            room: Type.String({ minLength: 1, maxLength: 20, pattern: '^\\s*[0-9A-Za-z\\u4e00-\\u9fa5\\-－# ]+\\s*$' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { principal } = requireUser(request)
      if (!can(principal, 'residence.request')) throw forbidden()
      return write(request, reply, (trx) => requestResidence(trx, principal.userId, request.body.buildingId, request.body.room), 201)
    },
  )

  app.get(
    '/api/verifications',
    {
      schema: {
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')])),
        }),
      },
    },
    async (request) => {
      const { principal } = requireUser(request)
      if (!can(principal, 'verifications.list')) throw forbidden('只有居委会成员可以审核居民认证')
      const items: VerificationRequest[] = await listVerifications(db, principal, request.query.status ?? 'pending')
      return { items }
    },
  )

  async function review(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    decision: 'approved' | 'rejected',
    body: { reason?: string; isRepresentative?: boolean },
  ): Promise<VerificationRequest> {
    const { principal } = requireUser(request)
    const residence = await db.selectFrom('residences').select(['building_id']).where('id', '=', id).executeTakeFirst()
    if (!residence) throw notFound('认证申请')
    const chain = await unitChain(db, residence.building_id)
    if (!chain || !can(principal, 'verifications.review', chain)) throw forbidden('您只能审核本居民区居民的认证')
    return write(request, reply, async (trx) => {
      const result = await reviewResidence(trx, id, principal.userId, decision, body)
      if (!result) throw conflict('already_reviewed', '这条认证申请已经处理过了')
      await logModeration(trx, {
        actorId: principal.userId,
        action: decision === 'approved' ? 'verification.approve' : 'verification.reject',
        targetType: 'residence',
        targetId: id,
        // chain is [楼组, 小区, 居民区, 街镇]: the log is kept per 居民区.
        unitId: chain[2],
        reason: body.reason ?? null,
      })
      return result
    })
  }

  app.post(
    '/api/verifications/:id/approve',
    {
      schema: {
        params: Type.Object({ id: Id }),
        body: Type.Optional(Type.Object({ isRepresentative: Type.Optional(Type.Boolean()) }, { additionalProperties: false })),
      },
    },
    (request, reply) => review(request, reply, request.params.id, 'approved', request.body ?? {}),
  )

  app.post(
    '/api/verifications/:id/reject',
    {
      schema: {
        params: Type.Object({ id: Id }),
        body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 200 }) }, { additionalProperties: false }),
      },
    },
    (request, reply) => review(request, reply, request.params.id, 'rejected', request.body),
  )
}

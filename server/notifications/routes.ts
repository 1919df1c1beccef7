import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { requireUser } from '../accounts'
import { Cursor, Id, PageLimit, literals } from '../core/schema'
import { write } from '../core/write'
import { markRead } from './commands/mark-read'
import { listNotifications } from './queries'

const NotificationSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  targetType: Type.String(),
  targetId: Type.Integer(),
  createdAt: Type.String(),
  read: Type.Boolean(),
})

const Unread = Type.Object({ unread: Type.Integer() })

/** The caller's own notifications (消息), newest first. */
export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db.kysely

  app.get(
    '/api/notifications',
    {
      schema: {
        querystring: Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(PageLimit(100)), unread: Type.Optional(literals(['1', '0'] as const)) }),
        response: {
          200: Type.Object({ items: Type.Array(NotificationSchema), nextCursor: Type.Union([Type.String(), Type.Null()]), unread: Type.Integer() }),
        },
      },
    },
    async (request) => listNotifications(db, requireUser(request).principal.userId, request.query),
  )

  app.post(
    '/api/notifications/read',
    {
      schema: {
        // No body (or null): mark everything read.
        body: Type.Union([Type.Object({ ids: Type.Optional(Type.Array(Id, { maxItems: 200 })) }, { additionalProperties: false }), Type.Null()]),
        response: { 200: Unread },
      },
    },
    async (request, reply) => {
      const { principal } = requireUser(request)
      return write(request, reply, (trx) => markRead(trx, principal.userId, request.body?.ids, app.clock()))
    },
  )
}

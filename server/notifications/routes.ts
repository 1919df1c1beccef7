import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { AppNotification, NotificationPage, NotificationsReadResult } from '../../types'
import { requireUser } from '../accounts/auth'
import { badInput } from '../core/errors'
import { write } from '../core/write'

const encodeCursor = (id: number) => Buffer.from(JSON.stringify({ id })).toString('base64url')

function decodeCursor(cursor: string): number {
  try {
    const { id } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { id: unknown }
    if (typeof id === 'number' && Number.isInteger(id) && id > 0) return id
  } catch {
    // falls through
  }
  throw badInput('cursor', '分页参数无效，请刷新后重试')
}

/** The caller's own notifications (消息), newest first. */
export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db.kysely

  app.get(
    '/api/notifications',
    {
      schema: {
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          unread: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])),
        }),
      },
    },
    async (request): Promise<NotificationPage> => {
      const { principal } = requireUser(request)
      const limit = request.query.limit ?? 20
      let q = db
        .selectFrom('notifications')
        .select(['id', 'kind', 'title', 'body', 'target_type', 'target_id', 'created_at', 'read_at'])
        .where('user_id', '=', principal.userId)
      if (request.query.cursor) q = q.where('id', '<', decodeCursor(request.query.cursor))
      if (request.query.unread === '1') q = q.where('read_at', 'is', null)
      const [rows, unread] = await Promise.all([
        q.orderBy('id', 'desc').limit(limit + 1).execute(),
        db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', '=', principal.userId)
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ])
      const items: AppNotification[] = rows.slice(0, limit).map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        targetType: r.target_type,
        targetId: r.target_id,
        createdAt: r.created_at,
        read: r.read_at !== null,
      }))
      return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null, unread: Number(unread.n) }
    },
  )

  app.post(
    '/api/notifications/read',
    {
      schema: {
        // No body (or null): mark everything read.
        body: Type.Union([
          Type.Object({ ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 })) }, { additionalProperties: false }),
          Type.Null(),
        ]),
      },
    },
    async (request, reply): Promise<NotificationsReadResult> => {
      const { principal } = requireUser(request)
      const ids = request.body?.ids
      return write(request, reply, async (trx) => {
        let q = trx
          .updateTable('notifications')
          .set({ read_at: app.clock().toISOString() })
          .where('user_id', '=', principal.userId)
          .where('read_at', 'is', null)
        if (ids) q = q.where('id', 'in', ids.length ? ids : [0])
        await q.execute()
        const left = await trx
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', '=', principal.userId)
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow()
        return { unread: Number(left.n) }
      })
    },
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { can } from '../accounts/permissions'
import { requireUser } from '../accounts/auth'
import { forbidden, notFound } from '../core/errors'
import { write } from '../core/write'

/** Admins keep the sensitive-word list. */
export const contentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db.kysely
  const requireAdmin = (request: Parameters<typeof requireUser>[0]) => {
    const { principal } = requireUser(request)
    if (!can(principal, 'contentWords.manage')) throw forbidden('只有街镇管理员可以维护敏感词表')
    return principal
  }

  app.get('/api/content/words', async (request) => {
    requireAdmin(request)
    const words = await db.selectFrom('sensitive_words').select(['word', 'level', 'created_at']).orderBy('word').execute()
    return { words: words.map((w) => ({ word: w.word, level: w.level, createdAt: w.created_at })) }
  })

  app.post(
    '/api/content/words',
    {
      schema: {
        body: Type.Object(
          { word: Type.String({ minLength: 1, maxLength: 30 }), level: Type.Union([Type.Literal('review'), Type.Literal('risky')]) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const principal = requireAdmin(request)
      const word = request.body.word.trim()
      return write(
        request,
        reply,
        async (trx) => {
          await trx
            .insertInto('sensitive_words')
            .values({ word, level: request.body.level, created_by: principal.userId, created_at: new Date().toISOString() })
            .onConflict((oc) => oc.column('word').doUpdateSet({ level: request.body.level }))
            .execute()
          return { word, level: request.body.level }
        },
        201,
      )
    },
  )

  app.delete('/api/content/words/:word', { schema: { params: Type.Object({ word: Type.String({ minLength: 1, maxLength: 30 }) }) } }, async (request, reply) => {
    requireAdmin(request)
    return write(request, reply, async (trx) => {
      const res = await trx.deleteFrom('sensitive_words').where('word', '=', request.params.word).executeTakeFirst()
      if (Number(res.numDeletedRows) === 0) throw notFound('该敏感词')
      return { ok: true }
    })
  })
}

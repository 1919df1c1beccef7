import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { requireUser } from '../accounts'
import { literals, Text } from '../core/schema'
import { write } from '../core/write'
import { addWord } from './commands/add-word'
import { removeWord } from './commands/remove-word'
import { listWords } from './queries'

const Level = literals(['review', 'risky'] as const)
const Word = Text({ minLength: 1, maxLength: 30 })
const WordEntrySchema = Type.Object({ word: Type.String(), level: Type.String() })

/** Admins keep the sensitive-word list. */
export const contentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db.kysely

  app.get(
    '/api/content/words',
    {
      schema: {
        response: { 200: Type.Object({ words: Type.Array(Type.Object({ word: Type.String(), level: Type.String(), createdAt: Type.String() })) }) },
      },
    },
    async (request) => listWords(db, requireUser(request).principal),
  )

  app.post(
    '/api/content/words',
    { schema: { body: Type.Object({ word: Word, level: Level }, { additionalProperties: false }), response: { 201: WordEntrySchema } } },
    async (request, reply) => {
      const { principal } = requireUser(request)
      return write(request, reply, (trx, after) => addWord(trx, principal, request.body, new Date(), after), 201)
    },
  )

  app.delete(
    '/api/content/words/:word',
    { schema: { params: Type.Object({ word: Word }), response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
    async (request, reply) => {
      const { principal } = requireUser(request)
      return write(request, reply, (trx, after) => removeWord(trx, principal, request.params.word, after))
    },
  )
}

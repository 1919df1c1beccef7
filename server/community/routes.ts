import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireUser } from '../accounts/auth'
import { unitTree } from './units'

export const communityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/units', async (request) => {
    requireUser(request)
    return { units: await unitTree(app.db.kysely) }
  })
}

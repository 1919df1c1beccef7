// 我的 → 导出我的数据: the signed-in user's own records and uploads, as one zip.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireUser } from '../accounts'
import { enforceLimit } from '../core/rate-limit'
import { exportMyData } from './commands/export-my-data'

export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // POST: it writes (the audit log), and the app reads the answer as bytes rather than as a download.
  app.post('/api/me/export', async (request, reply) => {
    const { principal } = requireUser(request)
    await enforceLimit(request, 'export', `user:${principal.userId}`)
    const { filename, stream } = await exportMyData(app, principal)
    return reply.type('application/zip').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${filename}"`).send(stream)
  })
}

// The 台账 routes: each declares its schemas and makes one call.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { reader, sendFile } from '../surveys'
import { downloadLedger, downloadStreetLedger, neighbourhoodLedger, streetLedger } from './queries/report'
import { DownloadQuery, LedgerQuery, LedgerSchema, StreetLedgerSchema } from './schemas'

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/reports', { schema: { querystring: LedgerQuery, response: { 200: LedgerSchema } } }, async (request) => neighbourhoodLedger(reader(request), request.query))

  app.get('/api/reports/street', { schema: { querystring: LedgerQuery, response: { 200: StreetLedgerSchema } } }, async (request) =>
    streetLedger(reader(request), request.query),
  )

  // .xlsx or PDF downloads: no JSON response schema; each is logged (audited).
  app.get('/api/reports/download', { config: { audited: true }, schema: { querystring: DownloadQuery } }, async (request, reply) =>
    sendFile(reply, await downloadLedger(reader(request), request.query)),
  )

  app.get('/api/reports/street/download', { config: { audited: true }, schema: { querystring: DownloadQuery } }, async (request, reply) =>
    sendFile(reply, await downloadStreetLedger(reader(request), request.query)),
  )
}

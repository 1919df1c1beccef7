// The index routes: each declares its schemas and makes one call (a query or a command).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { reader, sendExport, writer } from '../surveys'
import { enterInputs } from './commands/enter-inputs'
import { compareNeighbourhoods } from './queries/compare'
import { exportIndex } from './queries/export'
import { listInputs } from './queries/inputs'
import { indexReport, indexSummary } from './queries/report'
import { CompareQuery, ExportQuery, IndexComparison, IndexReport, IndicatorSummary, InputHistory, InputsBody, ReportQuery, SummaryQuery } from './schemas'

export const indicatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/indicators', { schema: { querystring: ReportQuery, response: { 200: IndexReport } } }, async (request) =>
    indexReport(reader(request), request.query),
  )

  app.get('/api/indicators/compare', { schema: { querystring: CompareQuery, response: { 200: IndexComparison } } }, async (request) =>
    compareNeighbourhoods(reader(request), request.query),
  )

  app.get('/api/indicators/summary', { schema: { querystring: SummaryQuery, response: { 200: IndicatorSummary } } }, async (request) =>
    indexSummary(reader(request), request.query),
  )

  app.get('/api/indicators/inputs', { schema: { querystring: ReportQuery, response: { 200: InputHistory } } }, async (request) =>
    listInputs(reader(request), request.query),
  )

  app.put('/api/indicators/inputs', { schema: { body: InputsBody, response: { 200: IndexReport } } }, async (request, reply) =>
    enterInputs(writer(request, reply), request.body),
  )

  // A CSV or .xlsx download: no JSON response schema.
  app.get('/api/indicators/export', { schema: { querystring: ExportQuery } }, async (request, reply) =>
    sendExport(reply, await exportIndex(reader(request), request.query)),
  )
}

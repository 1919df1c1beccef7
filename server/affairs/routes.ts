// The 居务公开 API: each route declares its schemas and makes one call, a query or a command.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams } from '../core/schema'
import { addFund, correctEntry } from './commands/add-entry'
import { answer } from './commands/answer'
import { raise } from './commands/raise'
import { appointSupervisor, removeSupervisor } from './commands/supervisors'
import { reader, writer } from './context'
import { entryDetail, ledger, questionQueue, supervisorCandidates } from './queries/ledger'
import { entryNotice } from './queries/notice'
import { streetSummary } from './queries/summary'
import {
  AnswerBody,
  AppointBody,
  CandidatesSchema,
  CorrectionBody,
  DetailSchema,
  FundBody,
  KeyParams,
  LedgerQuery,
  LedgerSchema,
  QueueSchema,
  SummaryQuery,
  SummarySchema,
  SupervisorSchema,
  TextBody,
  UnitQuery,
} from './schemas'

export const affairsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/affairs', { schema: { querystring: LedgerQuery, response: { 200: LedgerSchema } } }, (request) => ledger(reader(request), request.query))

  // The 街镇's figures of every 居民区's ledger, side by side.
  app.get('/api/affairs/summary', { schema: { querystring: SummaryQuery, response: { 200: SummarySchema } } }, (request) =>
    streetSummary(reader(request), request.query),
  )

  app.get('/api/affairs/entries/:key', { schema: { params: KeyParams, response: { 200: DetailSchema } } }, (request) =>
    entryDetail(reader(request), request.params.key),
  )

  // The printable notice: a PDF, so no JSON response schema.
  app.get('/api/affairs/entries/:key/notice', { schema: { params: KeyParams } }, async (request, reply) => {
    const pdf = await entryNotice(reader(request), request.params.key, app.config.publicUrl)
    return reply.type('application/pdf').header('content-disposition', `inline; filename="notice-${request.params.key}.pdf"`).send(pdf)
  })

  app.post('/api/affairs/entries/:key/questions', { schema: { params: KeyParams, body: TextBody, response: { 201: DetailSchema } } }, (request, reply) =>
    raise(writer(request, reply, 201), request.params.key, 'question', request.body.body),
  )

  app.post('/api/affairs/entries/:key/flags', { schema: { params: KeyParams, body: TextBody, response: { 201: DetailSchema } } }, (request, reply) =>
    raise(writer(request, reply, 201), request.params.key, 'flag', request.body.body),
  )

  app.post('/api/affairs/entries/:key/corrections', { schema: { params: KeyParams, body: CorrectionBody, response: { 201: DetailSchema } } }, (request, reply) =>
    correctEntry(writer(request, reply, 201), request.params.key, request.body),
  )

  app.post('/api/affairs/funds', { schema: { body: FundBody, response: { 201: DetailSchema } } }, (request, reply) => addFund(writer(request, reply, 201), request.body))

  // The committee's side: its queue of questions and flags, its answers, and the 居务监督委员会.
  app.get('/api/affairs/queue', { schema: { querystring: UnitQuery, response: { 200: QueueSchema } } }, (request) =>
    questionQueue(reader(request), request.query.unitId),
  )

  app.post('/api/affairs/questions/:id/answer', { schema: { params: IdParams, body: AnswerBody, response: { 200: DetailSchema } } }, (request, reply) =>
    answer(writer(request, reply), request.params.id, request.body.answer),
  )

  app.get('/api/affairs/supervisors/candidates', { schema: { querystring: UnitQuery, response: { 200: CandidatesSchema } } }, (request) =>
    supervisorCandidates(reader(request), request.query.unitId),
  )

  app.post('/api/affairs/supervisors', { schema: { body: AppointBody, response: { 201: SupervisorSchema } } }, (request, reply) =>
    appointSupervisor(writer(request, reply, 201), request.body),
  )

  app.delete('/api/affairs/supervisors/:id', { schema: { params: IdParams } }, (request, reply) => removeSupervisor(writer(request, reply), request.params.id))
}

// The survey routes: each declares its schemas and makes one call (a query or a command).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams } from '../core/schema'
import { checkPaperBatch } from './commands/check-paper-batch'
import { closeSurvey } from './commands/close-survey'
import { confirmPaperWave } from './commands/confirm-paper-wave'
import { createSurvey } from './commands/create-survey'
import { editSurvey } from './commands/edit-survey'
import { enterPaperBatch } from './commands/enter-paper-batch'
import { enterPaperResponse } from './commands/enter-paper-response'
import { publishResponseNote } from './commands/publish-response-note'
import { publishSurvey } from './commands/publish-survey'
import { submitResponse } from './commands/submit-response'
import { reader, writer } from './context'
import { exportSurvey } from './queries/export'
import { listPaperBatches } from './queries/paper'
import { surveyResults } from './queries/results'
import { listSurveys, readSurvey, surveyTemplates } from './queries/surveys'
import {
  BatchParams,
  CreateBody,
  EditBody,
  ExportQuery,
  ListQuery,
  PaperBatch,
  PaperBatchBody,
  PaperBatchList,
  PaperBody,
  PaperResult,
  PaperStanding,
  ResponseNoteBody,
  SubmitBody,
  SubmitResult,
  SurveyDetail,
  SurveyList,
  SurveyResults,
  Templates,
} from './schemas'
import { sendExport } from './tabular'

export const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/surveys/templates', { schema: { response: { 200: Templates } } }, async (request) => surveyTemplates(reader(request)))

  app.get('/api/surveys', { schema: { querystring: ListQuery, response: { 200: SurveyList } } }, async (request) =>
    listSurveys(reader(request), request.query),
  )

  app.post('/api/surveys', { schema: { body: CreateBody, response: { 201: SurveyDetail } } }, async (request, reply) =>
    createSurvey(writer(request, reply), request.body),
  )

  app.get('/api/surveys/:id', { schema: { params: IdParams, response: { 200: SurveyDetail } } }, async (request) =>
    readSurvey(reader(request), request.params.id),
  )

  app.patch('/api/surveys/:id', { schema: { params: IdParams, body: EditBody, response: { 200: SurveyDetail } } }, async (request, reply) =>
    editSurvey(writer(request, reply), request.params.id, request.body),
  )

  app.post('/api/surveys/:id/publish', { schema: { params: IdParams, response: { 200: SurveyDetail } } }, async (request, reply) =>
    publishSurvey(writer(request, reply), request.params.id),
  )

  // The body ({responseNote?}) is optional, so close-survey.ts checks it.
  app.post('/api/surveys/:id/close', { schema: { params: IdParams, response: { 200: SurveyDetail } } }, async (request, reply) =>
    closeSurvey(writer(request, reply), request.params.id, request.body),
  )

  app.post(
    '/api/surveys/:id/response-note',
    { schema: { params: IdParams, body: ResponseNoteBody, response: { 200: SurveyDetail } } },
    async (request, reply) => publishResponseNote(writer(request, reply), request.params.id, request.body),
  )

  app.post(
    '/api/surveys/:id/responses',
    { schema: { params: IdParams, body: SubmitBody, response: { 201: SubmitResult } } },
    async (request, reply) => submitResponse(writer(request, reply), request.params.id, request.body),
  )

  app.post(
    '/api/surveys/:id/paper-responses',
    { schema: { params: IdParams, body: PaperBody, response: { 201: PaperResult } } },
    async (request, reply) => enterPaperResponse(writer(request, reply), request.params.id, request.body),
  )

  // Paper questionnaires in batches: one staff member types a pile in, another checks it; only checked
  // batches count. The 街镇 confirms a wave answered mostly on paper by the 居委会 before the index uses it.
  app.post(
    '/api/surveys/:id/paper-batches',
    { schema: { params: IdParams, body: PaperBatchBody, response: { 201: PaperBatch } } },
    async (request, reply) => enterPaperBatch(writer(request, reply), request.params.id, request.body),
  )

  app.get('/api/surveys/:id/paper-batches', { schema: { params: IdParams, response: { 200: PaperBatchList } } }, async (request) =>
    listPaperBatches(reader(request), request.params.id),
  )

  app.post('/api/surveys/:id/paper-batches/:batchId/check', { schema: { params: BatchParams, response: { 200: PaperBatch } } }, async (request, reply) =>
    checkPaperBatch(writer(request, reply), request.params.id, request.params.batchId),
  )

  app.post('/api/surveys/:id/paper-confirmation', { schema: { params: IdParams, response: { 200: PaperStanding } } }, async (request, reply) =>
    confirmPaperWave(writer(request, reply), request.params.id),
  )

  app.get('/api/surveys/:id/results', { schema: { params: IdParams, response: { 200: SurveyResults } } }, async (request) =>
    surveyResults(reader(request), request.params.id),
  )

  // A CSV or .xlsx download: no JSON response schema.
  app.get('/api/surveys/:id/export', { schema: { params: IdParams, querystring: ExportQuery } }, async (request, reply) =>
    sendExport(reply, await exportSurvey(reader(request), request.params.id, request.query.format ?? 'xlsx')),
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type TSchema } from '@sinclair/typebox'
import { requireUser } from '../accounts'
import { IdParams } from '../core/schema'
import { applyImport } from './commands/apply-import'
import { createUnit } from './commands/create-unit'
import { previewImport } from './commands/preview-import'
import { updateUnit } from './commands/update-unit'
import { caller } from './context'
import { unitTree } from './queries/units'
import { CreateUnitBody, ImportBody, ImportResult, Preview, PreviewQuery, Unit, UpdateUnitBody } from './schemas'
import { CSV_TYPE, csvTemplate, MAX_FILE_BYTES, XLSX_TYPE, xlsxTemplate } from './spreadsheet'

// The tree is four levels deep (街镇 → 居民区 → 小区 → 楼组); a 楼组's children list is empty.
const unitNode = (depth: number): TSchema =>
  Type.Object({
    id: Type.Integer(),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
    level: Type.String(),
    name: Type.String(),
    housingType: Type.Union([Type.String(), Type.Null()]),
    households: Type.Integer(),
    contact: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    verifiedHouseholds: Type.Integer(),
    children: Type.Array(depth > 1 ? unitNode(depth - 1) : Type.Object({})),
  })

const UnitTreeSchema = Type.Object({ units: Type.Array(unitNode(4)) })

const TEMPLATE_NAME = { ascii: 'community-import', display: '社区结构导入模板' }
const attachment = (ext: string) =>
  `attachment; filename="${TEMPLATE_NAME.ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${TEMPLATE_NAME.display}.${ext}`)}`

export const communityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/units', { schema: { response: { 200: UnitTreeSchema } } }, async (request) => {
    requireUser(request)
    return unitTree(app.db.kysely)
  })

  app.post('/api/units', { schema: { body: CreateUnitBody, response: { 201: Unit } } }, async (request, reply) => createUnit(caller(request, reply), request.body))

  app.patch('/api/units/:id', { schema: { params: IdParams, body: UpdateUnitBody, response: { 200: Unit } } }, async (request, reply) =>
    updateUnit(caller(request, reply), request.params.id, request.body),
  )

  app.get('/api/community/import/template.xlsx', async (request, reply) => {
    requireUser(request)
    return reply.type(XLSX_TYPE).header('content-disposition', attachment('xlsx')).send(await xlsxTemplate())
  })

  app.get('/api/community/import/template.csv', async (request, reply) => {
    requireUser(request)
    return reply.type(`${CSV_TYPE}; charset=utf-8`).header('content-disposition', attachment('csv')).send(csvTemplate())
  })

  // The file is the raw body (multipart comes later); only this route reads spreadsheets.
  const spreadsheets: FastifyPluginAsyncTypebox = async (files) => {
    files.addContentTypeParser([XLSX_TYPE, CSV_TYPE], { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => done(null, body))
    files.post('/api/community/import/preview', { schema: { querystring: PreviewQuery, response: { 200: Preview } } }, async (request, reply) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
      return previewImport(caller(request, reply), request.query.streetId, type, request.body)
    })
  }
  await app.register(spreadsheets)

  app.post('/api/community/import', { schema: { body: ImportBody, response: { 200: ImportResult } } }, async (request, reply) =>
    applyImport(caller(request, reply), request.body),
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import type { InstrumentId } from '../../types/scoring'
import type {
  PaperResponseResult,
  SubmitResponseResult,
  SurveyDetail,
  SurveyListItem,
  SurveyQuestion,
  SurveyQuestionInput,
  SurveyResults,
  SurveyTemplate,
} from '../../types'
import { can, isStaffFor, type Principal } from '../accounts/permissions'
import { AppError, badInput, conflict, forbidden, notFound } from '../core/errors'
import { requireUser } from '../accounts/auth'
import { isUniqueViolation } from '../core/db'
import type { Trx } from '../core/db'
import { write } from '../core/write'
import { logModeration } from '../core/audit'
import { surveySheets } from './export'
import { insertResponse, mixAllResponses, mixResponses } from './responses'
import { computeResults } from './results'
import {
  buildCustomQuestions,
  checkTimes,
  INSTRUMENT_IDS,
  instrumentQuestions,
  MAX_QUESTIONS,
  normaliseInstruments,
  surveyStatus,
  TEMPLATE_IDS,
  templateFor,
  toIso,
  validateAnswers,
} from './rules'
import {
  buildingsUnder,
  getSurvey,
  instrumentsOf,
  neighbourhoodOf,
  presentSurvey,
  presentSurveys,
  questionsOf,
  unitInfo,
  type SurveyRow,
} from './store'
import { sendExport } from './tabular'

const Id = Type.Integer({ minimum: 1 })
const IdParams = Type.Object({ id: Id })
const Flag = Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')])
const flag = (v: string | undefined) => v === '1' || v === 'true'
const InstrumentSchema = Type.Union(INSTRUMENT_IDS.map((id) => Type.Literal(id)))
const TemplateSchema = Type.Union(TEMPLATE_IDS.map((id) => Type.Literal(id)))
const Time = Type.Union([Type.String({ format: 'date-time', maxLength: 40 }), Type.Null()])
const QuestionInputSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 20 })),
    type: Type.Union([Type.Literal('single'), Type.Literal('multiple'), Type.Literal('likert'), Type.Literal('rating'), Type.Literal('text')]),
    text: Type.String({ minLength: 1, maxLength: 200 }),
    required: Type.Optional(Type.Boolean()),
    options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
    maxChoices: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    labels: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { minItems: 2, maxItems: 11 })),
    dkLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
)
const Questions = Type.Array(QuestionInputSchema, { maxItems: MAX_QUESTIONS })
// The value's shape depends on the question: checked by validateAnswers, with a message per question.
const AnswersSchema = Type.Array(
  Type.Object({ questionId: Type.String({ minLength: 1, maxLength: 20 }), value: Type.Unknown() }, { additionalProperties: false }),
  { maxItems: MAX_QUESTIONS },
)
const LIST_LIMIT = 50

export const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db.kysely

  /** The survey and its unit chain, or 404 (drafts are invisible to residents) / 403. */
  async function loadFor(request: FastifyRequest, id: number, action: 'surveys.read' | 'surveys.manage') {
    const { principal } = requireUser(request)
    const row = await getSurvey(db, id)
    const unit = (await unitInfo(db, row.unit_id))!
    const staff = isStaffFor(principal, unit.chain)
    if (!can(principal, 'surveys.read', unit.chain) || (row.state === 'draft' && !staff)) throw notFound('问卷')
    if (action === 'surveys.manage' && !staff) throw forbidden('只有本居民区的居委会或街镇工作人员可以管理问卷')
    return { principal, row, unit, staff }
  }

  async function log(trx: Trx, actorId: number, row: Pick<SurveyRow, 'id' | 'neighbourhood_id'>, action: string, reason: string | null = null) {
    await logModeration(trx, { actorId, action, targetType: 'survey', targetId: row.id, unitId: row.neighbourhood_id, reason })
  }

  const detail = async (trx: Trx, id: number, principal: Principal) => presentSurvey(trx, await getSurvey(trx, id), principal, app.clock())

  /** 居民区 a principal serves (a moderator's own, every one under an admin's 街镇). */
  async function staffNeighbourhoods(p: Principal): Promise<number[]> {
    if (p.grants.length === 0) return []
    const ids = p.grants.map((g) => g.unitId)
    const rows = await db
      .selectFrom('units')
      .select('id')
      .where('level', '=', 'neighbourhood')
      .where((eb) => eb.or([eb('id', 'in', ids), eb('parent_id', 'in', ids)]))
      .execute()
    return rows.map((r) => r.id)
  }

  // ---- templates and lists ----------------------------------------------------------------

  app.get('/api/surveys/templates', async (request): Promise<{ templates: SurveyTemplate[] }> => {
    requireUser(request)
    return { templates: TEMPLATE_IDS.map(templateFor) }
  })

  app.get(
    '/api/surveys',
    {
      schema: {
        querystring: Type.Object({
          /** Only surveys open now (首页). */
          open: Type.Optional(Flag),
          unitId: Type.Optional(Id),
          state: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('closed')])),
          cursor: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9]+$' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIST_LIMIT })),
        }),
      },
    },
    async (request): Promise<{ items: SurveyListItem[]; nextCursor: string | null }> => {
      const { principal } = requireUser(request)
      const q = request.query
      const now = app.clock()
      const limit = q.limit ?? 20
      const staffNbs = await staffNeighbourhoods(principal)
      // Residents see what is published for a unit they live in (楼组, 小区, 居民区).
      const home = principal.residence ? principal.residence.chain.slice(0, -1) : []
      if (staffNbs.length === 0 && home.length === 0) return { items: [], nextCursor: null }
      let query = db
        .selectFrom('surveys')
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(staffNbs.length ? [eb('neighbourhood_id', 'in', staffNbs)] : []),
            ...(home.length ? [eb.and([eb('state', '!=', 'draft'), eb('unit_id', 'in', home)])] : []),
          ]),
        )
      if (q.unitId !== undefined) query = query.where((eb) => eb.or([eb('unit_id', '=', q.unitId!), eb('neighbourhood_id', '=', q.unitId!)]))
      if (q.state) query = query.where('state', '=', q.state)
      if (flag(q.open)) {
        const t = now.toISOString()
        query = query
          .where('state', '=', 'published')
          .where((eb) => eb.or([eb('opens_at', 'is', null), eb('opens_at', '<=', t)]))
          .where((eb) => eb.or([eb('closes_at', 'is', null), eb('closes_at', '>', t)]))
      }
      if (q.cursor) query = query.where('id', '<', Number(q.cursor))
      const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute()
      const page = rows.slice(0, limit)
      return {
        items: await presentSurveys(db, page, principal, now),
        nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
      }
    },
  )

  // ---- create and edit ---------------------------------------------------------------------

  app.post(
    '/api/surveys',
    {
      schema: {
        body: Type.Object(
          {
            unitId: Type.Optional(Id),
            template: Type.Optional(TemplateSchema),
            instruments: Type.Optional(Type.Array(InstrumentSchema, { maxItems: 5 })),
            copyOf: Type.Optional(Id),
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
            intro: Type.Optional(Type.String({ maxLength: 1000 })),
            opensAt: Type.Optional(Time),
            closesAt: Type.Optional(Time),
            questions: Type.Optional(Questions),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply): Promise<SurveyDetail> => {
      const { principal } = requireUser(request)
      const b = request.body
      const now = app.clock()
      let source: SurveyRow | null = null
      if (b.copyOf !== undefined) source = (await loadFor(request, b.copyOf, 'surveys.manage')).row
      const unitId = b.unitId ?? source?.unit_id
      if (unitId === undefined) throw badInput('unitId', '请选择问卷面向的居民区、小区或楼组')
      const unit = await unitInfo(db, unitId)
      if (!unit || unit.level === 'street') throw badInput('unitId', '问卷只能面向某个居民区、小区或楼组')
      if (!can(principal, 'surveys.manage', unit.chain)) throw forbidden('只能为本居民区创建问卷')

      const template = templateFor(b.template ?? 'blank')
      const instruments = source ? instrumentsOf(source) : normaliseInstruments(b.instruments ?? template.instruments)
      const custom = source
        ? questionsOf(source).filter((q) => !q.instrumentId)
        : buildCustomQuestions((b.questions ?? []) as SurveyQuestionInput[], [])
      const questions: SurveyQuestion[] = [...instrumentQuestions(instruments), ...custom]
      if (questions.length > MAX_QUESTIONS) throw badInput('questions', `一份问卷最多 ${MAX_QUESTIONS} 道题`)
      const opensAt = toIso(b.opensAt, 'opensAt') ?? null
      const closesAt = toIso(b.closesAt, 'closesAt') ?? null
      checkTimes(opensAt, closesAt, now, false)
      const title = (b.title ?? source?.title ?? (b.instruments && !b.template ? defaultTitle(instruments) : template.title)).trim()
      const intro = (b.intro ?? source?.intro ?? template.intro).trim()

      return write(
        request,
        reply,
        async (trx) => {
          const ts = now.toISOString()
          const row = await trx
            .insertInto('surveys')
            .values({
              unit_id: unit.id,
              neighbourhood_id: neighbourhoodOf(unit.chain),
              title,
              intro,
              instruments: JSON.stringify(instruments),
              questions: JSON.stringify(questions),
              state: 'draft',
              opens_at: opensAt,
              closes_at: closesAt,
              copied_from: source?.id ?? null,
              created_by: principal.userId,
              created_at: ts,
              updated_at: ts,
            })
            .returning(['id', 'neighbourhood_id'])
            .executeTakeFirstOrThrow()
          await log(trx, principal.userId, row, 'survey.create', source ? `复制自问卷 #${source.id}` : null)
          return detail(trx, row.id, principal)
        },
        201,
      )
    },
  )

  app.get('/api/surveys/:id', { schema: { params: IdParams } }, async (request): Promise<SurveyDetail> => {
    const { principal, row } = await loadFor(request, request.params.id, 'surveys.read')
    return presentSurvey(db, row, principal, app.clock())
  })

  app.patch(
    '/api/surveys/:id',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
            intro: Type.Optional(Type.String({ maxLength: 1000 })),
            opensAt: Type.Optional(Time),
            closesAt: Type.Optional(Time),
            instruments: Type.Optional(Type.Array(InstrumentSchema, { maxItems: 5 })),
            questions: Type.Optional(Questions),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply): Promise<SurveyDetail> => {
      const { principal, row } = await loadFor(request, request.params.id, 'surveys.manage')
      const b = request.body
      const now = app.clock()
      if (row.state === 'closed') throw conflict('survey_closed', '问卷已结束，不能再修改；如需再次调查，请复制为新一轮问卷')
      if (row.state === 'published' && (b.questions !== undefined || b.instruments !== undefined || b.opensAt !== undefined)) {
        throw conflict('survey_published', '问卷已发布，题目和开始时间不能再改（否则前后回答的含义不同）；如需修改，请复制为新一轮问卷')
      }
      const existing = questionsOf(row)
      const instruments = b.instruments !== undefined ? normaliseInstruments(b.instruments) : instrumentsOf(row)
      const custom =
        b.questions !== undefined ? buildCustomQuestions(b.questions as SurveyQuestionInput[], existing) : existing.filter((q) => !q.instrumentId)
      const questions = [...instrumentQuestions(instruments), ...custom]
      if (questions.length > MAX_QUESTIONS) throw badInput('questions', `一份问卷最多 ${MAX_QUESTIONS} 道题`)
      const opensAt = b.opensAt !== undefined ? toIso(b.opensAt, 'opensAt')! : row.opens_at
      const closesAt = b.closesAt !== undefined ? toIso(b.closesAt, 'closesAt')! : row.closes_at
      checkTimes(opensAt ?? null, closesAt ?? null, now, row.state === 'published' && b.closesAt !== undefined)
      return write(request, reply, async (trx) => {
        const changed = await trx
          .updateTable('surveys')
          .set({
            ...(b.title !== undefined ? { title: b.title.trim() } : {}),
            ...(b.intro !== undefined ? { intro: b.intro.trim() } : {}),
            instruments: JSON.stringify(instruments),
            questions: JSON.stringify(questions),
            opens_at: opensAt ?? null,
            closes_at: closesAt ?? null,
            updated_at: now.toISOString(),
          })
          .where('id', '=', row.id)
          .where('state', '=', row.state)
          .executeTakeFirst()
        if (Number(changed.numUpdatedRows) !== 1) throw conflict('survey_changed', '问卷刚刚被其他人改过，请刷新后再试')
        await log(trx, principal.userId, row, 'survey.update', Object.keys(b).join(','))
        return detail(trx, row.id, principal)
      })
    },
  )

  app.post('/api/surveys/:id/publish', { schema: { params: IdParams } }, async (request, reply): Promise<SurveyDetail> => {
    const { principal, row } = await loadFor(request, request.params.id, 'surveys.manage')
    const now = app.clock()
    if (row.state !== 'draft') throw conflict('survey_not_draft', row.state === 'closed' ? '问卷已结束' : '问卷已经发布了')
    if (questionsOf(row).length === 0) throw badInput('questions', '问卷还没有题目，不能发布')
    checkTimes(row.opens_at, row.closes_at, now, true)
    return write(request, reply, async (trx) => {
      const changed = await trx
        .updateTable('surveys')
        .set({ state: 'published', published_at: now.toISOString(), updated_at: now.toISOString() })
        .where('id', '=', row.id)
        .where('state', '=', 'draft')
        .executeTakeFirst()
      if (Number(changed.numUpdatedRows) !== 1) throw conflict('survey_not_draft', '问卷已经发布了')
      await log(trx, principal.userId, row, 'survey.publish')
      return detail(trx, row.id, principal)
    })
  })

  // The body is optional ({responseNote?}), so it is checked here rather than by a schema.
  app.post('/api/surveys/:id/close', { schema: { params: IdParams } }, async (request, reply): Promise<SurveyDetail> => {
    const { principal, row } = await loadFor(request, request.params.id, 'surveys.manage')
    const now = app.clock()
    const body = (request.body ?? {}) as Record<string, unknown>
    if (typeof body !== 'object' || Array.isArray(body)) throw badInput('body', '提交的内容格式不正确')
    const extra = Object.keys(body).find((k) => k !== 'responseNote')
    if (extra) throw badInput(extra, `不认识的字段：${extra}`)
    if (body.responseNote !== undefined && (typeof body.responseNote !== 'string' || body.responseNote.length > 2000)) {
      throw badInput('responseNote', '整改反馈应为不超过 2000 字的文字')
    }
    if (row.state === 'draft') throw conflict('survey_not_published', '问卷还没有发布，不能结束')
    if (row.state === 'closed') throw conflict('survey_closed', '问卷已经结束了')
    const note = (body.responseNote as string | undefined)?.trim()
    return write(request, reply, async (trx) => {
      const ts = now.toISOString()
      const changed = await trx
        .updateTable('surveys')
        .set({
          state: 'closed',
          closed_at: ts,
          updated_at: ts,
          ...(note ? { response_note: note, response_note_at: ts, response_note_by: principal.userId } : {}),
        })
        .where('id', '=', row.id)
        .where('state', '=', 'published')
        .executeTakeFirst()
      if (Number(changed.numUpdatedRows) !== 1) throw conflict('survey_closed', '问卷已经结束了')
      // Every answer rewritten in key order: nothing in the table follows arrival any more.
      await mixAllResponses(trx, row.id)
      await log(trx, principal.userId, row, 'survey.close')
      return detail(trx, row.id, principal)
    })
  })

  app.post(
    '/api/surveys/:id/response-note',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply): Promise<SurveyDetail> => {
      const { principal, row } = await loadFor(request, request.params.id, 'surveys.manage')
      if (row.state !== 'closed') throw conflict('survey_not_closed', '问卷结束后才能发布整改反馈')
      const text = request.body.text.trim()
      if (!text) throw badInput('text', '请填写居委会的回应')
      return write(request, reply, async (trx) => {
        const ts = app.clock().toISOString()
        await trx
          .updateTable('surveys')
          .set({ response_note: text, response_note_at: ts, response_note_by: principal.userId, updated_at: ts })
          .where('id', '=', row.id)
          .execute()
        await log(trx, principal.userId, row, 'survey.response_note')
        return detail(trx, row.id, principal)
      })
    },
  )

  // ---- answers -----------------------------------------------------------------------------

  app.post(
    '/api/surveys/:id/responses',
    { schema: { params: IdParams, body: Type.Object({ answers: AnswersSchema }, { additionalProperties: false }) } },
    async (request, reply): Promise<SubmitResponseResult> => {
      const { principal } = requireUser(request)
      const row = await getSurvey(db, request.params.id)
      const unit = (await unitInfo(db, row.unit_id))!
      if (row.state === 'draft' && !isStaffFor(principal, unit.chain)) throw notFound('问卷')
      if (!principal.residence) throw new AppError(403, 'not_verified', '完成住址认证后才能填写问卷')
      if (!can(principal, 'surveys.answer', unit.chain)) throw new AppError(403, 'not_eligible', `这份问卷只面向${unit.name}的居民`)
      const header = request.headers['idempotency-key']
      const key = (Array.isArray(header) ? header[0] : header) ?? null
      if (key !== null && key.length > 100) throw badInput('Idempotency-Key', 'Idempotency-Key 太长')
      const answers = validateAnswers(questionsOf(row), request.body.answers)
      const buildingId = principal.residence.buildingId

      const attempt = () =>
        db.transaction().execute(async (trx): Promise<'new' | 'replay'> => {
          const prior = await trx
            .selectFrom('survey_participation')
            .select('idem_key')
            .where('survey_id', '=', row.id)
            .where('user_id', '=', principal.userId)
            .executeTakeFirst()
          if (prior) {
            if (key !== null && prior.idem_key === key) return 'replay'
            throw conflict('already_responded', '您已经填写过这份问卷了，每人只能填写一次')
          }
          const now = app.clock()
          const current = await trx.selectFrom('surveys').select(['state', 'opens_at', 'closes_at']).where('id', '=', row.id).executeTakeFirstOrThrow()
          const status = surveyStatus(current, now)
          if (status !== 'open') throw conflict('survey_not_open', status === 'scheduled' ? '问卷还没有开始' : '问卷已经截止了')
          await trx.insertInto('survey_participation').values({ survey_id: row.id, user_id: principal.userId, idem_key: key }).execute()
          await insertResponse(trx, { surveyId: row.id, buildingId, channel: 'app', answers, now })
          return 'new'
        })
      let outcome: 'new' | 'replay'
      try {
        outcome = await attempt()
      } catch (err) {
        // A concurrent twin committed first: ours rolled back; the second try replays or refuses.
        if (!isUniqueViolation(err)) throw err
        outcome = await attempt()
      }
      reply.status(201)
      if (outcome === 'replay') reply.header('idempotent-replayed', 'true')
      else await mixResponses(db, row.id).catch((err) => request.log.warn({ err }, 'survey answers not mixed yet'))
      return { ok: true, surveyId: row.id }
    },
  )

  app.post(
    '/api/surveys/:id/paper-responses',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ buildingId: Id, answers: AnswersSchema }, { additionalProperties: false }),
      },
    },
    async (request, reply): Promise<PaperResponseResult> => {
      const { principal, row } = await loadFor(request, request.params.id, 'surveys.manage')
      if (row.state === 'draft') throw conflict('survey_not_published', '问卷还没有发布')
      if (row.state === 'closed') throw conflict('survey_closed', '问卷已经结束，不能再录入')
      const b = request.body
      const buildings = await buildingsUnder(db, row.unit_id)
      if (!buildings.some((x) => x.id === b.buildingId)) throw badInput('buildingId', '这个楼组不在问卷的调查范围内')
      const answers = validateAnswers(questionsOf(row), b.answers)
      const result = await write(
        request,
        reply,
        async (trx) => {
          const current = await trx.selectFrom('surveys').select('state').where('id', '=', row.id).executeTakeFirstOrThrow()
          if (current.state !== 'published') throw conflict('survey_closed', '问卷已经结束，不能再录入')
          await insertResponse(trx, { surveyId: row.id, buildingId: b.buildingId, channel: 'paper', answers, now: app.clock() })
          // The log names the survey only: never the answer, never the 楼组.
          await log(trx, principal.userId, row, 'survey.paper_response')
          const { n } = await trx
            .selectFrom('survey_responses')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('survey_id', '=', row.id)
            .where('channel', '=', 'paper')
            .executeTakeFirstOrThrow()
          return { ok: true as const, surveyId: row.id, paperResponses: Number(n) }
        },
        201,
      )
      if (!reply.getHeader('idempotent-replayed')) await mixResponses(db, row.id).catch((err) => request.log.warn({ err }, 'survey answers not mixed yet'))
      return result
    },
  )

  // ---- results and export ------------------------------------------------------------------

  app.get('/api/surveys/:id/results', { schema: { params: IdParams } }, async (request): Promise<SurveyResults> => {
    const { row, staff } = await loadFor(request, request.params.id, 'surveys.read')
    // Residents see the figures of a closed survey (without open text); the committee sees them from its end.
    if (!staff && row.state !== 'closed') throw forbidden('问卷结束后才公布结果')
    return computeResults(db, row, app.clock(), { staff })
  })

  app.get(
    '/api/surveys/:id/export',
    {
      schema: {
        params: IdParams,
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])) }),
      },
    },
    async (request, reply) => {
      const { row } = await loadFor(request, request.params.id, 'surveys.manage')
      const results = await computeResults(db, row, app.clock(), { staff: true })
      const { sheets, csv } = surveySheets(results)
      return sendExport(reply, request.query.format ?? 'xlsx', { ascii: `survey-${row.id}`, display: `问卷结果-${row.title}` }, sheets, csv)
    },
  )
}

function defaultTitle(instruments: InstrumentId[]): string {
  if (instruments.length === 0) return templateFor('blank').title
  if (instruments.length === 1) return templateFor(instruments[0]).title
  return templateFor('annual').title
}


import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { IndexReport, IndicatorInputEntry, IndicatorSummary, PeriodInfo } from '../../types'
import { can, type Principal } from '../accounts/permissions'
import { badInput, forbidden } from '../core/errors'
import { requireUser } from '../accounts/auth'
import { write } from '../core/write'
import { logModeration } from '../core/audit'
import { neighbourhoodOf, unitInfo, type UnitInfo } from '../surveys/store'
import { sendExport } from '../surveys/tabular'
import { indexSheets } from './export'
import { inputHistory, manualEntries } from './inputs'
import { currentYear, parsePeriod } from './period'
import { buildReport, buildSummary } from './report'

const Id = Type.Integer({ minimum: 1 })
const PeriodSchema = Type.String({ pattern: '^[0-9]{4}(H[12])?$', maxLength: 6 })

export const indicatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db.kysely

  /** The 居民区 asked for (or the caller's own), checked for the action. */
  async function neighbourhood(p: Principal, unitId: number | undefined, action: 'indicators.read' | 'indicators.input' | 'indicators.summary'): Promise<UnitInfo> {
    let id = unitId
    if (id === undefined && p.residence) id = neighbourhoodOf(p.residence.chain)
    if (id === undefined) {
      const grant = p.grants.find((g) => g.role === 'moderator') ?? p.grants[0]
      if (grant) id = grant.unitId
    }
    if (id === undefined) throw badInput('unitId', '请选择居民区')
    const unit = await unitInfo(db, id)
    if (!unit || unit.level !== 'neighbourhood') throw badInput('unitId', '评估指标按居民区计算，请选择一个居民区')
    if (!can(p, action, unit.chain)) {
      throw forbidden(action === 'indicators.input' ? '只有街镇工作人员可以录入评估数据' : action === 'indicators.read' ? '只有本居民区的居委会或街镇工作人员可以查看评估指标' : '只能查看本居民区的评估结果')
    }
    return unit
  }

  function period(id: string | undefined): PeriodInfo {
    const p = parsePeriod(id ?? currentYear(app.clock()))
    if (!p) throw badInput('period', '评估期应写成 2026、2026H1 或 2026H2')
    return p
  }

  const Query = Type.Object({ unitId: Type.Optional(Id), period: Type.Optional(PeriodSchema) })

  app.get('/api/indicators', { schema: { querystring: Query } }, async (request): Promise<IndexReport> => {
    const { principal } = requireUser(request)
    const unit = await neighbourhood(principal, request.query.unitId, 'indicators.read')
    return buildReport(db, unit, period(request.query.period))
  })

  app.get('/api/indicators/summary', { schema: { querystring: Type.Object({ unitId: Type.Optional(Id) }) } }, async (request): Promise<IndicatorSummary> => {
    const { principal } = requireUser(request)
    const unit = await neighbourhood(principal, request.query.unitId, 'indicators.summary')
    return buildSummary(db, unit)
  })

  app.get('/api/indicators/inputs', { schema: { querystring: Query } }, async (request): Promise<{ items: IndicatorInputEntry[] }> => {
    const { principal } = requireUser(request)
    const unit = await neighbourhood(principal, request.query.unitId, 'indicators.read')
    return { items: await inputHistory(db, unit.id, period(request.query.period).id) }
  })

  app.put(
    '/api/indicators/inputs',
    {
      schema: {
        body: Type.Object(
          {
            unitId: Id,
            period: PeriodSchema,
            inputs: Type.Record(Type.String({ maxLength: 80 }), Type.Unknown(), { maxProperties: 60 }),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply): Promise<IndexReport> => {
      const { principal } = requireUser(request)
      const b = request.body
      const unit = await neighbourhood(principal, b.unitId, 'indicators.input')
      const p = period(b.period)
      const entries = manualEntries(b.inputs)
      if (entries.length === 0) throw badInput('inputs', '请至少填写一项')
      const note = b.note?.trim() || null
      await write(request, reply, async (trx) => {
        const now = app.clock().toISOString()
        let lastId = 0
        for (const e of entries) {
          const row = await trx
            .insertInto('indicator_inputs')
            .values({
              unit_id: unit.id,
              period: p.id,
              leaf_id: e.key,
              value: e.value === null ? null : JSON.stringify(e.value),
              note,
              entered_by: principal.userId,
              entered_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          lastId = row.id
        }
        await logModeration(trx, {
          actorId: principal.userId,
          action: 'indicator.input',
          targetType: 'indicator_input',
          targetId: lastId,
          unitId: unit.id,
          reason: `${p.id}：${entries.map((e) => e.key).join('、')}`,
        })
        // Only a receipt is kept for a retry; the report below is always computed fresh.
        return { ok: true, saved: entries.map((e) => e.key) }
      })
      return buildReport(db, unit, p)
    },
  )

  app.get(
    '/api/indicators/export',
    {
      schema: {
        querystring: Type.Object({
          unitId: Type.Optional(Id),
          period: Type.Optional(PeriodSchema),
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
        }),
      },
    },
    async (request, reply) => {
      const { principal } = requireUser(request)
      const unit = await neighbourhood(principal, request.query.unitId, 'indicators.read')
      const report = await buildReport(db, unit, period(request.query.period))
      const { sheets, csv } = indexSheets(report)
      return sendExport(
        reply,
        request.query.format ?? 'xlsx',
        { ascii: `index-${unit.id}-${report.period.id}`, display: `评估指标-${unit.name}-${report.period.label}` },
        sheets,
        csv,
      )
    },
  )
}


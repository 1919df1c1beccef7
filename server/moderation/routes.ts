import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Id, IdParams, Instant, literals, PageLimit, Text } from '../core/schema'
import { AppealSchema, contextOf, PostSchema } from '../discussions'
import { appealPost } from './commands/appeal-post'
import { decideAppeal } from './commands/decide-appeal'
import { approvePost } from './commands/approve-post'
import { hidePost } from './commands/hide-post'
import { pinPost, unpinPost } from './commands/pin-post'
import { restorePost } from './commands/restore-post'
import { muteUser } from './commands/mute-user'
import { reportPost } from './commands/report-post'
import { unmuteUser } from './commands/unmute-user'
import { updateSettings } from './commands/update-settings'
import { moderationLog } from './queries/log'
import { moderationQueue } from './queries/queue'
import { listSettings } from './queries/settings'
import { MAX_MUTE_DAYS, MAX_REPORT_THRESHOLD, MIN_REPORT_THRESHOLD } from './rules'
import { LogPageSchema, MuteSchema, QueueSchema, ReportedSchema, ReportReasonSchema, SettingsListSchema, SettingsSchema } from './schemas'

const closed = { additionalProperties: false } as const
const UnitQuery = Type.Object({ unitId: Type.Optional(Id) })

/** The committee's actions on a post, one command each. */
const POST_ACTIONS = { hide: hidePost, restore: restorePost, approve: approvePost, pin: pinPost, unpin: unpinPost }

/** Moderation of the 议事厅: reports, the committee's post actions, appeals, mutes, the queue, the log and settings. */
export const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ---- reports (举报) and moderator actions on posts --------------------------------------------

  app.post(
    '/api/posts/:id/reports',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ reason: ReportReasonSchema, note: Type.Optional(Text({ maxLength: 200 })) }, closed),
        response: { 201: ReportedSchema },
      },
    },
    async (request, reply) => reportPost(contextOf(request, reply), request.params.id, request.body),
  )

  app.post(
    '/api/posts/:id/moderation',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ action: literals(['hide', 'restore', 'approve', 'pin', 'unpin'] as const), reason: Type.Optional(Text({ maxLength: 100 })) }, closed),
        response: { 200: PostSchema },
      },
    },
    async (request, reply) => POST_ACTIONS[request.body.action](contextOf(request, reply), request.params.id, request.body.reason),
  )

  // ---- appeals ---------------------------------------------------------------------------

  app.post(
    '/api/posts/:id/appeals',
    { schema: { params: IdParams, body: Type.Object({ reason: Text({ minLength: 2, maxLength: 500 }) }, closed), response: { 201: AppealSchema } } },
    async (request, reply) => appealPost(contextOf(request, reply), request.params.id, request.body),
  )

  app.post(
    '/api/appeals/:id/decision',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ decision: literals(['grant', 'deny'] as const), note: Text({ minLength: 2, maxLength: 500 }) }, closed),
        response: { 200: AppealSchema },
      },
    },
    async (request, reply) => decideAppeal(contextOf(request, reply), request.params.id, request.body),
  )

  // ---- mutes -----------------------------------------------------------------------------

  app.post(
    '/api/users/:id/mutes',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          { days: Type.Integer({ minimum: 1, maximum: MAX_MUTE_DAYS }), reason: Text({ minLength: 2, maxLength: 200 }), unitId: Type.Optional(Id) },
          closed,
        ),
        response: { 201: MuteSchema },
      },
    },
    async (request, reply) => muteUser(contextOf(request, reply), request.params.id, request.body),
  )

  app.delete('/api/mutes/:id', { schema: { params: IdParams, response: { 200: MuteSchema } } }, async (request, reply) =>
    unmuteUser(contextOf(request, reply), request.params.id),
  )

  // ---- the queue and the log (read only: there is no route to change the log) ---------------

  app.get('/api/moderation/queue', { schema: { querystring: UnitQuery, response: { 200: QueueSchema } } }, async (request, reply) =>
    moderationQueue(contextOf(request, reply), request.query.unitId),
  )

  app.get(
    '/api/moderation/log',
    {
      schema: {
        querystring: Type.Object({
          unitId: Type.Optional(Id),
          action: Type.Optional(Text({ maxLength: 50 })),
          actorId: Type.Optional(Id),
          targetType: Type.Optional(Text({ maxLength: 30 })),
          targetId: Type.Optional(Id),
          from: Type.Optional(Instant),
          to: Type.Optional(Instant),
          cursor: Type.Optional(Text({ maxLength: 100 })),
          limit: Type.Optional(PageLimit(200)),
        }),
        response: { 200: LogPageSchema },
      },
    },
    async (request, reply) => moderationLog(contextOf(request, reply), request.query),
  )

  // ---- settings (the auto-hide threshold of each 居民区) -----------------------------------

  app.get('/api/moderation/settings', { schema: { querystring: UnitQuery, response: { 200: SettingsListSchema } } }, async (request, reply) =>
    listSettings(contextOf(request, reply), request.query.unitId),
  )

  app.put(
    '/api/moderation/settings/:id',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ reportThreshold: Type.Integer({ minimum: MIN_REPORT_THRESHOLD, maximum: MAX_REPORT_THRESHOLD }) }, closed),
        response: { 200: SettingsSchema },
      },
    },
    async (request, reply) => updateSettings(contextOf(request, reply), request.params.id, request.body),
  )
}

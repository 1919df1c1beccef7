// The 社区提案 API: each route declares its request and response schemas and makes one call, a query
// (queries/) or a command (commands/). Rules live in rules.ts, who-may-what in policy.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { requireUser } from '../accounts'
import { checkContent } from '../content'
import { Id, IdParams, literals, Text } from '../core/schema'
import { enforceLimit } from '../core/rate-limit'
import { write } from '../core/write'
import { acceptReferral } from './commands/accept-referral'
import { answerReferral } from './commands/answer-referral'
import { castVote } from './commands/cast-vote'
import { commentOnProgress } from './commands/comment-on-progress'
import { cosignProposal } from './commands/cosign-proposal'
import { evaluateProposal } from './commands/evaluate-proposal'
import { followProposal } from './commands/follow-proposal'
import { postProgress } from './commands/post-progress'
import { proxyCosignProposal } from './commands/proxy-cosign-proposal'
import { proxySubmitProposal } from './commands/proxy-submit-proposal'
import { recordMeeting } from './commands/record-meeting'
import { refuseReferral } from './commands/refuse-referral'
import { removeProxyCosign } from './commands/remove-proxy-cosign'
import { reviewProposal } from './commands/review-proposal'
import { submitProposal } from './commands/submit-proposal'
import { transitionProposal } from './commands/transition-proposal'
import { uncosignProposal } from './commands/uncosign-proposal'
import { unfollowProposal } from './commands/unfollow-proposal'
import { updateSettings } from './commands/update-settings'
import type { CommandContext, ReadContext } from './context'
import { viewerOf } from './policy'
import type { ProposalPorts } from './ports'
import { proposalDetail } from './queries/detail'
import { proposalHome } from './queries/home'
import { proxyCosigns } from './queries/proxy-cosigns'
import { listForCaller } from './queries/list'
import { reviewQueue } from './queries/queue'
import { refereeInbox, streetOverdue } from './queries/referrals'
import { proposalSettings } from './queries/settings'
import { forgetSharedLists } from './shared-lists'
import { similarProposals } from './queries/similar'
import {
  AcceptReferralBody,
  AnswerReferralBody,
  CosignBody,
  CosignResultSchema,
  DetailSchema,
  EvaluationSchema,
  FollowResultSchema,
  HomeSchema,
  InboxQuery,
  InboxSchema,
  ListQueryString,
  MeetingBody,
  MeetingSchema,
  PageSchema,
  ProgressBody,
  ProgressCommentSchema,
  ProgressUpdateSchema,
  ProxyCosignParams,
  ProxyCosignsSchema,
  QueueSchema,
  RefuseReferralBody,
  RefuseResultSchema,
  SettingsBody,
  SettingsSchema,
  SimilarSchema,
  StreetOverdueSchema,
  StreetQuery,
  SubmitBody,
  TransitionBody,
  UnitQuery,
  VoteSchema,
} from './schemas'

export const proposalRoutes: FastifyPluginAsyncTypebox<ProposalPorts> = async (app, ports) => {
  /** Who asks, against the database, at the app's time (a 401 for a caller who is not signed in). */
  const reader = (request: FastifyRequest): ReadContext => ({
    db: app.db.kysely,
    now: app.clock(),
    viewer: viewerOf(requireUser(request).principal),
  })

  /** A command's context: its one write is this request's, answered with `status`. */
  const commander = (request: FastifyRequest, reply: FastifyReply, status = 200): CommandContext => {
    const { principal, me } = requireUser(request)
    const now = app.clock()
    return {
      db: app.db.kysely,
      now,
      viewer: viewerOf(principal),
      label: me.label,
      write: (work) =>
        write(
          request,
          reply,
          (trx, after) => {
            after(async (app) => forgetSharedLists(app.db.kysely))
            return work({ trx, after, now })
          },
          status,
        ),
      checkText: async (texts, scene) => (await checkContent(app, { texts, userId: principal.userId, scene })).verdict,
      limit: (name, who) => enforceLimit(request, name, who),
      ports,
    }
  }

  // Submit and read

  app.post('/api/proposals', { schema: { body: SubmitBody, response: { 201: DetailSchema } } }, (request, reply) => {
    const ctx = commander(request, reply, 201)
    const { onBehalfOf } = request.body
    return onBehalfOf ? proxySubmitProposal(ctx, { ...request.body, onBehalfOf }) : submitProposal(ctx, request.body)
  })

  app.get(
    '/api/proposals',
    {
      schema: {
        querystring: ListQueryString,
        response: { 200: PageSchema },
      },
    },
    (request) => listForCaller(reader(request), request.query),
  )

  app.get('/api/proposals/home', { schema: { response: { 200: HomeSchema } } }, (request) => proposalHome(reader(request)))

  app.get('/api/proposals/queue', { schema: { querystring: UnitQuery, response: { 200: QueueSchema } } }, (request) =>
    reviewQueue(reader(request), request.query.unitId),
  )

  app.get(
    '/api/proposals/similar',
    {
      schema: {
        querystring: Type.Object({ title: Text({ minLength: 2, maxLength: 40 }), unitId: Type.Optional(Id) }),
        response: { 200: SimilarSchema },
      },
    },
    (request) => similarProposals(reader(request), request.query),
  )

  // Settings per 居民区

  app.get('/api/proposals/settings', { schema: { querystring: UnitQuery, response: { 200: SettingsSchema } } }, (request) =>
    proposalSettings(reader(request), request.query.unitId),
  )

  app.put('/api/proposals/settings', { schema: { querystring: UnitQuery, body: SettingsBody, response: { 200: SettingsSchema } } }, (request, reply) =>
    updateSettings(commander(request, reply), request.query.unitId, request.body),
  )

  // One proposal

  app.get('/api/proposals/:id', { schema: { params: IdParams, response: { 200: DetailSchema } } }, (request) =>
    proposalDetail(reader(request), request.params.id),
  )

  app.post('/api/proposals/:id/cosign', { schema: { params: IdParams, body: CosignBody, response: { 200: CosignResultSchema } } }, (request, reply) => {
    const proxy = request.body?.onBehalfOf
    const ctx = commander(request, reply)
    return proxy ? proxyCosignProposal(ctx, request.params.id, proxy) : cosignProposal(ctx, request.params.id)
  })

  app.delete('/api/proposals/:id/cosign', { schema: { params: IdParams, response: { 200: CosignResultSchema } } }, (request, reply) =>
    uncosignProposal(commander(request, reply), request.params.id),
  )

  // 代录 co-signatures: the committee lists them and takes back one entered by mistake.

  app.get('/api/proposals/:id/proxy-cosigns', { schema: { params: IdParams, response: { 200: ProxyCosignsSchema } } }, (request) =>
    proxyCosigns(reader(request), request.params.id),
  )

  app.delete(
    '/api/proposals/:id/proxy-cosigns/:cosignId',
    { schema: { params: ProxyCosignParams, response: { 200: CosignResultSchema } } },
    (request, reply) => removeProxyCosign(commander(request, reply), request.params.id, request.params.cosignId),
  )

  app.post('/api/proposals/:id/transitions', { schema: { params: IdParams, body: TransitionBody, response: { 200: DetailSchema } } }, (request, reply) =>
    transitionProposal(commander(request, reply), request.params.id, request.body),
  )

  /** Content held by the check: the committee publishes it, or hides a proposal with a reason. */
  app.post(
    '/api/proposals/:id/review',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          { decision: literals(['publish', 'hide'] as const), reason: Type.Optional(Text({ minLength: 2, maxLength: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: DetailSchema },
      },
    },
    (request, reply) => reviewProposal(commander(request, reply), request.params.id, request.body),
  )

  // Deliberation: 三会 meetings; referral answers

  app.post('/api/proposals/:id/meetings', { schema: { params: IdParams, body: MeetingBody, response: { 201: MeetingSchema } } }, (request, reply) =>
    recordMeeting(commander(request, reply, 201), request.params.id, request.body),
  )

  /** The committee records the referee's answer on its behalf (the referee answers through /referral/answer). */
  app.post('/api/proposals/:id/referral', { schema: { params: IdParams, body: AnswerReferralBody, response: { 200: DetailSchema } } }, (request, reply) =>
    answerReferral(commander(request, reply), request.params.id, request.body, 'committee'),
  )

  // The referee's side of a referral (物业, 业委会, 街镇 departments): its inbox, accept, refuse, answer.

  app.get('/api/referrals', { schema: { querystring: InboxQuery, response: { 200: InboxSchema } } }, (request) =>
    refereeInbox(reader(request), request.query.status ?? 'open'),
  )

  app.post(
    '/api/proposals/:id/referral/accept',
    { schema: { params: IdParams, body: AcceptReferralBody, response: { 200: DetailSchema } } },
    (request, reply) => acceptReferral(commander(request, reply), request.params.id, request.body?.note),
  )

  /** Back to the committee's screening; the referee no longer reads it, so the answer is the new state only. */
  app.post(
    '/api/proposals/:id/referral/refuse',
    { schema: { params: IdParams, body: RefuseReferralBody, response: { 200: RefuseResultSchema } } },
    (request, reply) => refuseReferral(commander(request, reply), request.params.id, request.body.reason),
  )

  app.post(
    '/api/proposals/:id/referral/answer',
    { schema: { params: IdParams, body: AnswerReferralBody, response: { 200: DetailSchema } } },
    (request, reply) => answerReferral(commander(request, reply), request.params.id, request.body, 'referee'),
  )

  // The 街镇's view of what has stalled in its 居民区

  app.get('/api/street/overdue', { schema: { querystring: StreetQuery, response: { 200: StreetOverdueSchema } } }, (request) =>
    streetOverdue(reader(request), request.query.streetId),
  )

  // The household vote

  app.post(
    '/api/proposals/:id/vote',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ choice: literals(['for', 'against', 'abstain'] as const) }, { additionalProperties: false }),
        response: { 200: VoteSchema },
      },
    },
    (request, reply) => castVote(commander(request, reply), request.params.id, request.body.choice),
  )

  // Implementation: progress updates and residents' comments on them (过程监督)

  app.post('/api/proposals/:id/progress', { schema: { params: IdParams, body: ProgressBody, response: { 201: ProgressUpdateSchema } } }, (request, reply) =>
    postProgress(commander(request, reply, 201), request.params.id, request.body),
  )

  app.post(
    '/api/proposals/:id/progress/:progressId/comments',
    {
      schema: {
        params: Type.Object({ id: Id, progressId: Id }),
        body: Type.Object({ body: Text({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 201: ProgressCommentSchema },
      },
    },
    (request, reply) => commentOnProgress(commander(request, reply, 201), request.params.id, request.params.progressId, request.body.body),
  )

  // 成效评议

  app.post(
    '/api/proposals/:id/evaluations',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          { rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Text({ maxLength: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: EvaluationSchema },
      },
    },
    (request, reply) => evaluateProposal(commander(request, reply), request.params.id, request.body),
  )

  // Follow

  app.post('/api/proposals/:id/follow', { schema: { params: IdParams, response: { 200: FollowResultSchema } } }, (request, reply) =>
    followProposal(commander(request, reply), request.params.id),
  )

  app.delete('/api/proposals/:id/follow', { schema: { params: IdParams, response: { 200: FollowResultSchema } } }, (request, reply) =>
    unfollowProposal(commander(request, reply), request.params.id),
  )
}

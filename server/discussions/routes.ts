import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Id, IdParams, Instant, PageLimit, Text, literals } from '../core/schema'
import { changeTopicState } from './commands/change-topic-state'
import { createPost } from './commands/create-post'
import { deletePost } from './commands/delete-post'
import { editPost } from './commands/edit-post'
import { likePost, unlikePost } from './commands/like-post'
import { openTopicAsCommittee } from './commands/open-topic'
import { takeStance, withdrawStance } from './commands/take-stance'
import { contextOf } from './context'
import { listPosts, showThread } from './queries/posts'
import { countHiddenTopics } from './queries/hidden'
import { listTopics, showTopic } from './queries/topics'
import {
  Body,
  DeletedSchema,
  Flag,
  LikeSchema,
  Photos,
  PostPageSchema,
  PostSchema,
  PostThreadSchema,
  StanceSchema,
  TopicPageSchema,
  TopicSchema,
  TopicStateSchema,
} from './schemas'

const closed = { additionalProperties: false } as const

/** The 议事厅: topics, their posts and replies, stances and likes, and the committee's topic actions. */
export const discussionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ---- topics ------------------------------------------------------------------------------

  app.get(
    '/api/topics',
    {
      schema: {
        querystring: Type.Object({
          unitId: Type.Optional(Id),
          state: Type.Optional(TopicStateSchema),
          active: Type.Optional(Flag),
          mine: Type.Optional(Flag),
          cursor: Type.Optional(Text({ maxLength: 200 })),
          limit: Type.Optional(PageLimit(50)),
        }),
        response: { 200: TopicPageSchema },
      },
    },
    async (request, reply) => listTopics(contextOf(request, reply), request.query),
  )

  app.post(
    '/api/topics',
    {
      schema: {
        body: Type.Object(
          {
            unitId: Id,
            question: Text({ minLength: 4, maxLength: 100 }),
            background: Type.Optional(Text({ maxLength: 3000 })),
            closesAt: Type.Optional(Instant),
          },
          closed,
        ),
        response: { 201: TopicSchema },
      },
    },
    async (request, reply) => openTopicAsCommittee(contextOf(request, reply), request.body),
  )

  app.get(
    '/api/topics/hidden',
    {
      schema: {
        querystring: Type.Object({ neighbourhoodId: Type.Optional(Id) }),
        response: { 200: Type.Object({ open: Type.Integer() }) },
      },
    },
    async (request, reply) => countHiddenTopics(contextOf(request, reply), request.query.neighbourhoodId),
  )

  app.get('/api/topics/:id', { schema: { params: IdParams, response: { 200: TopicSchema } } }, async (request, reply) =>
    showTopic(contextOf(request, reply), request.params.id),
  )

  app.put(
    '/api/topics/:id/stance',
    { schema: { params: IdParams, body: Type.Object({ stance: StanceSchema }, closed), response: { 200: TopicSchema } } },
    async (request, reply) => takeStance(contextOf(request, reply), request.params.id, request.body.stance),
  )

  app.delete('/api/topics/:id/stance', { schema: { params: IdParams, response: { 200: TopicSchema } } }, async (request, reply) =>
    withdrawStance(contextOf(request, reply), request.params.id),
  )

  app.post(
    '/api/topics/:id/moderation',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          {
            action: literals(['lock', 'conclude', 'reopen', 'approve'] as const),
            summary: Type.Optional(Text({ maxLength: 5000 })),
            reason: Type.Optional(Text({ maxLength: 200 })),
          },
          closed,
        ),
        response: { 200: TopicSchema },
      },
    },
    async (request, reply) => changeTopicState(contextOf(request, reply), request.params.id, request.body),
  )

  // ---- posts -------------------------------------------------------------------------------

  app.get(
    '/api/topics/:id/posts',
    {
      schema: {
        params: IdParams,
        querystring: Type.Object({
          sort: Type.Optional(literals(['oldest', 'liked'] as const)),
          cursor: Type.Optional(Text({ maxLength: 300 })),
          limit: Type.Optional(PageLimit(50)),
        }),
        response: { 200: PostPageSchema },
      },
    },
    async (request, reply) => listPosts(contextOf(request, reply), request.params.id, request.query),
  )

  app.post(
    '/api/topics/:id/posts',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          { body: Body, parentId: Type.Optional(Id), stance: Type.Optional(StanceSchema), photos: Type.Optional(Photos), official: Type.Optional(Type.Boolean()) },
          closed,
        ),
        response: { 201: PostSchema },
      },
    },
    async (request, reply) => createPost(contextOf(request, reply), request.params.id, request.body),
  )

  app.get('/api/posts/:id', { schema: { params: IdParams, response: { 200: PostThreadSchema } } }, async (request, reply) =>
    showThread(contextOf(request, reply), request.params.id),
  )

  app.patch(
    '/api/posts/:id',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ body: Type.Optional(Body), photos: Type.Optional(Photos) }, { ...closed, minProperties: 1 }),
        response: { 200: PostSchema },
      },
    },
    async (request, reply) => editPost(contextOf(request, reply), request.params.id, request.body),
  )

  app.delete('/api/posts/:id', { schema: { params: IdParams, response: { 200: DeletedSchema } } }, async (request, reply) =>
    deletePost(contextOf(request, reply), request.params.id),
  )

  // ---- likes (赞同) -------------------------------------------------------------------------

  app.post('/api/posts/:id/like', { schema: { params: IdParams, response: { 200: LikeSchema } } }, async (request, reply) =>
    likePost(contextOf(request, reply), request.params.id),
  )

  app.delete('/api/posts/:id/like', { schema: { params: IdParams, response: { 200: LikeSchema } } }, async (request, reply) =>
    unlikePost(contextOf(request, reply), request.params.id),
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Id, IdParams, Text } from '../core/schema'
import type { FastifyRequest } from 'fastify'
import type { Post, PostPage, PostThread, Stance, Topic, TopicState } from '../../types'
import { can, isStaffFor, type Principal } from '../accounts/permissions'
import { privacyLabel, STAFF_LABEL } from '../accounts/privacy'
import { unitChain } from '../community/units'
import { checkContent } from '../content/check'
import { AppError, badInput, conflict, forbidden, notFound } from '../core/errors'
import { requireUser } from '../accounts/auth'
import type { Trx } from '../core/db'
import { write } from '../core/write'
import { moderationRoutes } from '../moderation/routes'
import { postForReader, topicForReader, viewerFor } from './access'
import { decodeCursor, decodeIdCursor, encodeIdCursor } from './cursor'
import {
  adjustCounts,
  getPost,
  listRootPosts,
  pinnedPosts,
  presentPosts,
  replyPreviews,
  setPostStatus,
  threadReplies,
  type PostRow,
} from './posts'
import {
  canEdit,
  MAX_BODY,
  MAX_PHOTOS,
  replyVisible,
  rootVisible,
  shanghaiTime,
  statusAfterEdit,
  topicReadOnlyReason,
  type PostViewer,
} from './rules'
import {
  activeMutes,
  chainOf,
  mutedMessage,
  openTopic,
  presentTopics,
  readableNeighbourhoods,
  topicQuery,
  unitAndBelow,
  type TopicRow,
} from './topics'

const StanceSchema = Type.Union([Type.Literal('support'), Type.Literal('oppose'), Type.Literal('neutral')])
const Flag = Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')])
const flag = (v: string | undefined) => v === '1' || v === 'true'
const Body = Text({ minLength: 1, maxLength: MAX_BODY })
// Photos are URLs or file ids from the upload service (not built yet): plain strings, at most 9.
const Photos = Type.Array(Type.String({ minLength: 1, maxLength: 500, pattern: '^[^\\s\\u0000-\\u001F\\u007F]+$' }), { maxItems: MAX_PHOTOS })

export const discussionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db.kysely

  async function presentTopic(q: typeof db, id: number, p: Principal): Promise<Topic> {
    const row = await topicQuery(q).where('t.id', '=', id).executeTakeFirstOrThrow()
    return (await presentTopics(q, [row], p, app.clock()))[0]
  }

  async function presentOne(q: typeof db, id: number, v: PostViewer): Promise<Post> {
    const row = (await getPost(q, id))!
    return (await presentPosts(q, [row], v, app.clock())).get(id)!
  }

  /** Refuses writes to a topic that is locked, concluded, past its date or pending (409). */
  function assertWritable(t: { state: TopicState; pending: number; closes_at: string | null }, now: Date) {
    const reason = topicReadOnlyReason(t, now)
    if (reason) throw conflict('topic_read_only', reason)
  }

  async function assertNotMuted(p: Principal, t: TopicRow, now: Date) {
    if (isStaffFor(p, chainOf(t))) return
    const mute = (await activeMutes(db, p.userId, now)).get(t.neighbourhood_id)
    if (mute) throw new AppError(403, 'muted', mutedMessage(mute), undefined, { endsAt: mute.endsAt })
  }

  /** 10 posts per 10 minutes per resident (config `limits.post`), with the time they may post again. */
  async function enforcePostLimit(userId: number, now: Date) {
    const limit = app.config.limits.post
    const count = await app.counters.hit(`post:u${userId}`, limit.windowMs, now.getTime())
    if (count > limit.max) {
      const again = new Date((Math.floor(now.getTime() / limit.windowMs) + 1) * limit.windowMs).toISOString()
      throw new AppError(
        429,
        'rate_limited',
        `发言太频繁了：每 ${Math.round(limit.windowMs / 60_000)} 分钟最多发 ${limit.max} 条，请在 ${shanghaiTime(again)} 之后再发`,
        undefined,
        { retryAt: again },
      )
    }
  }

  async function authorLabel(p: Principal, staff: boolean): Promise<string> {
    if (staff || !p.residence) return STAFF_LABEL
    const b = await db.selectFrom('units').select('name').where('id', '=', p.residence.buildingId).executeTakeFirst()
    return privacyLabel({ buildingName: b?.name ?? null, isStaff: false })
  }

  async function setStance(trx: Trx, topicId: number, userId: number, stance: Stance, now: Date) {
    await trx
      .insertInto('topic_stances')
      .values({ topic_id: topicId, user_id: userId, stance, updated_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['topic_id', 'user_id']).doUpdateSet({ stance, updated_at: now.toISOString() }))
      .execute()
    await joinTopic(trx, topicId, userId, now)
  }

  async function joinTopic(trx: Trx, topicId: number, userId: number, now: Date) {
    await trx
      .insertInto('topic_participants')
      .values({ topic_id: topicId, user_id: userId, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['topic_id', 'user_id']).doNothing())
      .execute()
  }

  // ---- topics ------------------------------------------------------------------------------

  app.get(
    '/api/topics',
    {
      schema: {
        querystring: Type.Object({
          unitId: Type.Optional(Id),
          state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('locked'), Type.Literal('concluded')])),
          active: Type.Optional(Flag),
          mine: Type.Optional(Flag),
          cursor: Type.Optional(Text({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        }),
      },
    },
    async (request) => {
      const { principal } = requireUser(request)
      const q = request.query
      const now = app.clock()
      const limit = q.limit ?? 20
      const { staff, resident } = await readableNeighbourhoods(db, principal)
      if (staff.length === 0 && resident.length === 0) return { items: [], nextCursor: null }
      let query = topicQuery(db).where((eb) =>
        eb.or([
          ...(staff.length ? [eb('t.neighbourhood_id', 'in', staff)] : []),
          ...(resident.length ? [eb.and([eb('t.neighbourhood_id', 'in', resident), eb('t.pending', '=', 0)])] : []),
        ]),
      )
      if (q.unitId !== undefined) {
        const chain = await unitChain(db, q.unitId)
        if (!chain) throw badInput('unitId', '没有这个单元')
        if (!can(principal, 'topics.read', chain)) throw forbidden('只能查看本居民区的议题')
        query = query.where('t.unit_id', 'in', await unitAndBelow(db, q.unitId))
      }
      if (flag(q.mine)) {
        // The caller's own units: where they live (楼组, 小区, 居民区) and where they serve.
        const home = principal.residence ? principal.residence.chain.slice(0, -1) : []
        query = query.where((eb) =>
          eb.or([...(home.length ? [eb('t.unit_id', 'in', home)] : []), ...(staff.length ? [eb('t.neighbourhood_id', 'in', staff)] : []), eb.lit(false)]),
        )
      }
      if (q.state) query = query.where('t.state', '=', q.state)
      if (flag(q.active)) {
        query = query
          .where('t.state', '=', 'open')
          .where('t.pending', '=', 0)
          .where((eb) => eb.or([eb('t.closes_at', 'is', null), eb('t.closes_at', '>', now.toISOString())]))
      }
      if (q.cursor) query = query.where('t.id', '<', decodeIdCursor(q.cursor))
      const rows = await query.orderBy('t.id', 'desc').limit(limit + 1).execute()
      const page = rows.slice(0, limit)
      return {
        items: await presentTopics(db, page, principal, now),
        nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null,
      }
    },
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
            closesAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { principal } = requireUser(request)
      const b = request.body
      const chain = await unitChain(db, b.unitId)
      if (!chain) throw badInput('unitId', '没有这个单元')
      if (!can(principal, 'topics.open', chain)) throw forbidden('只有本居民区的居委会可以发起议题')
      const now = app.clock()
      let closesAt: string | null = null
      if (b.closesAt !== undefined) {
        const t = Date.parse(b.closesAt)
        if (Number.isNaN(t) || t <= now.getTime()) throw badInput('closesAt', '截止时间需要晚于现在')
        closesAt = new Date(t).toISOString()
      }
      if (b.question.trim().length < 4) throw badInput('question', '议题至少需要 4 个字')
      const check = await checkContent(app, { texts: [b.question, b.background ?? ''], userId: principal.userId, scene: 3 })
      return write(
        request,
        reply,
        async (trx) => {
          const { id } = await openTopic(trx, {
            unitId: b.unitId,
            question: b.question,
            background: b.background ?? '',
            closesAt,
            openedBy: principal.userId,
            pending: check.verdict === 'review',
            now,
          })
          return presentTopic(trx, id, principal)
        },
        201,
      )
    },
  )

  app.get('/api/topics/:id', { schema: { params: IdParams } }, async (request) => {
    const { principal, topic } = await topicForReader(request, request.params.id)
    return (await presentTopics(db, [topic], principal, app.clock()))[0]
  })

  app.put(
    '/api/topics/:id/stance',
    { schema: { params: IdParams, body: Type.Object({ stance: StanceSchema }, { additionalProperties: false }) } },
    async (request, reply) => {
      const { principal, topic } = await topicForReader(request, request.params.id)
      const chain = chainOf(topic)
      if (isStaffFor(principal, chain)) throw forbidden('居委会成员不参与表态')
      if (!can(principal, 'posts.create', chain)) throw forbidden(`本议题仅限${topic.unit_name}的认证居民表态`)
      const now = app.clock()
      assertWritable(topic, now)
      return write(request, reply, async (trx) => {
        await setStance(trx, topic.id, principal.userId, request.body.stance, now)
        return presentTopic(trx, topic.id, principal)
      })
    },
  )

  app.delete('/api/topics/:id/stance', { schema: { params: IdParams } }, async (request, reply) => {
    const { principal, topic } = await topicForReader(request, request.params.id)
    if (!can(principal, 'posts.create', chainOf(topic)) || isStaffFor(principal, chainOf(topic))) throw forbidden('您没有在这个议题表态')
    assertWritable(topic, app.clock())
    return write(request, reply, async (trx) => {
      await trx.deleteFrom('topic_stances').where('topic_id', '=', topic.id).where('user_id', '=', principal.userId).execute()
      return presentTopic(trx, topic.id, principal)
    })
  })

  // ---- posts -------------------------------------------------------------------------------

  app.get(
    '/api/topics/:id/posts',
    {
      schema: {
        params: IdParams,
        querystring: Type.Object({
          sort: Type.Optional(Type.Union([Type.Literal('oldest'), Type.Literal('liked')])),
          cursor: Type.Optional(Text({ maxLength: 300 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        }),
      },
    },
    async (request): Promise<PostPage> => {
      const { principal, topic } = await topicForReader(request, request.params.id)
      const viewer = viewerFor(principal, topic)
      const sort = request.query.sort ?? 'oldest'
      const cursor = request.query.cursor ? decodeCursor(request.query.cursor, sort) : null
      const now = app.clock()
      const [{ rows, nextCursor }, pinned] = await Promise.all([
        listRootPosts(db, topic.id, viewer, { sort, cursor, limit: request.query.limit ?? 20 }),
        cursor ? Promise.resolve([]) : pinnedPosts(db, topic.id, viewer),
      ])
      const roots = [...pinned, ...rows]
      const replies = await replyPreviews(db, roots.map((r) => r.id), viewer)
      const views = await presentPosts(db, [...roots, ...replies], viewer, now)
      const withReplies = (r: PostRow): Post => ({
        ...views.get(r.id)!,
        replies: replies.filter((x) => x.parent_id === r.id).map((x) => views.get(x.id)!),
      })
      return { items: rows.map(withReplies), pinned: pinned.map(withReplies), nextCursor }
    },
  )

  app.post(
    '/api/topics/:id/posts',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          { body: Body, parentId: Type.Optional(Id), stance: Type.Optional(StanceSchema), photos: Type.Optional(Photos), official: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { principal, topic } = await topicForReader(request, request.params.id)
      const b = request.body
      const chain = chainOf(topic)
      if (!can(principal, 'posts.create', chain)) {
        throw forbidden(principal.residence ? `本议题仅限${topic.unit_name}的认证居民发言` : '完成居民认证后才能发言')
      }
      const staff = isStaffFor(principal, chain)
      const now = app.clock()
      assertWritable(topic, now)
      await assertNotMuted(principal, topic, now)
      if (b.official && !staff) throw forbidden('只有居委会可以发布官方回复')
      if (b.stance && staff) throw forbidden('居委会成员不参与表态')
      if (!b.body.trim()) throw badInput('body', '请填写内容')
      let parent: PostRow | undefined
      if (b.parentId !== undefined) {
        parent = await getPost(db, b.parentId)
        if (!parent || parent.topic_id !== topic.id) throw badInput('parentId', '要回复的发言不在这个议题中')
        if (parent.status !== 'published') throw conflict('parent_unavailable', '这条发言已被隐藏、删除或仍在审核中，不能回复')
      }
      if (!staff) await enforcePostLimit(principal.userId, now)
      const check = await checkContent(app, { texts: [b.body], userId: principal.userId, scene: parent ? 2 : 3 })
      const label = await authorLabel(principal, staff)
      const viewer: PostViewer = { userId: principal.userId, isStaff: staff }
      return write(
        request,
        reply,
        async (trx) => {
          // The topic may have been locked while the text was being checked.
          const current = await trx.selectFrom('topics').select(['state', 'pending', 'closes_at']).where('id', '=', topic.id).executeTakeFirstOrThrow()
          assertWritable(current, now)
          const status = check.verdict === 'review' ? 'pending' : 'published'
          const at = now.toISOString()
          const rootId = parent ? (parent.parent_id ?? parent.id) : null
          const answers = parent && parent.parent_id !== null ? parent : null
          const row = await trx
            .insertInto('posts')
            .values({
              topic_id: topic.id,
              parent_id: rootId,
              reply_to_id: answers?.id ?? null,
              reply_to_label: answers?.author_label ?? null,
              author_id: principal.userId,
              author_label: label,
              author_is_staff: staff ? 1 : 0,
              official: b.official ? 1 : 0,
              body: b.body.trim(),
              photos: JSON.stringify(b.photos ?? []),
              status,
              flagged_at: status === 'pending' ? at : null,
              open_reports: 0,
              like_count: 0,
              reply_count: 0,
              created_at: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          if (status === 'published') {
            await adjustCounts(trx, { topic_id: topic.id, parent_id: rootId }, 1)
            await trx.updateTable('topics').set({ last_post_at: at }).where('id', '=', topic.id).execute()
          }
          if (!staff) await joinTopic(trx, topic.id, principal.userId, now)
          if (b.stance) await setStance(trx, topic.id, principal.userId, b.stance, now)
          return presentOne(trx, row.id, viewer)
        },
        201,
      )
    },
  )

  app.get('/api/posts/:id', { schema: { params: IdParams } }, async (request): Promise<PostThread> => {
    const { principal } = requireUser(request)
    const target = await getPost(db, request.params.id)
    if (!target) throw notFound('发言')
    const { topic } = await topicForReader(request, target.topic_id)
    const viewer = viewerFor(principal, topic)
    const root = target.parent_id === null ? target : (await getPost(db, target.parent_id))!
    // A link to a reply deleted since still opens its thread, without a focus.
    const targetGone = target.parent_id !== null && target.status === 'deleted'
    if (!rootVisible(root, viewer) && !(root.status === 'deleted' && target !== root)) throw notFound('发言')
    if (!targetGone && target !== root && !replyVisible(target, viewer)) throw notFound('发言')
    const replies = await threadReplies(db, root.id, viewer)
    const views = await presentPosts(db, [root, ...replies], viewer, app.clock())
    const index = replies.findIndex((r) => r.id === target.id)
    return {
      topic: { id: topic.id, question: topic.question, state: topic.state as TopicState },
      root: views.get(root.id)!,
      replies: replies.map((r) => views.get(r.id)!),
      focusId: targetGone ? null : target.id,
      focusIndex: target === root || targetGone ? null : index >= 0 ? index : null,
    }
  })

  app.patch(
    '/api/posts/:id',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ body: Type.Optional(Body), photos: Type.Optional(Photos) }, { additionalProperties: false, minProperties: 1 }),
      },
    },
    async (request, reply) => {
      const { principal, topic, post, viewer } = await postForReader(request, request.params.id)
      const now = app.clock()
      const allowed = canEdit({ author_id: post.author_id, status: post.status, created_at: post.created_at }, principal.userId, now)
      if (!allowed.ok) throw new AppError(allowed.status, allowed.code, allowed.message)
      assertWritable(topic, now)
      await assertNotMuted(principal, topic, now)
      const body = request.body.body?.trim() ?? post.body
      if (!body) throw badInput('body', '请填写内容')
      const check = await checkContent(app, { texts: [body], userId: principal.userId, scene: post.parent_id ? 2 : 3 })
      const to = statusAfterEdit(check.verdict)
      return write(request, reply, async (trx) => {
        const at = now.toISOString()
        const ok = await setPostStatus(trx, post, to, {
          body,
          photos: request.body.photos ? JSON.stringify(request.body.photos) : post.photos,
          edited_at: at,
          flagged_at: to === 'pending' ? (post.flagged_at ?? at) : post.open_reports > 0 ? post.flagged_at : null,
        })
        if (!ok) throw conflict('state_changed', '这条发言的状态刚刚变化了，请刷新后再试')
        return presentOne(trx, post.id, viewer)
      })
    },
  )

  app.delete('/api/posts/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const { principal, post } = await postForReader(request, request.params.id)
    if (post.author_id !== principal.userId) throw forbidden('只能删除自己的发言')
    if (post.status === 'deleted') throw notFound('发言')
    const now = app.clock()
    return write(request, reply, async (trx) => {
      const ok = await setPostStatus(trx, post, 'deleted', { deleted_at: now.toISOString(), pinned_at: null, flagged_at: null })
      if (!ok) throw conflict('state_changed', '这条发言的状态刚刚变化了，请刷新后再试')
      const fresh = (await getPost(trx, post.id))!
      // A root with replies stays as a placeholder so the thread still reads.
      return { ok: true, placeholder: post.parent_id === null && fresh.reply_count > 0 }
    })
  })

  // ---- likes (赞同) -------------------------------------------------------------------------

  async function likeTarget(request: FastifyRequest, id: number) {
    const found = await postForReader(request, id)
    const { principal, topic, post } = found
    const chain = chainOf(topic)
    if (isStaffFor(principal, chain)) throw forbidden('居委会成员不参与赞同')
    if (!can(principal, 'posts.create', chain)) throw forbidden(`本议题仅限${topic.unit_name}的认证居民赞同`)
    if (post.status !== 'published') throw conflict('post_unavailable', '这条发言已被隐藏、删除或仍在审核中')
    if (post.author_id === principal.userId) throw conflict('own_post', '不能赞同自己的发言')
    assertWritable(topic, app.clock())
    return found
  }

  app.post('/api/posts/:id/like', { schema: { params: IdParams } }, async (request, reply) => {
    const { principal, post } = await likeTarget(request, request.params.id)
    return write(request, reply, async (trx) => {
      const res = await trx
        .insertInto('post_likes')
        .values({ post_id: post.id, user_id: principal.userId, created_at: app.clock().toISOString() })
        .onConflict((oc) => oc.columns(['post_id', 'user_id']).doNothing())
        .executeTakeFirst()
      if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) {
        await trx.updateTable('posts').set((eb) => ({ like_count: eb('like_count', '+', 1) })).where('id', '=', post.id).execute()
      }
      const { like_count } = await trx.selectFrom('posts').select('like_count').where('id', '=', post.id).executeTakeFirstOrThrow()
      return { liked: true, likeCount: like_count }
    })
  })

  app.delete('/api/posts/:id/like', { schema: { params: IdParams } }, async (request, reply) => {
    const { principal, post } = await likeTarget(request, request.params.id)
    return write(request, reply, async (trx) => {
      const res = await trx.deleteFrom('post_likes').where('post_id', '=', post.id).where('user_id', '=', principal.userId).executeTakeFirst()
      if (Number(res.numDeletedRows) > 0) {
        await trx.updateTable('posts').set((eb) => ({ like_count: eb('like_count', '-', 1) })).where('id', '=', post.id).execute()
      }
      const { like_count } = await trx.selectFrom('posts').select('like_count').where('id', '=', post.id).executeTakeFirstOrThrow()
      return { liked: false, likeCount: like_count }
    })
  })

  await app.register(moderationRoutes)
}

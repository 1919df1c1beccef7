import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Id, IdParams, Text } from '../core/schema'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type {
  Appeal,
  DiscussionSettings,
  ModerationLogEntry,
  ModerationQueue,
  Mute,
  PostModerationAction,
  QueueItem,
  ReportReason,
  TopicModerationAction,
  TopicState,
} from '../../types'
import { MODERATION_ACTION_NAMES, REPORT_REASON_NAMES } from '../../types'
import { can, isStaff, isStaffFor, type Principal } from '../accounts/permissions'
import { loadAccount } from '../accounts/principal'
import { unitChain } from '../community/units'
import { checkContent } from '../content/check'
import { getPost, presentPosts, setPostStatus, toAppeal, type PostRow } from '../discussions/posts'
import { AUTO_HIDE_REASON, shanghaiTime, topicTransition } from '../discussions/rules'
import { chainOf, loadTopic, presentTopics, readableNeighbourhoods, topicQuery } from '../discussions/topics'
import { postForReader, topicForReader } from '../discussions/access'
import { AppError, badInput, conflict, forbidden, notFound } from '../core/errors'
import { requireUser } from '../accounts/auth'
import { isUniqueViolation } from '../core/db'
import type { Trx } from '../core/db'
import { inBackground, write } from '../core/write'
import { maskPersonalInfo } from '../content/masking'
import { notify, type Push } from '../notifications/notify'
import { deliverPushes } from '../notifications/push'
import { decodeIdCursor, encodeIdCursor } from '../discussions/cursor'
import { logModeration } from '../core/audit'
import {
  canAppeal,
  canDecideAppeal,
  compareQueue,
  decidePostAction,
  DEFAULT_REPORT_THRESHOLD,
  hideReasonText,
  MAX_MUTE_DAYS,
  MAX_REPORT_THRESHOLD,
  MIN_REPORT_THRESHOLD,
  muteEndsAt,
  queueKind,
  REPORT_REASONS,
  shouldAutoHide,
} from './rules'

const ReasonSchema = Type.Union(REPORT_REASONS.map((r) => Type.Literal(r)))
const QUEUE_FLAGGED_LIMIT = 200
const QUEUE_RECENT_LIMIT = 30

/** What the author hears of each moderator action on their post (pins and unpins go unannounced). */
type Notice = { kind: string; body: string; status: string }
const AUTHOR_NOTICES: Partial<Record<PostModerationAction, (reason: string | null, before: string) => Notice | undefined>> = {
  hide: (reason) => ({ kind: 'post.hidden', status: '已隐藏', body: `您的发言已被居委会隐藏，原因：${reason}。如有异议，可以申诉一次。` }),
  restore: () => ({ kind: 'post.restored', status: '已恢复', body: '您的发言经居委会审核，已恢复显示。' }),
  approve: (_reason, before) => (before === 'pending' ? { kind: 'post.approved', status: '已通过', body: '您的发言已通过审核，其他居民现在可以看到了。' } : undefined),
}


export async function reportThreshold(q: Trx, neighbourhoodId: number): Promise<number> {
  const row = await q.selectFrom('discussion_settings').select('report_threshold').where('neighbourhood_id', '=', neighbourhoodId).executeTakeFirst()
  return row?.report_threshold ?? DEFAULT_REPORT_THRESHOLD
}

/** What the author of a post is told (in-app, mirrored as a subscribe message) when moderation touches it. */
async function tellAuthor(
  trx: Trx,
  post: { id: number; author_id: number },
  topicQuestion: string,
  n: { kind: string; body: string; status: string },
  now: Date,
): Promise<Push[]> {
  return notify(trx, [post.author_id], { ...n, title: maskPersonalInfo(topicQuestion), targetType: 'post', targetId: post.id }, now)
}

export const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db.kysely

  /** Runs a write, then sends the subscribe messages of the notifications it committed. */
  async function writeAndTell<T>(
    request: Parameters<typeof write>[0],
    reply: Parameters<typeof write>[1],
    work: (trx: Trx, pushes: Push[]) => Promise<T>,
    status?: number,
  ): Promise<T> {
    const pushes: Push[] = []
    const result = await write(request, reply, (trx) => work(trx, pushes), status)
    inBackground(app as unknown as FastifyInstance, (a) => deliverPushes(a, pushes))
    return result
  }

  /** The 居民区 a staff member serves, optionally narrowed to one (403 if it is not theirs). */
  async function staffNeighbourhoods(p: Principal, unitId: number | undefined): Promise<number[]> {
    if (!isStaff(p)) throw forbidden('只有居委会或街镇工作人员可以查看')
    const { staff } = await readableNeighbourhoods(db, p)
    if (unitId === undefined) return staff
    if (!staff.includes(unitId)) throw forbidden('只能查看您负责的居民区')
    return [unitId]
  }

  // ---- reports (举报) ------------------------------------------------------------------------

  app.post(
    '/api/posts/:id/reports',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ reason: ReasonSchema, note: Type.Optional(Text({ maxLength: 200 })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { principal, topic, post, viewer } = await postForReader(request, request.params.id)
      if (viewer.isStaff) throw forbidden('居委会成员可以直接处理这条发言，无需举报')
      if (post.status === 'deleted') throw notFound('发言')
      if (post.author_id === principal.userId) throw conflict('own_post', '不能举报自己的发言')
      const clockNow = app.clock()
      const now = clockNow.toISOString()
      const reason = request.body.reason as ReportReason
      return writeAndTell(
        request,
        reply,
        async (trx, pushes) => {
          const res = await trx
            .insertInto('post_reports')
            .values({ post_id: post.id, reporter_id: principal.userId, reason, note: request.body.note?.trim() || null, created_at: now })
            .onConflict((oc) => oc.columns(['post_id', 'reporter_id']).doNothing())
            .executeTakeFirst()
          if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict('already_reported', '您已经举报过这条发言了，居委会会尽快处理')
          const counted = await trx
            .updateTable('posts')
            .set((eb) => ({ open_reports: eb('open_reports', '+', 1), flagged_at: eb.fn.coalesce('flagged_at', eb.val(now)) }))
            .where('id', '=', post.id)
            .returning(['open_reports', 'status', 'topic_id', 'parent_id'])
            .executeTakeFirstOrThrow()
          const threshold = await reportThreshold(trx, topic.neighbourhood_id)
          let autoHidden = false
          if (shouldAutoHide(counted.status, counted.open_reports, threshold)) {
            autoHidden = await setPostStatus(trx, { id: post.id, topic_id: counted.topic_id, parent_id: counted.parent_id, status: 'published' }, 'hidden', {
              hidden_reason: AUTO_HIDE_REASON,
              hidden_by: null,
              hidden_at: now,
              pinned_at: null,
            })
            if (autoHidden) {
              const reasons = await trx
                .selectFrom('post_reports')
                .select(['reason', sql<number>`count(*)`.as('n')])
                .where('post_id', '=', post.id)
                .where('resolved_at', 'is', null)
                .groupBy('reason')
                .execute()
              const summary = reasons.map((r) => `${REPORT_REASON_NAMES[r.reason as ReportReason]} ${Number(r.n)}`).join('、')
              // The report that crossed the threshold is the act; the log names its reporter (staff only read it).
              await logModeration(trx, {
                actorId: principal.userId,
                action: 'post.auto_hide',
                targetType: 'post',
                targetId: post.id,
                unitId: topic.neighbourhood_id,
                reason: `${counted.open_reports} 位居民举报（${summary}），已自动隐藏等待审核`,
              })
              pushes.push(
                ...(await tellAuthor(trx, post, topic.question, { kind: 'post.hidden', status: '待审核', body: `您的发言被多位居民举报，已暂时隐藏，等待居委会审核。` }, clockNow)),
              )
            }
          }
          return { ok: true, autoHidden }
        },
        201,
      )
    },
  )

  // ---- moderator actions on posts --------------------------------------------------------

  app.post(
    '/api/posts/:id/moderation',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          {
            action: Type.Union([Type.Literal('hide'), Type.Literal('restore'), Type.Literal('approve'), Type.Literal('pin'), Type.Literal('unpin')]),
            reason: Type.Optional(Text({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { principal, topic, post, viewer } = await postForReader(request, request.params.id)
      if (!can(principal, 'discussions.moderate', chainOf(topic))) throw forbidden('只有本居民区的居委会可以处理发言')
      const action = request.body.action as PostModerationAction
      const reason = request.body.reason?.trim() ? hideReasonText(request.body.reason) : null
      if (action === 'hide' && (!reason || reason.length < 2)) throw badInput('reason', '请选择或填写隐藏的原因')
      const clockNow = app.clock()
      const now = clockNow.toISOString()
      return writeAndTell(request, reply, async (trx, pushes) => {
        const current = (await getPost(trx, post.id))!
        const pinned = await trx
          .selectFrom('posts')
          .select(sql<number>`count(*)`.as('n'))
          .where('topic_id', '=', topic.id)
          .where('parent_id', 'is', null)
          .where('pinned_at', 'is not', null)
          .executeTakeFirstOrThrow()
        const decision = decidePostAction(current, action, Number(pinned.n))
        if (!decision.ok) throw conflict(decision.code, decision.message)
        const patch: Partial<PostRow> = {}
        if (action === 'hide') Object.assign(patch, { hidden_reason: reason, hidden_by: principal.userId, hidden_at: now })
        if (action === 'restore') Object.assign(patch, { hidden_reason: null, hidden_by: null, hidden_at: null })
        if (decision.pinned !== undefined) patch.pinned_at = decision.pinned ? (current.pinned_at ?? now) : null
        if (decision.resolvesReports) Object.assign(patch, { flagged_at: null, open_reports: 0 })
        const ok = await setPostStatus(trx, current, decision.status, patch)
        if (!ok) throw conflict('state_changed', '这条发言的状态刚刚变化了，请刷新后再试')
        if (decision.resolvesReports) {
          await trx.updateTable('post_reports').set({ resolved_at: now }).where('post_id', '=', post.id).where('resolved_at', 'is', null).execute()
        }
        await logModeration(trx, {
          actorId: principal.userId,
          action: `post.${action}`,
          targetType: 'post',
          targetId: post.id,
          unitId: topic.neighbourhood_id,
          reason,
        })
        const told = AUTHOR_NOTICES[action]?.(reason, current.status)
        if (told) pushes.push(...(await tellAuthor(trx, current, topic.question, told, clockNow)))
        const row = (await getPost(trx, post.id))!
        return (await presentPosts(trx, [row], viewer, app.clock())).get(post.id)!
      })
    },
  )

  // ---- moderator actions on topics -------------------------------------------------------

  app.post(
    '/api/topics/:id/moderation',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          {
            action: Type.Union([Type.Literal('lock'), Type.Literal('conclude'), Type.Literal('reopen'), Type.Literal('approve')]),
            summary: Type.Optional(Text({ maxLength: 5000 })),
            reason: Type.Optional(Text({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { principal, topic } = await topicForReader(request, request.params.id)
      if (!can(principal, 'discussions.moderate', chainOf(topic))) throw forbidden('只有本居民区的居委会可以管理议题')
      const action = request.body.action as TopicModerationAction
      const state = topic.state as TopicState
      const move = topicTransition(state, topic.pending === 1, action)
      if (!move.ok) throw conflict('invalid_transition', move.message, { allowed: move.allowed })
      const summary = request.body.summary?.trim() ?? ''
      if (action === 'conclude') {
        if (summary.length < 10) throw badInput('summary', '请填写议事纪要（至少 10 个字）：各方意见和结论')
        // A risky word refuses the 纪要 (422); moderators are the reviewers, so "review" does not hold it back.
        await checkContent(app, { texts: [summary], userId: principal.userId, scene: 3 })
      } else if (summary) {
        throw badInput('summary', '只有形成纪要时才填写议事纪要')
      }
      const now = app.clock().toISOString()
      return write(request, reply, async (trx) => {
        const set =
          action === 'approve'
            ? { pending: 0, updated_at: now }
            : action === 'conclude'
              ? { state: move.state, summary, concluded_at: now, concluded_by: principal.userId, updated_at: now }
              : action === 'reopen'
                ? { state: move.state, concluded_at: null, updated_at: now }
                : { state: move.state, updated_at: now }
        const res = await trx
          .updateTable('topics')
          .set(set)
          .where('id', '=', topic.id)
          .where('state', '=', state)
          .where('pending', '=', topic.pending)
          .executeTakeFirst()
        if (Number(res.numUpdatedRows) === 0) throw conflict('state_changed', '议题的状态刚刚变化了，请刷新后再试')
        await logModeration(trx, {
          actorId: principal.userId,
          action: `topic.${action}`,
          targetType: 'topic',
          targetId: topic.id,
          unitId: topic.neighbourhood_id,
          reason: request.body.reason?.trim() || (action === 'conclude' ? summary.slice(0, 200) : null),
        })
        const row = await topicQuery(trx).where('t.id', '=', topic.id).executeTakeFirstOrThrow()
        return (await presentTopics(trx, [row], principal, app.clock()))[0]
      })
    },
  )

  // ---- appeals ---------------------------------------------------------------------------

  app.post(
    '/api/posts/:id/appeals',
    { schema: { params: IdParams, body: Type.Object({ reason: Text({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false }) } },
    async (request, reply): Promise<Appeal> => {
      const { principal, post } = await postForReader(request, request.params.id)
      const prior = await db.selectFrom('post_appeals').select('id').where('post_id', '=', post.id).executeTakeFirst()
      const allowed = canAppeal(post, principal.userId, prior !== undefined)
      if (!allowed.ok) throw new AppError(allowed.status, allowed.code, allowed.message)
      const now = app.clock().toISOString()
      try {
        return await write(
          request,
          reply,
          async (trx) => {
            const row = await trx
              .insertInto('post_appeals')
              .values({ post_id: post.id, author_id: principal.userId, reason: request.body.reason.trim(), status: 'pending', created_at: now })
              .returningAll()
              .executeTakeFirstOrThrow()
            return toAppeal(row)
          },
          201,
        )
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict('already_appealed', '每条发言只能申诉一次，您已经申诉过了')
        throw err
      }
    },
  )

  app.post(
    '/api/appeals/:id/decision',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          { decision: Type.Union([Type.Literal('grant'), Type.Literal('deny')]), note: Text({ minLength: 2, maxLength: 500 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { principal } = requireUser(request)
      const appeal = await db.selectFrom('post_appeals').selectAll().where('id', '=', request.params.id).executeTakeFirst()
      if (!appeal) throw notFound('申诉')
      const post = (await getPost(db, appeal.post_id))!
      const topic = (await loadTopic(db, post.topic_id))!
      const chain = chainOf(topic)
      if (!can(principal, 'appeals.decide', chain)) throw forbidden('申诉由街镇管理员复核')
      if (!canDecideAppeal(principal, chain, post.hidden_by)) throw forbidden('隐藏这条发言的人不能复核它的申诉，请由另一位管理员处理')
      if (appeal.status !== 'pending') throw conflict('already_decided', '这条申诉已经处理过了')
      const grant = request.body.decision === 'grant'
      const clockNow = app.clock()
      const now = clockNow.toISOString()
      return writeAndTell(request, reply, async (trx, pushes) => {
        const res = await trx
          .updateTable('post_appeals')
          .set({ status: grant ? 'granted' : 'denied', note: request.body.note.trim(), decided_by: principal.userId, decided_at: now })
          .where('id', '=', appeal.id)
          .where('status', '=', 'pending')
          .executeTakeFirst()
        if (Number(res.numUpdatedRows) === 0) throw conflict('already_decided', '这条申诉已经处理过了')
        const current = (await getPost(trx, post.id))!
        if (grant && current.status === 'hidden') {
          await setPostStatus(trx, current, 'published', { hidden_reason: null, hidden_by: null, hidden_at: null, flagged_at: null, open_reports: 0 })
          await trx.updateTable('post_reports').set({ resolved_at: now }).where('post_id', '=', post.id).where('resolved_at', 'is', null).execute()
        }
        await logModeration(trx, {
          actorId: principal.userId,
          action: grant ? 'appeal.grant' : 'appeal.deny',
          targetType: 'post',
          targetId: post.id,
          unitId: topic.neighbourhood_id,
          reason: request.body.note.trim(),
        })
        pushes.push(
          ...(await tellAuthor(
            trx,
            post,
            topic.question,
            grant
              ? { kind: 'appeal.decided', status: '申诉成立', body: `您的申诉成立，发言已恢复显示。${request.body.note.trim()}` }
              : { kind: 'appeal.decided', status: '申诉未成立', body: `您的申诉未成立，发言继续隐藏。${request.body.note.trim()}` },
            clockNow,
          )),
        )
        const row = await trx.selectFrom('post_appeals').selectAll().where('id', '=', appeal.id).executeTakeFirstOrThrow()
        return toAppeal(row)
      })
    },
  )

  // ---- mutes -----------------------------------------------------------------------------

  const toMute = (r: { id: number; user_id: number; neighbourhood_id: number; reason: string; ends_at: string; created_at: string; lifted_at: string | null }): Mute => ({
    id: r.id,
    userId: r.user_id,
    neighbourhoodId: r.neighbourhood_id,
    reason: r.reason,
    endsAt: r.ends_at,
    createdAt: r.created_at,
    liftedAt: r.lifted_at,
  })

  app.post(
    '/api/users/:id/mutes',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          { days: Type.Integer({ minimum: 1, maximum: MAX_MUTE_DAYS }), reason: Text({ minLength: 2, maxLength: 200 }), unitId: Type.Optional(Id) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply): Promise<Mute> => {
      const { principal } = requireUser(request)
      if (!isStaff(principal)) throw forbidden('只有居委会可以禁言')
      const target = await loadAccount(db, request.params.id)
      if (!target) throw notFound('用户')
      let chain: number[] | null
      if (request.body.unitId !== undefined) {
        const unit = await db.selectFrom('units').select('level').where('id', '=', request.body.unitId).executeTakeFirst()
        if (!unit || unit.level !== 'neighbourhood') throw badInput('unitId', '请选择禁言适用的居民区')
        chain = await unitChain(db, request.body.unitId)
      } else {
        const home = target.principal.residence?.chain
        chain = home && home.length >= 2 ? home.slice(-2) : null
        if (!chain) throw badInput('unitId', '这位用户没有认证住址，请选择禁言适用的居民区')
      }
      if (!chain || !can(principal, 'discussions.moderate', chain)) throw forbidden('只能禁言本居民区议事厅的发言人')
      if (target.principal.userId === principal.userId || isStaffFor(target.principal, chain)) {
        throw conflict('cannot_mute_staff', '不能禁言本居民区的工作人员')
      }
      const now = app.clock()
      const neighbourhoodId = chain[0]
      return writeAndTell(
        request,
        reply,
        async (trx, pushes) => {
          const row = await trx
            .insertInto('user_mutes')
            .values({
              user_id: target.principal.userId,
              neighbourhood_id: neighbourhoodId,
              reason: request.body.reason.trim(),
              ends_at: muteEndsAt(now, request.body.days).toISOString(),
              created_by: principal.userId,
              created_at: now.toISOString(),
            })
            .returningAll()
            .executeTakeFirstOrThrow()
          await logModeration(trx, {
            actorId: principal.userId,
            action: 'user.mute',
            targetType: 'user',
            targetId: target.principal.userId,
            unitId: neighbourhoodId,
            reason: `禁言 ${request.body.days} 天：${request.body.reason.trim()}`,
          })
          const nb = await trx.selectFrom('units').select('name').where('id', '=', neighbourhoodId).executeTakeFirstOrThrow()
          pushes.push(
            ...(await notify(
              trx,
              [target.principal.userId],
              {
                kind: 'user.muted',
                title: `${nb.name}议事厅`,
                body: `您被禁言至 ${shanghaiTime(row.ends_at)}，原因：${row.reason}`,
                status: '已禁言',
                targetType: 'user',
                targetId: target.principal.userId,
              },
              now,
            )),
          )
          return toMute(row)
        },
        201,
      )
    },
  )

  app.delete('/api/mutes/:id', { schema: { params: IdParams } }, async (request, reply): Promise<Mute> => {
    const { principal } = requireUser(request)
    const mute = await db.selectFrom('user_mutes').selectAll().where('id', '=', request.params.id).executeTakeFirst()
    if (!mute) throw notFound('禁言记录')
    const chain = await unitChain(db, mute.neighbourhood_id)
    if (!chain || !can(principal, 'discussions.moderate', chain)) throw forbidden('只能解除本居民区的禁言')
    if (mute.lifted_at) throw conflict('already_lifted', '这条禁言已经解除了')
    const now = app.clock().toISOString()
    return write(request, reply, async (trx) => {
      const res = await trx
        .updateTable('user_mutes')
        .set({ lifted_at: now, lifted_by: principal.userId })
        .where('id', '=', mute.id)
        .where('lifted_at', 'is', null)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) === 0) throw conflict('already_lifted', '这条禁言已经解除了')
      await logModeration(trx, {
        actorId: principal.userId,
        action: 'user.unmute',
        targetType: 'user',
        targetId: mute.user_id,
        unitId: mute.neighbourhood_id,
        reason: null,
      })
      return toMute({ ...mute, lifted_at: now })
    })
  })

  // ---- the queue -------------------------------------------------------------------------

  app.get(
    '/api/moderation/queue',
    { schema: { querystring: Type.Object({ unitId: Type.Optional(Id) }) } },
    async (request): Promise<ModerationQueue> => {
      const { principal } = requireUser(request)
      const nbs = await staffNeighbourhoods(principal, request.query.unitId)
      if (nbs.length === 0) return { items: [] }
      const base = () => db.selectFrom('posts as p').innerJoin('topics as t', 't.id', 'p.topic_id').selectAll('p').where('t.neighbourhood_id', 'in', nbs)
      const isAdmin = principal.grants.some((g) => g.role === 'admin')
      const [flagged, recent, appeals, pendingTopics] = await Promise.all([
        base()
          .where('p.flagged_at', 'is not', null)
          .where('p.status', '!=', 'deleted')
          .orderBy('p.flagged_at', 'asc')
          .limit(QUEUE_FLAGGED_LIMIT)
          .execute(),
        base().where('p.status', '=', 'published').where('p.flagged_at', 'is', null).orderBy('p.id', 'desc').limit(QUEUE_RECENT_LIMIT).execute(),
        isAdmin
          ? db
              .selectFrom('post_appeals as a')
              .innerJoin('posts as p', 'p.id', 'a.post_id')
              .innerJoin('topics as t', 't.id', 'p.topic_id')
              .selectAll('a')
              .where('a.status', '=', 'pending')
              .where('t.neighbourhood_id', 'in', nbs)
              .orderBy('a.id')
              .execute()
          : Promise.resolve([]),
        topicQuery(db).where('t.neighbourhood_id', 'in', nbs).where('t.pending', '=', 1).orderBy('t.id').execute(),
      ])
      const appealPosts = appeals.length
        ? await db.selectFrom('posts').selectAll().where('id', 'in', appeals.map((a) => a.post_id)).execute()
        : []
      const rows = new Map<number, PostRow>()
      for (const r of [...flagged, ...recent, ...appealPosts]) rows.set(r.id, r)
      const topicIds = [...new Set([...rows.values()].map((r) => r.topic_id))]
      const topics = topicIds.length ? await topicQuery(db).where('t.id', 'in', topicIds).execute() : []
      const topicBy = new Map([...topics, ...pendingTopics].map((t) => [t.id, t]))
      const views = await presentPosts(db, [...rows.values()], { userId: principal.userId, isStaff: true }, app.clock())
      const topicInfo = (id: number) => {
        const t = topicBy.get(id)!
        return { id: t.id, question: t.question, unitName: t.unit_name, state: t.state, pending: t.pending === 1 }
      }
      const reportsOf = (id: number) =>
        Object.entries(views.get(id)?.moderation?.reasons ?? {}).map(([reason, count]) => ({ reason: reason as ReportReason, count: count ?? 0 }))
      const items: (QueueItem & { rank: number })[] = []
      for (const a of appeals) {
        const post = rows.get(a.post_id)!
        if (!canDecideAppeal(principal, chainOf(topicBy.get(post.topic_id)!), post.hidden_by)) continue
        items.push({ kind: 'appeal', topic: topicInfo(post.topic_id), post: views.get(post.id)!, reports: reportsOf(post.id), appeal: toAppeal(a), since: a.created_at, rank: 0 })
      }
      for (const r of flagged) {
        items.push({ kind: queueKind(r), topic: topicInfo(r.topic_id), post: views.get(r.id)!, reports: reportsOf(r.id), appeal: views.get(r.id)!.appeal, since: r.flagged_at!, rank: r.open_reports })
      }
      for (const t of pendingTopics) {
        items.push({ kind: 'pending_topic', topic: topicInfo(t.id), post: null, reports: [], appeal: null, since: t.created_at, rank: 0 })
      }
      for (const r of recent) {
        items.push({ kind: 'recent', topic: topicInfo(r.topic_id), post: views.get(r.id)!, reports: [], appeal: null, since: r.created_at, rank: 0 })
      }
      items.sort((a, b) => compareQueue({ kind: a.kind, reports: a.rank, since: a.since }, { kind: b.kind, reports: b.rank, since: b.since }))
      return { items: items.map(({ rank: _rank, ...item }) => item) }
    },
  )

  // ---- the log (read only: there is no route to change it) -------------------------------

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
          from: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
          to: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
          cursor: Type.Optional(Text({ maxLength: 100 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
      },
    },
    async (request): Promise<{ items: ModerationLogEntry[]; nextCursor: string | null }> => {
      const { principal } = requireUser(request)
      if (!can(principal, 'moderationLog.read')) throw forbidden('只有居委会或街镇工作人员可以查看审核日志')
      const q = request.query
      const nbs = await staffNeighbourhoods(principal, q.unitId)
      if (nbs.length === 0) return { items: [], nextCursor: null }
      const limit = q.limit ?? 50
      let query = db
        .selectFrom('moderation_log as l')
        .innerJoin('units as u', 'u.id', 'l.unit_id')
        .selectAll('l')
        .select('u.name as unit_name')
        .where('l.unit_id', 'in', nbs)
      if (q.action) query = q.action.endsWith('.') ? query.where('l.action', 'like', `${q.action}%`) : query.where('l.action', '=', q.action)
      if (q.actorId) query = query.where('l.actor_id', '=', q.actorId)
      if (q.targetType) query = query.where('l.target_type', '=', q.targetType)
      if (q.targetId) query = query.where('l.target_id', '=', q.targetId)
      if (q.from) query = query.where('l.created_at', '>=', new Date(q.from).toISOString())
      if (q.to) query = query.where('l.created_at', '<', new Date(q.to).toISOString())
      if (q.cursor) query = query.where('l.id', '<', decodeIdCursor(q.cursor))
      const rows = await query.orderBy('l.id', 'desc').limit(limit + 1).execute()
      const page = rows.slice(0, limit)
      const actorIds = [...new Set(page.map((r) => r.actor_id))]
      const roles = actorIds.length ? await db.selectFrom('role_grants').select(['user_id', 'role']).where('user_id', 'in', actorIds).execute() : []
      const labelOf = (id: number) => {
        const mine = roles.filter((r) => r.user_id === id)
        return mine.some((r) => r.role === 'admin') ? '街镇工作人员' : mine.length ? '居委会' : '居民'
      }
      return {
        items: page.map((r) => ({
          id: r.id,
          actorId: r.actor_id,
          actorLabel: labelOf(r.actor_id),
          action: r.action,
          actionName: MODERATION_ACTION_NAMES[r.action] ?? r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          unitId: r.unit_id,
          unitName: r.unit_name,
          reason: r.reason,
          createdAt: r.created_at,
        })),
        nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null,
      }
    },
  )

  // ---- settings (the auto-hide threshold of each 居民区) -----------------------------------

  app.get(
    '/api/moderation/settings',
    { schema: { querystring: Type.Object({ unitId: Type.Optional(Id) }) } },
    async (request): Promise<{ items: DiscussionSettings[] }> => {
      const { principal } = requireUser(request)
      const nbs = await staffNeighbourhoods(principal, request.query.unitId)
      const rows = nbs.length ? await db.selectFrom('discussion_settings').selectAll().where('neighbourhood_id', 'in', nbs).execute() : []
      const by = new Map(rows.map((r) => [r.neighbourhood_id, r.report_threshold]))
      return { items: nbs.map((id) => ({ neighbourhoodId: id, reportThreshold: by.get(id) ?? DEFAULT_REPORT_THRESHOLD })) }
    },
  )

  app.put(
    '/api/moderation/settings/:id',
    {
      schema: {
        params: IdParams,
        body: Type.Object(
          { reportThreshold: Type.Integer({ minimum: MIN_REPORT_THRESHOLD, maximum: MAX_REPORT_THRESHOLD }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply): Promise<DiscussionSettings> => {
      const { principal } = requireUser(request)
      const unit = await db.selectFrom('units').select('level').where('id', '=', request.params.id).executeTakeFirst()
      if (!unit || unit.level !== 'neighbourhood') throw notFound('居民区')
      const chain = (await unitChain(db, request.params.id))!
      if (!can(principal, 'discussions.moderate', chain)) throw forbidden('只能修改本居民区的议事厅设置')
      const threshold = request.body.reportThreshold
      const now = app.clock().toISOString()
      return write(request, reply, async (trx) => {
        await trx
          .insertInto('discussion_settings')
          .values({ neighbourhood_id: request.params.id, report_threshold: threshold, updated_by: principal.userId, updated_at: now })
          .onConflict((oc) => oc.column('neighbourhood_id').doUpdateSet({ report_threshold: threshold, updated_by: principal.userId, updated_at: now }))
          .execute()
        await logModeration(trx, {
          actorId: principal.userId,
          action: 'settings.update',
          targetType: 'neighbourhood',
          targetId: request.params.id,
          unitId: request.params.id,
          reason: `自动隐藏所需举报人数改为 ${threshold}`,
        })
        return { neighbourhoodId: request.params.id, reportThreshold: threshold }
      })
    },
  )
}

import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely'
import type { Appeal, AppealStatus, Post, PostSort, PostStatus, ReportReason } from '../../types'
import { maskPersonalInfo } from '../content/masking'
import type { Database } from '../db/schema'
import type { Trx } from '../core/db'
import type { PostCursor } from './cursor'
import { encodeCursor } from './cursor'
import {
  countDelta,
  editableUntil,
  parsePhotos,
  presentBody,
  REPLY_PREVIEW,
  THREAD_REPLY_LIMIT,
  type PostViewer,
} from './rules'

type Q = Kysely<Database>
export type PostRow = Selectable<Database['posts']>

type PostsEb = ExpressionBuilder<Database, 'posts'>

/** Root posts the viewer sees: deleted ones only while replies hang under them; pending ones to their author and staff. */
function rootVisibility(v: PostViewer) {
  return (eb: PostsEb) =>
    eb.or([
      eb('status', 'in', ['published', 'hidden']),
      eb.and([eb('status', '=', 'deleted'), eb('reply_count', '>', 0)]),
      v.isStaff ? eb('status', '=', 'pending') : eb.and([eb('status', '=', 'pending'), eb('author_id', '=', v.userId)]),
    ])
}

function replyVisibility(v: PostViewer) {
  return (eb: PostsEb) =>
    eb.or([
      eb('status', 'in', ['published', 'hidden']),
      v.isStaff ? eb('status', '=', 'pending') : eb.and([eb('status', '=', 'pending'), eb('author_id', '=', v.userId)]),
    ])
}

export async function listRootPosts(
  db: Q,
  topicId: number,
  v: PostViewer,
  opts: { sort: PostSort; cursor: PostCursor | null; limit: number },
): Promise<{ rows: PostRow[]; nextCursor: string | null }> {
  let q = db
    .selectFrom('posts')
    .selectAll()
    .where('topic_id', '=', topicId)
    .where('parent_id', 'is', null)
    .where('pinned_at', 'is', null)
    .where(rootVisibility(v))
  // Row-value comparisons let both databases seek straight into the (topic, key, id) index.
  if (opts.sort === 'oldest') {
    if (opts.cursor?.sort === 'oldest') {
      const c = opts.cursor
      q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(c.createdAt, c.id)))
    }
    q = q.orderBy('created_at', 'asc').orderBy('id', 'asc')
  } else {
    if (opts.cursor?.sort === 'liked') {
      const c = opts.cursor
      q = q.where((eb) => eb(eb.refTuple('like_count', 'id'), '<', eb.tuple(c.likes, c.id)))
    }
    q = q.orderBy('like_count', 'desc').orderBy('id', 'desc')
  }
  const rows = await q.limit(opts.limit + 1).execute()
  const more = rows.length > opts.limit
  const page = more ? rows.slice(0, opts.limit) : rows
  const last = page[page.length - 1]
  const nextCursor = more
    ? encodeCursor(opts.sort === 'oldest' ? { sort: 'oldest', createdAt: last.created_at, id: last.id } : { sort: 'liked', likes: last.like_count, id: last.id })
    : null
  return { rows: page, nextCursor }
}

export async function pinnedPosts(db: Q, topicId: number, v: PostViewer): Promise<PostRow[]> {
  return db
    .selectFrom('posts')
    .selectAll()
    .where('topic_id', '=', topicId)
    .where('parent_id', 'is', null)
    .where('pinned_at', 'is not', null)
    .where(rootVisibility(v))
    .orderBy('pinned_at', 'asc')
    .orderBy('id', 'asc')
    .execute()
}

/** The first few replies of each root, in one query (a window per root), not one query per root. */
export async function replyPreviews(db: Q, rootIds: number[], v: PostViewer): Promise<PostRow[]> {
  if (rootIds.length === 0) return []
  const ranked = db
    .selectFrom('posts')
    .selectAll()
    .select(sql<number>`row_number() over (partition by parent_id order by created_at, id)`.as('rn'))
    .where('parent_id', 'in', rootIds)
    .where(replyVisibility(v))
  const rows = await db
    .selectFrom(ranked.as('r'))
    .selectAll()
    .where('rn', '<=', REPLY_PREVIEW)
    .orderBy('parent_id')
    .orderBy('rn')
    .execute()
  return rows.map(({ rn: _rn, ...row }) => row as PostRow)
}

export async function threadReplies(db: Q, rootId: number, v: PostViewer): Promise<PostRow[]> {
  return db
    .selectFrom('posts')
    .selectAll()
    .where('parent_id', '=', rootId)
    .where(replyVisibility(v))
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(THREAD_REPLY_LIMIT)
    .execute()
}

export async function getPost(db: Q, id: number): Promise<PostRow | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Photos go with the text: gone when deleted, and when hidden only for the author and staff. */
function photosVisible(status: PostStatus, own: boolean, v: PostViewer): boolean {
  if (status === 'deleted') return false
  if (status === 'hidden') return own || v.isStaff
  return true
}

function toAppeal(r: Selectable<Database['post_appeals']>): Appeal {
  return {
    id: r.id,
    postId: r.post_id,
    status: r.status as AppealStatus,
    reason: r.reason,
    note: r.note,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  }
}

export { toAppeal }

/**
 * Post views for a batch of rows: the caller's likes and reports, appeals and (for staff) report
 * reasons come from one query each for the whole batch.
 */
export async function presentPosts(db: Q, rows: PostRow[], v: PostViewer, now: Date): Promise<Map<number, Post>> {
  const out = new Map<number, Post>()
  if (rows.length === 0) return out
  const ids = rows.map((r) => r.id)
  const hiddenIds = rows.filter((r) => r.status === 'hidden' && (v.isStaff || r.author_id === v.userId)).map((r) => r.id)
  // Staff see the report history of every post, dealt with or not.
  const reportedIds = v.isStaff ? ids : []
  const [liked, reported, appeals, reasons] = await Promise.all([
    db.selectFrom('post_likes').select('post_id').where('user_id', '=', v.userId).where('post_id', 'in', ids).execute(),
    db.selectFrom('post_reports').select('post_id').where('reporter_id', '=', v.userId).where('post_id', 'in', ids).execute(),
    hiddenIds.length ? db.selectFrom('post_appeals').selectAll().where('post_id', 'in', hiddenIds).execute() : Promise.resolve([]),
    reportedIds.length
      ? db
          .selectFrom('post_reports')
          .select([
            'post_id',
            'reason',
            sql<number>`count(*)`.as('n'),
          ])
          .where('post_id', 'in', reportedIds)
          .groupBy(['post_id', 'reason'])
          .execute()
      : Promise.resolve([]),
  ])
  const likedSet = new Set(liked.map((r) => r.post_id))
  const reportedSet = new Set(reported.map((r) => r.post_id))
  const appealBy = new Map(appeals.map((a) => [a.post_id, toAppeal(a)]))
  const reasonsBy = new Map<number, Partial<Record<ReportReason, number>>>()
  for (const r of reasons) {
    const m = reasonsBy.get(r.post_id) ?? {}
    m[r.reason as ReportReason] = Number(r.n)
    reasonsBy.set(r.post_id, m)
  }
  for (const r of rows) {
    const own = r.author_id === v.userId
    const { body, placeholder } = presentBody(r, v, maskPersonalInfo)
    const until = editableUntil(r.created_at)
    const editable = own && (r.status === 'published' || r.status === 'pending') && now < until
    const appeal = appealBy.get(r.id) ?? null
    const showReason = r.status === 'hidden' && (own || v.isStaff)
    const post: Post = {
      id: r.id,
      topicId: r.topic_id,
      parentId: r.parent_id,
      replyTo: r.reply_to_id !== null ? { id: r.reply_to_id, label: r.reply_to_label ?? '' } : null,
      author: { label: r.author_label, isStaff: r.author_is_staff === 1, isMine: own, ...(v.isStaff ? { userId: r.author_id } : {}) },
      official: r.official === 1,
      pinned: r.pinned_at !== null,
      status: r.status as PostStatus,
      body,
      placeholder,
      photos: photosVisible(r.status as PostStatus, own, v) ? parsePhotos(r.photos) : [],
      hiddenReason: showReason ? r.hidden_reason : null,
      likeCount: r.like_count,
      likedByMe: likedSet.has(r.id),
      reportedByMe: reportedSet.has(r.id),
      replyCount: r.reply_count,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      editableUntil: editable ? until.toISOString() : null,
      appeal: own || v.isStaff ? appeal : null,
      canAppeal: own && r.status === 'hidden' && appeal === null,
    }
    if (v.isStaff) {
      const m = reasonsBy.get(r.id) ?? {}
      post.moderation = {
        reportCount: Object.values(m).reduce((s, n) => s + (n ?? 0), 0),
        openReports: r.open_reports,
        reasons: m,
        hiddenAt: r.hidden_at,
        autoHidden: r.status === 'hidden' && r.hidden_by === null,
      }
    }
    out.set(r.id, post)
  }
  return out
}

/**
 * Moves a post from one status to another, keeping the topic's post count and the root's reply count
 * in step. Compare-and-set on the old status: a concurrent change makes it return false, not double-count.
 */
export async function setPostStatus(
  trx: Trx,
  post: Pick<PostRow, 'id' | 'topic_id' | 'parent_id' | 'status'>,
  to: PostStatus,
  patch: Partial<Omit<PostRow, 'id' | 'status'>> = {},
): Promise<boolean> {
  const res = await trx
    .updateTable('posts')
    .set({ ...patch, status: to })
    .where('id', '=', post.id)
    .where('status', '=', post.status)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) return false
  await adjustCounts(trx, post, countDelta(post.status as PostStatus, to))
  return true
}

export async function adjustCounts(trx: Trx, post: Pick<PostRow, 'topic_id' | 'parent_id'>, delta: number): Promise<void> {
  if (delta === 0) return
  await trx
    .updateTable('topics')
    .set((eb) => ({ post_count: eb('post_count', '+', delta) }))
    .where('id', '=', post.topic_id)
    .execute()
  if (post.parent_id !== null) {
    await trx
      .updateTable('posts')
      .set((eb) => ({ reply_count: eb('reply_count', '+', delta) }))
      .where('id', '=', post.parent_id)
      .execute()
  }
}

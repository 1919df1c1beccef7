// Reads of posts: a topic's page of posts, a thread, and the post view each caller gets.
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely'
import type { Appeal, AppealStatus, Post, PostPage, PostSort, PostStatus, PostThread, ReportReason, TopicState } from '../../../types'
import type { Principal } from '../../accounts'
import { maskPersonalInfo } from '../../content'
import { compiled, idList, inIdList } from '../../core/compiled'
import { AppError, notFound } from '../../core/errors'
import { parsePhotoIds, photosFor, type OwnerReader } from '../../media'
import type { Database } from '../../db/schema'
import type { Context } from '../context'
import { decodeCursor, encodeCursor, type PostCursor } from '../cursor'
import { viewerFor } from '../policy'
import { readableTopic, type TopicRow } from './topics'
import {
  editableUntil,
  presentBody,
  replyVisible,
  rootVisible,
  REPLY_PREVIEW,
  THREAD_REPLY_LIMIT,
  type PostViewer,
} from '../rules'

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

const postById = compiled((db: Q, v: { id: number }) => db.selectFrom('posts').selectAll().where('id', '=', v.id))

export async function getPost(db: Q, id: number): Promise<PostRow | undefined> {
  return postById.first(db, { id })
}

/** Photos go with the text: gone when deleted, and when hidden only for the author and staff. */
function photosVisible(status: PostStatus, own: boolean, v: PostViewer): boolean {
  if (status === 'deleted') return false
  if (status === 'hidden') return own || v.isStaff
  return true
}

export function toAppeal(r: Selectable<Database['post_appeals']>): Appeal {
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

/**
 * Post views for a batch of rows: the caller's likes and reports, appeals and (for staff) report
 * reasons come from one query each for the whole batch. `fresh`: rows just inserted, which nobody can
 * have liked or reported yet.
 */
// Every page of posts asks which of them the caller liked or reported.
const likedAmong = compiled((db: Q, v: { ids: unknown; userId: number }) =>
  db.selectFrom('post_likes').select('post_id').where('user_id', '=', v.userId).where(inIdList(db, 'post_id', v.ids)),
)
const reportedAmong = compiled((db: Q, v: { ids: unknown; userId: number }) =>
  db.selectFrom('post_reports').select('post_id').where('reporter_id', '=', v.userId).where(inIdList(db, 'post_id', v.ids)),
)

export async function presentPosts(db: Q, rows: PostRow[], v: PostViewer, now: Date, fresh = false): Promise<Map<number, Post>> {
  const out = new Map<number, Post>()
  if (rows.length === 0) return out
  const ids = rows.map((r) => r.id)
  const hiddenIds = rows.filter((r) => r.status === 'hidden' && (v.isStaff || r.author_id === v.userId)).map((r) => r.id)
  // Staff see the report history of every post, dealt with or not. A post just written has none, nor likes.
  const reportedIds = v.isStaff && !fresh ? ids : []
  const [liked, reported, appeals, reasons] = await Promise.all([
    fresh ? [] : likedAmong.all(db, { ids: idList(db, ids), userId: v.userId }),
    fresh ? [] : reportedAmong.all(db, { ids: idList(db, ids), userId: v.userId }),
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
  // Photos go with the text (photosVisible); the pending ones show to the author and staff, like pending text.
  const photoIds = new Map(rows.map((r) => [r.id, photosVisible(r.status as PostStatus, r.author_id === v.userId, v) ? parsePhotoIds(r.photos) : []]))
  const shown = new Map((await photosFor(db, { userId: v.userId, committee: v.isStaff }, [...photoIds.values()].flat())).map((p) => [p.id, p]))
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
      photos: photoIds.get(r.id)!.flatMap((id) => shown.get(id) ?? []),
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

/** One post as the viewer sees it (after a write, inside its transaction). */
export async function presentPost(db: Q, id: number, v: PostViewer, now: Date): Promise<Post> {
  const row = (await getPost(db, id))!
  return (await presentPosts(db, [row], v, now)).get(id)!
}

/** A post and its topic, if the caller may see both. */
export async function readablePost(db: Q, p: Principal, id: number): Promise<{ topic: TopicRow; post: PostRow; viewer: PostViewer }> {
  const post = await getPost(db, id)
  if (!post) throw notFound('发言')
  const topic = await readableTopic(db, p, post.topic_id)
  const viewer = viewerFor(p, topic)
  const visible = post.parent_id === null ? rootVisible(post, viewer) : replyVisible(post, viewer)
  if (!visible) throw notFound('发言')
  return { topic, post, viewer }
}

/** Photos on a post are read by whoever may read the post and, hidden or deleted, see its photos. */
export function postPhotoReader(db: Q): OwnerReader {
  return async (principal, id) => {
    try {
      const { post, viewer } = await readablePost(db, principal, id)
      return photosVisible(post.status as PostStatus, post.author_id === principal.userId, viewer)
    } catch (err) {
      if (err instanceof AppError) return false
      throw err
    }
  }
}

/** A topic's root posts a page at a time, each with its first replies; the pinned ones on the first page. */
export async function listPosts(
  { db, principal, now }: Context,
  topicId: number,
  q: { sort?: PostSort; cursor?: string; limit?: number },
): Promise<PostPage> {
  const topic = await readableTopic(db, principal, topicId)
  const viewer = viewerFor(principal, topic)
  const sort = q.sort ?? 'oldest'
  const cursor = q.cursor ? decodeCursor(q.cursor, sort) : null
  const [{ rows, nextCursor }, pinned] = await Promise.all([
    listRootPosts(db, topic.id, viewer, { sort, cursor, limit: q.limit ?? 20 }),
    cursor ? Promise.resolve([]) : pinnedPosts(db, topic.id, viewer),
  ])
  const roots = [...pinned, ...rows]
  const replies = await replyPreviews(db, roots.map((r) => r.id), viewer)
  const views = await presentPosts(db, [...roots, ...replies], viewer, now)
  // Added to the post's own view, not spread into a new literal (slow in V8: proposals/queries/detail.ts).
  const withReplies = (r: PostRow): Post =>
    Object.assign(views.get(r.id)!, { replies: replies.filter((x) => x.parent_id === r.id).map((x) => views.get(x.id)!) })
  return { items: rows.map(withReplies), pinned: pinned.map(withReplies), nextCursor }
}

/** The whole thread a link to any post or reply opens, focused on that post. */
export async function showThread({ db, principal, now }: Context, id: number): Promise<PostThread> {
  const target = await getPost(db, id)
  if (!target) throw notFound('发言')
  const topic = await readableTopic(db, principal, target.topic_id)
  const viewer = viewerFor(principal, topic)
  const root = target.parent_id === null ? target : (await getPost(db, target.parent_id))!
  // A link to a reply deleted since still opens its thread, without a focus.
  const targetGone = target.parent_id !== null && target.status === 'deleted'
  if (!rootVisible(root, viewer) && !(root.status === 'deleted' && target !== root)) throw notFound('发言')
  if (!targetGone && target !== root && !replyVisible(target, viewer)) throw notFound('发言')
  const replies = await threadReplies(db, root.id, viewer)
  const views = await presentPosts(db, [root, ...replies], viewer, now)
  const index = replies.findIndex((r) => r.id === target.id)
  return {
    topic: { id: topic.id, question: topic.question, state: topic.state as TopicState },
    root: views.get(root.id)!,
    replies: replies.map((r) => views.get(r.id)!),
    focusId: targetGone ? null : target.id,
    focusIndex: target === root || targetGone ? null : index >= 0 ? index : null,
  }
}

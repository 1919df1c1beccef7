import type { ModerationQueue, QueueItem, ReportReason } from '../../../types'
import { chainOf, presentPosts, toAppeal, topicQuery, type Context, type PostRow } from '../../discussions'
import { canDecideAppeal } from '../policy'
import { compareQueue, queueKind } from '../rules'
import { staffNeighbourhoods } from './scope'

const QUEUE_FLAGGED_LIMIT = 200
const QUEUE_RECENT_LIMIT = 30

/**
 * What waits for the caller in the 居民区 they serve: appeals they may decide, auto-hidden, reported
 * and pending posts, pending topics, then the latest posts, most urgent first.
 */
export async function moderationQueue(ctx: Context, unitId: number | undefined): Promise<ModerationQueue> {
  const { db, principal, now } = ctx
  const nbs = await staffNeighbourhoods(ctx, unitId)
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
  const views = await presentPosts(db, [...rows.values()], { userId: principal.userId, isStaff: true }, now)
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
}

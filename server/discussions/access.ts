import type { FastifyRequest } from 'fastify'
import { isStaffFor, type Principal } from '../accounts/permissions'
import { notFound, forbidden } from '../core/errors'
import { requireUser } from '../accounts/auth'
import { getPost, type PostRow } from './posts'
import { replyVisible, rootVisible, type PostViewer } from './rules'
import { canSeeTopic, chainOf, loadTopic, type TopicRow } from './topics'

export function viewerFor(p: Principal, t: TopicRow): PostViewer {
  return { userId: p.userId, isStaff: isStaffFor(p, chainOf(t)) }
}

/** The topic, if the caller may see it: 404 when it does not exist (or is pending and they are not staff), 403 outside their 居民区. */
export async function topicForReader(request: FastifyRequest, id: number): Promise<{ principal: Principal; topic: TopicRow }> {
  const { principal } = requireUser(request)
  const topic = await loadTopic(request.server.db.kysely, id)
  if (!topic || (topic.pending && !isStaffFor(principal, chainOf(topic)))) throw notFound('议题')
  if (!canSeeTopic(principal, topic)) throw forbidden('只有本居民区的居民可以查看这个议题')
  return { principal, topic }
}

/** A post and its topic, if the caller may see both. */
export async function postForReader(request: FastifyRequest, id: number): Promise<{ principal: Principal; topic: TopicRow; post: PostRow; viewer: PostViewer }> {
  const { principal } = requireUser(request)
  const post = await getPost(request.server.db.kysely, id)
  if (!post) throw notFound('发言')
  const { topic } = await topicForReader(request, post.topic_id)
  const viewer = viewerFor(principal, topic)
  const visible = post.parent_id === null ? rootVisible(post, viewer) : replyVisible(post, viewer)
  if (!visible) throw notFound('发言')
  return { principal, topic, post, viewer }
}


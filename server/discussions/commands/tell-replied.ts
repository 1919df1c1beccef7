import { maskPersonalInfo } from '../../content'
import type { Trx } from '../../core/db'
import { notify, type Push } from '../../notifications'
import { getPost, type PostRow } from '../queries/posts'

type Reply = Pick<PostRow, 'id' | 'author_id' | 'author_label' | 'body' | 'parent_id' | 'reply_to_id'>

/**
 * Tells the author of the post a reply answers, once the reply is published: at once, or when the committee
 * approves a reply the content check held. Nobody is told of their own reply.
 */
export async function tellReplied(trx: Trx, reply: Reply, topicQuestion: string, now: Date): Promise<Push[]> {
  const answeredId = reply.reply_to_id ?? reply.parent_id
  const answered = answeredId === null ? undefined : await getPost(trx, answeredId)
  if (!answered || answered.author_id === reply.author_id) return []
  const told = { kind: 'post.reply', title: maskPersonalInfo(topicQuestion), body: `${reply.author_label}回复了您：${maskPersonalInfo(reply.body)}` }
  return notify(trx, [answered.author_id], { ...told, targetType: 'post', targetId: reply.id, status: '有回复' }, now)
}

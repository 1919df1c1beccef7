import { maskPersonalInfo } from '../../content'
import type { Trx } from '../../core/db'
import { notify, type Push } from '../../notifications'

export interface AuthorNotice {
  kind: string
  body: string
  /** A short status word for the subscribe message. */
  status: string
}

/** What the author of a post is told (in-app, mirrored as a subscribe message) when moderation touches it. */
export async function tellAuthor(
  trx: Trx,
  post: { id: number; author_id: number },
  topicQuestion: string,
  n: AuthorNotice,
  now: Date,
): Promise<Push[]> {
  return notify(trx, [post.author_id], { ...n, title: maskPersonalInfo(topicQuestion), targetType: 'post', targetId: post.id }, now)
}

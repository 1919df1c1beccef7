import { sql } from 'kysely'
import type { Post, PostModerationAction, PostStatus } from '../../../types'
import { logModeration } from '../../core/audit'
import type { Trx } from '../../core/db'
import { conflict } from '../../core/errors'
import { chainOf, enforce, getPost, presentPost, readablePost, setPostStatus, tellReplied, type Context, type PostRow } from '../../discussions'
import { pushAfterCommit } from '../../notifications'
import { moderatePostCheck } from '../policy'
import { decidePostAction, hideReasonText } from '../rules'
import { tellAuthor, type AuthorNotice } from './tell-author'

// What the committee's actions on a post (hide-post, restore-post, approve-post, pin-post) share: the
// permission, the reason as stored, and the one transaction that applies rules.decidePostAction.

export type ModeratedPost = Awaited<ReturnType<typeof readablePost>>

/** The post, if the caller may see it and moderate it (the committee of its 居民区, or the 街镇). */
export async function moderatedPost({ db, principal }: Context, postId: number): Promise<ModeratedPost> {
  const found = await readablePost(db, principal, postId)
  enforce(moderatePostCheck(principal, chainOf(found.topic)))
  return found
}

/** A reason picked from the report list is stored by its name; none given is null. */
export const reasonOf = (reason: string | undefined): string | null => (reason?.trim() ? hideReasonText(reason) : null)

export interface PostAction {
  action: PostModerationAction
  /** Logged with the action (and, for hiding, shown with the post). */
  reason: string | null
  /** Columns the action sets besides status, pin and reports. */
  patch?: (at: string) => Partial<PostRow>
  /** What the author is told, given the status the post had. */
  notice?: (before: PostStatus) => AuthorNotice | undefined
}

/** Applies the action in one transaction: status and counts, pin, reports closed, log, the author told. */
export async function applyPostAction(ctx: Context, { topic, post, viewer }: ModeratedPost, a: PostAction): Promise<Post> {
  const { principal, now } = ctx
  const at = now.toISOString()
  return ctx.write(async (trx, after) => {
    const current = (await getPost(trx, post.id))!
    const pinned = await trx
      .selectFrom('posts')
      .select(sql<number>`count(*)`.as('n'))
      .where('topic_id', '=', topic.id)
      .where('parent_id', 'is', null)
      .where('pinned_at', 'is not', null)
      .executeTakeFirstOrThrow()
    const decision = decidePostAction(current, a.action, Number(pinned.n))
    if (!decision.ok) throw conflict(decision.code, decision.message)
    const patch: Partial<PostRow> = a.patch?.(at) ?? {}
    if (decision.pinned !== undefined) patch.pinned_at = decision.pinned ? (current.pinned_at ?? at) : null
    if (decision.resolvesReports) Object.assign(patch, { flagged_at: null, open_reports: 0 })
    const ok = await setPostStatus(trx, current, decision.status, patch)
    if (!ok) throw conflict('state_changed', '这条发言的状态刚刚变化了，请刷新后再试')
    if (decision.resolvesReports) await resolveReports(trx, post.id, at)
    await logModeration(trx, {
      actorId: principal.userId,
      action: `post.${a.action}`,
      targetType: 'post',
      targetId: post.id,
      unitId: topic.neighbourhood_id,
      reason: a.reason,
    })
    const told = a.notice?.(current.status as PostStatus)
    if (told) pushAfterCommit(after, await tellAuthor(trx, current, topic.question, told, now))
    // A held reply published now: the one it answers learns of it now, as they would have at once.
    if (current.status === 'pending' && decision.status === 'published') pushAfterCommit(after, await tellReplied(trx, current, topic.question, now))
    return presentPost(trx, post.id, viewer, now)
  })
}

/** A decision on a post closes the reports waiting on it. */
export async function resolveReports(trx: Trx, postId: number, at: string): Promise<void> {
  await trx.updateTable('post_reports').set({ resolved_at: at }).where('post_id', '=', postId).where('resolved_at', 'is', null).execute()
}

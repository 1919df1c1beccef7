import type { Post } from '../../../types'
import { checkContent } from '../../content'
import { attachPhotos } from '../../media'
import { badInput, conflict } from '../../core/errors'
import type { Context } from '../context'
import { canEdit, enforce, mutedCheck, writableCheck } from '../policy'
import { presentPost, readablePost } from '../queries/posts'
import { activeMutes } from '../queries/topics'
import { statusAfterEdit } from '../rules'
import { setPostStatus } from './post-status'

/** The author corrects their post within the edit window; the new text is checked like a new post. */
export async function editPost(ctx: Context, postId: number, input: { body?: string; photos?: number[] }): Promise<Post> {
  const { db, principal, now } = ctx
  const { topic, post, viewer } = await readablePost(db, principal, postId)
  enforce(canEdit(post, principal.userId, now))
  enforce(writableCheck(topic, now))
  enforce(mutedCheck(principal, topic, await activeMutes(db, principal.userId, now)))
  const body = input.body?.trim() ?? post.body
  if (!body) throw badInput('body', '请填写内容')
  const check = await checkContent(ctx.app, { texts: [body], userId: principal.userId, scene: post.parent_id ? 2 : 3 })
  const to = statusAfterEdit(check.verdict)
  return ctx.write(async (trx) => {
    const at = now.toISOString()
    const photos = input.photos
      ? JSON.stringify(await attachPhotos(trx, { ids: input.photos, userId: principal.userId, owner: { kind: 'post', id: post.id }, now, replace: true }))
      : post.photos
    const ok = await setPostStatus(trx, post, to, {
      body,
      photos,
      edited_at: at,
      flagged_at: to === 'pending' ? (post.flagged_at ?? at) : post.open_reports > 0 ? post.flagged_at : null,
    })
    if (!ok) throw conflict('state_changed', '这条发言的状态刚刚变化了，请刷新后再试')
    return presentPost(trx, post.id, viewer, now)
  })
}

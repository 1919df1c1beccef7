import type { Post, Stance } from '../../../types'
import { STAFF_LABEL, privacyLabel } from '../../accounts'
import type { Principal } from '../../accounts'
import { checkContent } from '../../content'
import { attachPhotos } from '../../media'
import { pushAfterCommit } from '../../notifications'
import type { Selectable } from 'kysely'
import { compiled } from '../../core/compiled'
import { AppError, badInput, conflict } from '../../core/errors'
import type { PostTable } from '../tables'
import { shanghaiDateTimeText } from '../../../types/time'
import type { Context } from '../context'
import { enforce, isModeratorOf, mutedCheck, postAsCheck, postCheck, writableCheck } from '../policy'
import { getPost, presentPosts, type PostRow } from '../queries/posts'
import { activeMutes, readableTopic } from '../queries/topics'
import type { PostViewer } from '../rules'
import { adjustCounts } from './post-status'
import { joinTopic, setStance } from './take-stance'
import { tellReplied } from './tell-replied'

export interface NewPostInput {
  body: string
  /** The post answered: a root, or a reply (then the new reply hangs under the same root). */
  parentId?: number
  stance?: Stance
  photos?: number[]
  /** 官方回复 by the committee. */
  official?: boolean
}

/** 10 posts per 10 minutes per resident (config `limits.post`), with the time they may post again. */
async function enforcePostLimit({ app }: Context, userId: number, now: Date): Promise<void> {
  const limit = app.config.limits.post
  const count = await app.counters.hit(`post:u${userId}`, limit.windowMs, now.getTime())
  if (count > limit.max) {
    const again = new Date((Math.floor(now.getTime() / limit.windowMs) + 1) * limit.windowMs).toISOString()
    throw new AppError(
      429,
      'rate_limited',
      `发言太频繁了：每 ${Math.round(limit.windowMs / 60_000)} 分钟最多发 ${limit.max} 条，请在 ${shanghaiDateTimeText(again)} 之后再发`,
      undefined,
      { retryAt: again },
    )
  }
}

// Posting is a hot write: its statements are compiled once (core/compiled.ts).
const topicState = compiled((db, v: { id: number }) => db.selectFrom('topics').select(['state', 'pending', 'closes_at']).where('id', '=', v.id))
type NewPostRow = Pick<
  Selectable<PostTable>,
  'topic_id' | 'parent_id' | 'reply_to_id' | 'reply_to_label' | 'author_id' | 'author_label' | 'author_is_staff' | 'official' | 'body' | 'status' | 'flagged_at' | 'created_at'
>
const insertPost = compiled((db, v: NewPostRow) =>
  db
    .insertInto('posts')
    .values({
      topic_id: v.topic_id,
      parent_id: v.parent_id,
      reply_to_id: v.reply_to_id,
      reply_to_label: v.reply_to_label,
      author_id: v.author_id,
      author_label: v.author_label,
      author_is_staff: v.author_is_staff,
      official: v.official,
      body: v.body,
      photos: '[]',
      status: v.status,
      flagged_at: v.flagged_at,
      open_reports: 0,
      like_count: 0,
      reply_count: 0,
      created_at: v.created_at,
    })
    .returningAll(),
)

/** How a post signs: "3号楼居民" for a resident, "居委会" for staff. */
function authorLabel(p: Principal, staff: boolean): string {
  return staff || !p.residence ? STAFF_LABEL : privacyLabel({ buildingName: p.residence.buildingName, isStaff: false })
}

/**
 * A post, a reply or a 官方回复, with the resident's stance if they give one. The author of the post
 * answered is told (not of their own replies, nor of one still held for review: nobody else can read it).
 */
export async function createPost(ctx: Context, topicId: number, input: NewPostInput): Promise<Post> {
  const { db, principal, now } = ctx
  const topic = await readableTopic(db, principal, topicId)
  enforce(postCheck(principal, topic))
  const staff = isModeratorOf(principal, topic)
  enforce(writableCheck(topic, now))
  enforce(mutedCheck(principal, topic, await activeMutes(db, principal.userId, now)))
  enforce(postAsCheck(principal, topic, input))
  if (!input.body.trim()) throw badInput('body', '请填写内容')
  let parent: PostRow | undefined
  if (input.parentId !== undefined) {
    parent = await getPost(db, input.parentId)
    if (!parent || parent.topic_id !== topic.id) throw badInput('parentId', '要回复的发言不在这个议题中')
    if (parent.status !== 'published') throw conflict('parent_unavailable', '这条发言已被隐藏、删除或仍在审核中，不能回复')
  }
  if (!staff) await enforcePostLimit(ctx, principal.userId, now)
  const check = await checkContent(ctx.app, { texts: [input.body], userId: principal.userId, scene: parent ? 2 : 3 })
  const label = authorLabel(principal, staff)
  const viewer: PostViewer = { userId: principal.userId, isStaff: staff }
  return ctx.write(async (trx, after) => {
    // The topic may have been locked while the text was being checked.
    const current = (await topicState.first(trx, { id: topic.id }))!
    enforce(writableCheck(current, now))
    const status = check.verdict === 'review' ? 'pending' : 'published'
    const at = now.toISOString()
    const rootId = parent ? (parent.parent_id ?? parent.id) : null
    const answers = parent && parent.parent_id !== null ? parent : null
    const row = (await insertPost.first(trx, {
      topic_id: topic.id,
      parent_id: rootId,
      reply_to_id: answers?.id ?? null,
      reply_to_label: answers?.author_label ?? null,
      author_id: principal.userId,
      author_label: label,
      author_is_staff: staff ? 1 : 0,
      official: input.official ? 1 : 0,
      body: input.body.trim(),
      status,
      flagged_at: status === 'pending' ? at : null,
      created_at: at,
    }))!
    const photos = await attachPhotos(trx, { ids: input.photos ?? [], userId: principal.userId, owner: { kind: 'post', id: row.id }, now })
    if (photos.length > 0) {
      row.photos = JSON.stringify(photos)
      await trx.updateTable('posts').set({ photos: row.photos }).where('id', '=', row.id).execute()
    }
    if (status === 'published') {
      await adjustCounts(trx, { topic_id: topic.id, parent_id: rootId }, 1, at)
      if (parent) pushAfterCommit(after, await tellReplied(trx, row, topic.question, now))
    }
    if (!staff) await joinTopic(trx, topic.id, principal.userId, now)
    if (input.stance) await setStance(trx, topic.id, principal.userId, input.stance, now)
    // The row as inserted: nothing else can have touched it before this commits.
    return (await presentPosts(trx, [row], viewer, now, true)).get(row.id)!
  }, 201)
}

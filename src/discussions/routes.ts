import Taro from '@tarojs/taro'
import type { Post } from '@yishi/types'

// Where the 议事厅's pages are, and the one event its pages use to tell each other about changes.

export const HALL_PAGE = '/pages/hall/index'
export const topicUrl = (id: number) => `/pages/hall/topic?id=${id}`
/** A link to any post or reply opens its thread, scrolled to it. */
export const threadUrl = (postId: number) => `/pages/hall/thread?id=${postId}`

export interface ComposeParams {
  topicId: number
  /** Reply to this post (a root or a reply). */
  parentId?: number
  /** Edit this post of mine. */
  editId?: number
  /** Staff: post as 官方回复. */
  official?: boolean
}

export function composeUrl(p: ComposeParams): string {
  const q = [`topicId=${p.topicId}`]
  if (p.parentId) q.push(`parentId=${p.parentId}`)
  if (p.editId) q.push(`editId=${p.editId}`)
  if (p.official) q.push('official=1')
  return `/more/hall/compose?${q.join('&')}`
}

/** A topic opened when a proposal was accepted links back to it (the proposals' page). */
export const proposalUrl = (id: number) => `/more/proposals/detail?id=${id}`

// Committee (subpackage) pages.
export const MODERATION_QUEUE_PAGE = '/committee/moderation/index'
export const MODERATION_LOG_PAGE = '/committee/moderation/log'
export const NEW_TOPIC_PAGE = '/committee/discussions/new'
export const manageTopicUrl = (id: number) => `/committee/discussions/topic?id=${id}`

/** Posted, edited, deleted or moderated: pages showing the topic bring themselves up to date. */
export const POSTS_CHANGED = 'hall:posts-changed'

export interface PostsChanged {
  topicId: number
  /** The new or changed post, when there is one. */
  post?: Post
  kind: 'created' | 'edited' | 'moderated' | 'topic'
}

export function announce(change: PostsChanged): void {
  Taro.eventCenter.trigger(POSTS_CHANGED, change)
}

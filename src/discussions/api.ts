import type { Appeal, NewPost, Post, PostPage, PostSort, PostThread, ReportReason, Stance, Topic, TopicState } from '@yishi/types'
import { api, request } from '@/shared/request'

// The residents' part of the 议事厅 API (server/discussions/routes.ts, server/moderation/routes.ts).

export interface TopicQuery {
  state?: TopicState
  /** Open, approved and not past the closing date (首页). */
  active?: boolean
  /** Only the caller's own units (where they live, or serve). */
  mine?: boolean
  unitId?: number
  cursor?: string | null
  limit?: number
}

export interface TopicList {
  items: Topic[]
  nextCursor: string | null
}

const flag = (v: boolean | undefined) => (v ? '1' : undefined)

export const discussionsApi = {
  topics: (q: TopicQuery = {}, silent = false) =>
    api.get<TopicList>('/api/topics', {
      query: { state: q.state, active: flag(q.active), mine: flag(q.mine), unitId: q.unitId, cursor: q.cursor ?? undefined, limit: q.limit },
      silent,
    }),
  /** Open topics the caller cannot read until verified, of a 居民区 (or of every one). */
  hiddenTopics: (neighbourhoodId?: number) => api.get<{ open: number }>('/api/topics/hidden', { query: { neighbourhoodId }, silent: true }),
  topic: (id: number, silent = false) => api.get<Topic>(`/api/topics/${id}`, { silent }),
  posts: (topicId: number, sort: PostSort, cursor: string | null) =>
    api.get<PostPage>(`/api/topics/${topicId}/posts`, { query: { sort, cursor: cursor ?? undefined } }),
  /** The whole thread of any post or reply (a link to a reply opens this). */
  thread: (postId: number, silent = false) => api.get<PostThread>(`/api/posts/${postId}`, { silent }),

  /** Silent: the composer shows refusals itself, in full. */
  createPost: (topicId: number, post: NewPost, idempotencyKey?: string) =>
    request<Post>(`/api/topics/${topicId}/posts`, { method: 'POST', data: post, silent: true, idempotencyKey }),
  editPost: (postId: number, body: string) => request<Post>(`/api/posts/${postId}`, { method: 'PATCH', data: { body }, silent: true }),
  deletePost: (postId: number) => request<{ ok: true; placeholder: boolean }>(`/api/posts/${postId}`, { method: 'DELETE' }),

  like: (postId: number) => request<{ liked: boolean; likeCount: number }>(`/api/posts/${postId}/like`, { method: 'POST' }),
  unlike: (postId: number) => request<{ liked: boolean; likeCount: number }>(`/api/posts/${postId}/like`, { method: 'DELETE' }),
  report: (postId: number, reason: ReportReason) =>
    request<{ ok: true; autoHidden: boolean }>(`/api/posts/${postId}/reports`, { method: 'POST', data: { reason } }),
  appeal: (postId: number, reason: string) => request<Appeal>(`/api/posts/${postId}/appeals`, { method: 'POST', data: { reason } }),

  setStance: (topicId: number, stance: Stance) => request<Topic>(`/api/topics/${topicId}/stance`, { method: 'PUT', data: { stance } }),
  clearStance: (topicId: number) => request<Topic>(`/api/topics/${topicId}/stance`, { method: 'DELETE' }),
}

import { useCallback, useRef, useState } from 'react'
import type { Post, PostSort } from '@yishi/types'
import { discussionsApi } from './api'

// A topic's posts page by page (cursor), pinned ones apart, with in-place updates so a like or a
// report does not reload the list.

export interface PostListState {
  pinned: Post[]
  items: Post[]
  nextCursor: string | null
  /** First page loaded at least once. */
  loaded: boolean
  loading: boolean
  error: boolean
}

const EMPTY: PostListState = { pinned: [], items: [], nextCursor: null, loaded: false, loading: false, error: false }

/** Replace a post (root or reply) wherever it is in the list. */
export function replacePost(list: Post[], next: Post): Post[] {
  return list.map((p) => {
    if (p.id === next.id) return { ...next, replies: next.replies ?? p.replies }
    if (p.replies?.some((r) => r.id === next.id)) return { ...p, replies: p.replies.map((r) => (r.id === next.id ? next : r)) }
    return p
  })
}

/** Add a reply I just wrote under its root, if the root is in the list. */
export function addReply(list: Post[], reply: Post): Post[] {
  return list.map((p) =>
    p.id === reply.parentId && !p.replies?.some((r) => r.id === reply.id)
      ? { ...p, replies: [...(p.replies ?? []), reply], replyCount: p.replyCount + (reply.status === 'published' ? 1 : 0) }
      : p,
  )
}

export function usePostList(topicId: number) {
  const [sort, setSort] = useState<PostSort>('oldest')
  const [state, setState] = useState<PostListState>(EMPTY)
  // Answers to an older request (another sort, or a reload since) are dropped.
  const generation = useRef(0)

  const load = useCallback(
    async (nextSort: PostSort, cursor: string | null) => {
      const gen = cursor ? generation.current : ++generation.current
      setState((s) => ({ ...(cursor ? s : { ...s, error: false }), loading: true }))
      try {
        const page = await discussionsApi.posts(topicId, nextSort, cursor)
        if (gen !== generation.current) return
        setState((s) => {
          const known = new Set(cursor ? s.items.map((p) => p.id) : [])
          return {
            pinned: cursor ? s.pinned : page.pinned,
            items: cursor ? [...s.items, ...page.items.filter((p) => !known.has(p.id))] : page.items,
            nextCursor: page.nextCursor,
            loaded: true,
            loading: false,
            error: false,
          }
        })
      } catch {
        if (gen !== generation.current) return
        setState((s) => ({ ...s, loading: false, error: true }))
      }
    },
    [topicId],
  )

  const reload = useCallback(() => load(sort, null), [load, sort])
  const changeSort = (next: PostSort) => {
    if (next === sort) return
    setSort(next)
    setState(EMPTY)
    void load(next, null)
  }
  const loadMore = () => {
    if (state.loading || !state.nextCursor) return
    void load(sort, state.nextCursor)
  }
  const update = (post: Post) => setState((s) => ({ ...s, pinned: replacePost(s.pinned, post), items: replacePost(s.items, post) }))
  const remove = (post: Post) => setState((s) => ({ ...s, pinned: s.pinned.filter((p) => p.id !== post.id), items: s.items.filter((p) => p.id !== post.id) }))
  /** A post I just wrote: a reply goes under its root; a root post shows at once (top of "最多赞同", end of "按时间"). */
  const added = (post: Post) =>
    setState((s) => {
      if (post.parentId) return { ...s, pinned: addReply(s.pinned, post), items: addReply(s.items, post) }
      if (s.items.some((p) => p.id === post.id)) return s
      const fresh = { ...post, replies: [] }
      return { ...s, items: sort === 'liked' ? [fresh, ...s.items] : s.nextCursor ? [fresh, ...s.items] : [...s.items, fresh] }
    })

  return { sort, changeSort, ...state, reload, loadMore, update, remove, added }
}

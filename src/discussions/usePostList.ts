import { useRef, useState } from 'react'
import type { Post, PostPage, PostSort } from '@yishi/types'
import { usePagedList } from '@/shared/hooks/usePagedList'
import { discussionsApi } from './api'

// A topic's posts page by page (cursor), pinned ones apart, with in-place updates so a like or a
// report does not reload the list.

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

/** A topic's posts: loaded when the topic's page opens, and again whenever it hears a post changed. */
export function usePostList(topicId: number) {
  const [sort, setSort] = useState<PostSort>('oldest')
  const [pinned, setPinned] = useState<Post[]>([])
  const list = usePagedList<Post, PostPage>((cursor) => discussionsApi.posts(topicId, sort, cursor), {
    when: 'mount',
    enabled: topicId > 0,
    deps: [sort],
    onPage: (page, first) => {
      if (first) setPinned(page.pinned)
    },
  })

  // `added` runs from event listeners registered earlier: it reads these as they are now.
  const now = useRef({ sort, hasMore: list.hasMore })
  now.current = { sort, hasMore: list.hasMore }

  const changeSort = (next: PostSort) => {
    setPinned([])
    setSort(next)
  }
  const update = (post: Post) => {
    setPinned((all) => replacePost(all, post))
    list.update((all) => replacePost(all, post))
  }
  const remove = (post: Post) => {
    setPinned((all) => all.filter((p) => p.id !== post.id))
    list.update((all) => all.filter((p) => p.id !== post.id))
  }
  /** A post I just wrote: a reply goes under its root; a root post shows at once (top of "最多赞同", end of "按时间"). */
  const added = (post: Post) => {
    if (post.parentId) {
      setPinned((all) => addReply(all, post))
      list.update((all) => addReply(all, post))
      return
    }
    const fresh = { ...post, replies: [] }
    const first = now.current.sort === 'liked' || now.current.hasMore
    list.update((all) => (all.some((p) => p.id === post.id) ? all : first ? [fresh, ...all] : [...all, fresh]))
  }

  return { ...list, sort, changeSort, pinned, update, remove, added }
}

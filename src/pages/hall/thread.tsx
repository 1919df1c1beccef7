import Taro, { useRouter } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Post, PostThread } from '@yishi/types'
import { TOPIC_STATE_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card, Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { loadErrorText, useLoader } from '@/shared/hooks/useLoader'
import { discussionsApi } from '@/discussions/api'
import { PostCard, type PostContext } from '@/discussions/PostCard'
import { composeUrl, POSTS_CHANGED, threadUrl, topicUrl, type PostsChanged } from '@/discussions/routes'

/** A post with all its replies; a link to any reply lands here, scrolled to that reply. */
export default function ThreadPage() {
  const postId = Number(useRouter().params.id)
  const [focusId, setFocusId] = useState<number | null>(null)
  const load = useLoader(
    async () => {
      const t = await discussionsApi.thread(postId, true)
      setFocusId((f) => f ?? t.focusId)
      // What the reader may do here (reply, 赞同) comes with the topic.
      return { thread: t, topic: await discussionsApi.topic(t.topic.id, true).catch(() => null) }
    },
    { when: 'mount', enabled: postId > 0, errorText: (e) => loadErrorText(e, '没有加载出来，请稍后再试') },
  )
  const thread = load.data?.thread ?? null
  const topic = load.data?.topic ?? null
  const setThread = (t: PostThread) => load.set({ thread: t, topic })

  // Scroll to the post the link pointed to, once it is on screen.
  useEffect(() => {
    if (!thread || !focusId || focusId === thread.root.id) return
    const t = setTimeout(() => {
      Taro.pageScrollTo({ selector: `#post-${focusId}`, duration: 300, offsetTop: -80 } as Taro.pageScrollTo.Option).catch(() => undefined)
    }, 300)
    return () => clearTimeout(t)
  }, [thread, focusId])

  useEffect(() => {
    const onChange = (c: PostsChanged) => {
      if (thread && c.topicId === thread.topic.id) void load.reload()
    }
    Taro.eventCenter.on(POSTS_CHANGED, onChange)
    return () => {
      Taro.eventCenter.off(POSTS_CHANGED, onChange)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- listen once per topic; re-subscribing on every load would miss changes in between
  }, [thread?.topic.id])

  if (!postId || load.error) {
    return <PageNotice title='看不到这条发言' text={load.error ?? '链接不完整。'} />
  }
  if (!thread) {
    return <PageNotice title='正在加载…' />
  }

  const inThread = (id: number) => id === thread.root.id || thread.replies.some((r) => r.id === id)
  const ctx: PostContext = {
    topicId: thread.topic.id,
    canLike: !!topic && topic.canPost && !topic.canModerate,
    canReply: !!topic && topic.canPost,
    staff: !!topic?.canModerate,
    openThread: (id) => {
      if (inThread(id)) setFocusId(id)
      else Taro.navigateTo({ url: threadUrl(id) })
    },
  }
  const setRoot = (root: Post) => setThread({ ...thread, root })
  const setReply = (next: Post) => setThread({ ...thread, replies: thread.replies.map((r) => (r.id === next.id ? next : r)) })
  const dropReply = (gone: Post) => setThread({ ...thread, replies: thread.replies.filter((r) => r.id !== gone.id) })

  return (
    <Page>
      <Card onClick={() => Taro.navigateTo({ url: topicUrl(thread.topic.id) })} extra={<Badge tone='neutral'>{TOPIC_STATE_NAMES[thread.topic.state]}</Badge>} title='议题'>
        <Text className='card__lead'>{thread.topic.question}</Text>
        <Text className='link'>查看整个议题 ›</Text>
      </Card>
      {thread.focusId === null && <Text className='hint'>您要找的那条回复已被作者删除，下面是它所在的对话。</Text>}

      <PostCard
        post={thread.root}
        ctx={ctx}
        focus={focusId === thread.root.id && thread.replies.length > 0}
        onChange={setRoot}
        onRemove={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: topicUrl(thread.topic.id) }))}
        onReload={() => void load.reload()}
      />

      <Section title={thread.replies.length ? `全部 ${thread.replies.length} 条回复` : '还没有回复'}>
        {thread.replies.map((r) => (
          <PostCard key={r.id} post={r} ctx={ctx} focus={r.id === focusId} onChange={setReply} onRemove={dropReply} onReload={() => void load.reload()} />
        ))}
        {thread.root.status === 'published' && ctx.canReply && (
          <Button onClick={() => Taro.navigateTo({ url: composeUrl({ topicId: thread.topic.id, parentId: thread.root.id }) })}>回复这条发言</Button>
        )}
      </Section>
    </Page>
  )
}

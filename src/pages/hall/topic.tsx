import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Topic } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { ApiRequestError } from '@/shared/request'
import { RESIDENCE_PAGE } from '@/accounts/ResidenceCard'
import { discussionsApi } from '@/discussions/api'
import { PostList } from '@/discussions/PostList'
import { StanceCard } from '@/discussions/StanceCard'
import { SummaryCard, TopicHeader } from '@/discussions/TopicHeader'
import { usePostList } from '@/discussions/usePostList'
import type { PostContext } from '@/discussions/PostCard'
import { composeUrl, manageTopicUrl, POSTS_CHANGED, threadUrl, type PostsChanged } from '@/discussions/routes'

/** One topic: the question (and 议事纪要 when concluded), stances, and the discussion. */
export default function TopicPage() {
  const id = Number(useRouter().params.id)
  const [topic, setTopic] = useState<Topic | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const list = usePostList(id)

  const loadTopic = () =>
    discussionsApi
      .topic(id, true)
      .then((t) => {
        setTopic(t)
        setFailure(null)
        Taro.setNavigationBarTitle({ title: t.state === 'concluded' ? '议事纪要' : '议题讨论' })
      })
      .catch((err: unknown) => {
        if (!topic) setFailure(err instanceof ApiRequestError ? err.message : '议题没有加载出来')
      })

  useEffect(() => {
    if (id) void list.reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])

  useDidShow(() => {
    if (id) void loadTopic()
  })
  usePullDownRefresh(() => {
    void Promise.all([loadTopic(), list.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => list.loadMore())

  // The composer and the committee's pages say what changed; keep this page in step without a reload.
  useEffect(() => {
    const onChange = (c: PostsChanged) => {
      if (c.topicId !== id) return
      if (c.kind === 'created' && c.post) list.added(c.post)
      else if (c.kind === 'edited' && c.post) list.update(c.post)
      else void list.reload()
      void loadTopic()
    }
    Taro.eventCenter.on(POSTS_CHANGED, onChange)
    return () => {
      Taro.eventCenter.off(POSTS_CHANGED, onChange)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, list.sort])

  if (!id || failure) {
    return <PageNotice title='看不到这个议题' text={failure ?? '链接不完整。'} />
  }

  const ctx: PostContext = {
    topicId: id,
    canLike: !!topic && topic.canPost && !topic.canModerate,
    canReply: !!topic && topic.canPost,
    staff: !!topic?.canModerate,
    openThread: (postId) => Taro.navigateTo({ url: threadUrl(postId) }),
  }

  return (
    <Page>
      {!topic && <EmptyState title='正在加载…' />}
      {topic && (
        <View>
          {topic.state === 'concluded' && <SummaryCard topic={topic} />}
          <TopicHeader topic={topic} />
          <StanceCard topic={topic} onChange={setTopic} />

          {topic.canPost ? (
            <Button className='topic__compose' onClick={() => Taro.navigateTo({ url: composeUrl({ topicId: id }) })}>
              {topic.canModerate ? '以居委会身份发言' : '发表我的意见'}
            </Button>
          ) : (
            topic.cannotPostReason &&
            topic.state !== 'concluded' && (
              <Card tone='warn'>
                <Text className='card__text'>{topic.cannotPostReason}</Text>
                {topic.cannotPostReason.includes('认证') && (
                  <Button className='card__action' kind='secondary' onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>
                    去认证
                  </Button>
                )}
              </Card>
            )
          )}
          {topic.canModerate && (
            <View className='btn-row'>
              <Button kind='secondary' onClick={() => Taro.navigateTo({ url: manageTopicUrl(id) })}>
                管理这个议题
              </Button>
              {topic.canPost && (
                <Button kind='secondary' onClick={() => Taro.navigateTo({ url: composeUrl({ topicId: id, official: true }) })}>
                  发布官方回复
                </Button>
              )}
            </View>
          )}
        </View>
      )}
      <PostList
        list={list}
        ctx={ctx}
        emptyText={topic?.canPost ? '来说说您的看法吧，邻居们会看到“几号楼居民”的发言。' : '这个议题还没有发言。'}
      />
    </Page>
  )
}

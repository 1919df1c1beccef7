import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import { Page, PageNotice } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { loadErrorText, useLoader } from '@/shared/hooks/useLoader'
import { RESIDENCE_PAGE } from '@/accounts/ResidenceCard'
import { discussionsApi } from '@/discussions/api'
import { PostList } from '@/discussions/PostList'
import { StanceCard } from '@/discussions/StanceCard'
import { SummaryCard, TopicHeader } from '@/discussions/TopicHeader'
import { usePostList } from '@/discussions/usePostList'
import type { PostContext } from '@/discussions/PostCard'
import { ShareCard } from '@/share/ShareCard'
import { useShare } from '@/share/useShare'
import { needsVerification, VerifyFirst } from '@/share/VerifyFirst'
import { useMe } from '@/accounts/me'
import { composeUrl, manageTopicUrl, POSTS_CHANGED, threadUrl, type PostsChanged } from '@/discussions/routes'

/** One topic: the question (and 议事纪要 when concluded), stances, and the discussion. */
export default function TopicPage() {
  const id = Number(useRouter().params.id)
  const me = useMe()
  const list = usePostList(id)
  const load = useLoader(
    () =>
      discussionsApi.topic(id, true).then((t) => {
        Taro.setNavigationBarTitle({ title: t.state === 'concluded' ? '议事纪要' : '议题讨论' })
        return t
      }),
    { enabled: id > 0, errorText: (e) => loadErrorText(e, '议题没有加载出来') },
  )
  const topic = load.data
  // Shared only once it is published: a topic held for review is the committee's alone.
  const share = useShare(topic && !topic.pending ? { kind: 'topic', id, title: topic.question } : null)

  // The composer and the committee's pages say what changed; keep this page in step without a reload.
  useEffect(() => {
    const onChange = (c: PostsChanged) => {
      if (c.topicId !== id) return
      if (c.kind === 'created' && c.post) list.added(c.post)
      else if (c.kind === 'edited' && c.post) list.update(c.post)
      else void list.reload()
      void load.reload()
    }
    Taro.eventCenter.on(POSTS_CHANGED, onChange)
    return () => {
      Taro.eventCenter.off(POSTS_CHANGED, onChange)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- listen once per topic; the list and loader objects change every render
  }, [id])

  if (load.error && !topic && me && needsVerification(me)) return <VerifyFirst me={me} what='议题' />
  // Once the topic is on screen, a failed refresh leaves it there.
  if (!id || (load.error && !topic)) {
    return <PageNotice title='看不到这个议题' text={load.error ?? '链接不完整。'} />
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
          <StanceCard topic={topic} onChange={load.set} />

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
          {!topic.pending && <ShareCard share={share} what='议题' />}
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

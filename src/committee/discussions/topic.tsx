import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Topic, TopicModerationAction } from '@yishi/types'
import { STANCE_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { ApiRequestError } from '@/shared/request'
import { discussionsApi } from '@/discussions/api'
import { moderationApi } from '@/moderation/api'
import { PostList } from '@/discussions/PostList'
import { StanceBar } from '@/discussions/StanceBar'
import { SummaryCard, TopicHeader } from '@/discussions/TopicHeader'
import { usePostList } from '@/discussions/usePostList'
import { STANCES } from '@/discussions/format'
import type { PostContext } from '@/discussions/PostCard'
import { announce, composeUrl, threadUrl, topicUrl } from '@/discussions/routes'
import { confirmAction, ModerationActions } from '@/committee/moderation/ModerationActions'
import '@/committee/moderation/moderation.css'

const ACTION_TEXT: Record<TopicModerationAction, { title: string; content: string }> = {
  approve: { title: '通过议题', content: '通过后居民就能看到这个议题并开始讨论。确定通过吗？' },
  lock: { title: '锁定议题', content: '锁定后居民只能查看，不能发言、赞同或表态。以后可以重新开放。确定锁定吗？' },
  reopen: { title: '重新开放', content: '重新开放后居民又可以发言和表态。确定重新开放吗？' },
  conclude: { title: '形成议事纪要', content: '' },
}

/** The positions as counted, to start the 纪要 from. */
function stanceLine(t: Topic): string {
  const parts = STANCES.map((s) => `${STANCE_NAMES[s]} ${t.stances[s]} 人`)
  return `共 ${t.participantCount} 人参与，${t.postCount} 条发言；表态：${parts.join('、')}。`
}

function ConcludePanel({ topic, onDone, onCancel }: { topic: Topic; onDone(t: Topic): void; onCancel(): void }) {
  const [positions, setPositions] = useState(stanceLine(topic) + '\n')
  const [conclusion, setConclusion] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const send = async () => {
    const summary = `各方意见：${positions.trim()}\n结论：${conclusion.trim()}`
    if (conclusion.trim().length < 2) {
      setError('请写明结论')
      return
    }
    if (positions.trim().length + conclusion.trim().length < 10) {
      setError('议事纪要至少 10 个字：各方意见和结论')
      return
    }
    if (!(await confirmAction('形成议事纪要', '纪要会显示在议题最上方，讨论随之结束（以后可以重新开放）。确定发布吗？'))) return
    setBusy(true)
    try {
      const t = await moderationApi.moderateTopic(topic.id, 'conclude', summary)
      Taro.showToast({ title: '议事纪要已发布', icon: 'none' })
      onDone(t)
    } catch {
      // Toast shown by the request client.
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='post__panel'>
      <Text className='field__label'>各方意见（写清支持、反对的主要理由）</Text>
      <Textarea
        className='field__input field__textarea composer__textarea'
        value={positions}
        maxlength={2400}
        placeholder='例如：多数居民支持加装，低层住户担心采光和噪音……'
        placeholderClass='field__placeholder'
        onInput={(e) => {
          setPositions(e.detail.value)
          setError(null)
        }}
      />
      <Text className='field__label'>结论（下一步怎么办）</Text>
      <Textarea
        className={`field__input field__textarea ${error ? 'field__input--error' : ''}`}
        value={conclusion}
        maxlength={2400}
        placeholder='例如：提交居民会议表决；由居委会联系设计单位出方案'
        placeholderClass='field__placeholder'
        onInput={(e) => {
          setConclusion(e.detail.value)
          setError(null)
        }}
      />
      {error && <Text className='field__error'>{error}</Text>}
      <View className='btn-row'>
        <Button kind='secondary' disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button loading={busy} onClick={send}>
          发布纪要
        </Button>
      </View>
    </View>
  )
}

/** The committee's view of one topic: its state (lock / conclude / reopen), and every post with its actions. */
export default function ManageTopicPage() {
  const id = Number(useRouter().params.id)
  const [topic, setTopic] = useState<Topic | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [concluding, setConcluding] = useState(false)
  const [busy, setBusy] = useState(false)
  const list = usePostList(id)

  const loadTopic = () =>
    discussionsApi
      .topic(id, true)
      .then((t) => {
        setTopic(t)
        setFailure(t.canModerate ? null : '只有本居民区的居委会可以管理这个议题')
      })
      .catch((err: unknown) => setFailure(err instanceof ApiRequestError ? err.message : '议题没有加载出来'))

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

  const changed = (t: Topic) => {
    setTopic(t)
    setConcluding(false)
    announce({ topicId: t.id, kind: 'topic' })
  }

  const act = async (action: Exclude<TopicModerationAction, 'conclude'>) => {
    const text = ACTION_TEXT[action]
    if (!(await confirmAction(text.title, text.content, action === 'lock'))) return
    setBusy(true)
    try {
      changed(await moderationApi.moderateTopic(id, action))
      Taro.showToast({ title: `${text.title}：已完成`, icon: 'none' })
    } catch {
      // Toast shown by the request client.
    } finally {
      setBusy(false)
    }
  }

  if (!id || failure) {
    return <PageNotice title='不能管理这个议题' text={failure ?? '链接不完整。'} />
  }

  const ctx: PostContext = {
    topicId: id,
    canLike: false,
    canReply: !!topic?.canPost,
    staff: true,
    openThread: (postId) => Taro.navigateTo({ url: threadUrl(postId) }),
  }

  return (
    <Page>
      {!topic && <EmptyState title='正在加载…' />}
      {topic && (
        <View>
          {topic.state === 'concluded' && <SummaryCard topic={topic} />}
          <TopicHeader topic={topic} />
          <Card title='议题管理' tone='accent'>
            <StanceBar counts={topic.stances} />
            <Text className='card__note'>
              {topic.pending
                ? '这个议题在等待审核，居民还看不到。'
                : topic.state === 'open'
                  ? '讨论进行中。讨论充分后可以形成议事纪要；需要冷静一下时可以先锁定。'
                  : topic.state === 'locked'
                    ? '议题已锁定，居民只能查看。'
                    : '议事纪要已发布，讨论已结束。'}
            </Text>
            {!concluding && (
              <View className='btn-stack' style={{ marginTop: '0.8em' }}>
                {topic.pending && (
                  <Button loading={busy} onClick={() => act('approve')}>
                    通过议题
                  </Button>
                )}
                {topic.state !== 'concluded' && <Button onClick={() => setConcluding(true)}>形成议事纪要</Button>}
                {topic.state === 'open' && (
                  <Button kind='secondary' loading={busy} onClick={() => act('lock')}>
                    锁定议题
                  </Button>
                )}
                {topic.state !== 'open' && (
                  <Button kind='secondary' loading={busy} onClick={() => act('reopen')}>
                    重新开放讨论
                  </Button>
                )}
                {topic.canPost && (
                  <Button kind='secondary' onClick={() => Taro.navigateTo({ url: composeUrl({ topicId: id, official: true }) })}>
                    发布官方回复
                  </Button>
                )}
                <Button kind='plain' onClick={() => Taro.navigateTo({ url: topicUrl(id) })}>
                  查看居民看到的页面
                </Button>
              </View>
            )}
            {concluding && <ConcludePanel topic={topic} onDone={changed} onCancel={() => setConcluding(false)} />}
          </Card>
        </View>
      )}
      <PostList
        list={list}
        ctx={ctx}
        emptyText='居民发言后会显示在这里，您可以隐藏、置顶或禁言。'
        renderExtra={(p) => (
          <ModerationActions
            post={p}
            onDone={(updated) => {
              if (updated) list.update(updated)
              else void list.reload()
              void loadTopic()
            }}
          />
        )}
      />
    </Page>
  )
}

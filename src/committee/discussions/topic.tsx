import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { Topic, TopicModerationAction } from '@yishi/types'
import { STANCE_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { ReasonForm } from '@/shared/ui/ReasonForm'
import type { Ask } from '@/shared/ui/confirm'
import { useAction } from '@/shared/hooks/useAction'
import { loadErrorText, useLoader } from '@/shared/hooks/useLoader'
import { discussionsApi } from '@/discussions/api'
import { moderationApi } from '@/moderation/api'
import { PostList } from '@/discussions/PostList'
import { StanceBar } from '@/discussions/StanceBar'
import { SummaryCard, TopicHeader } from '@/discussions/TopicHeader'
import { usePostList } from '@/discussions/usePostList'
import { STANCES } from '@/discussions/format'
import type { PostContext } from '@/discussions/PostCard'
import { announce, composeUrl, threadUrl, topicUrl } from '@/discussions/routes'
import { ModerationActions } from '@/committee/moderation/ModerationActions'
import '@/committee/moderation/moderation.css'

type StateAction = Exclude<TopicModerationAction, 'conclude'>

const ACTION_ASK: Record<StateAction, Ask> = {
  approve: { title: '通过议题', content: '通过后居民就能看到这个议题并开始讨论。确定通过吗？' },
  lock: { title: '锁定议题', content: '锁定后居民只能查看，不能发言、赞同或表态。以后可以重新开放。确定锁定吗？', danger: true },
  reopen: { title: '重新开放', content: '重新开放后居民又可以发言和表态。确定重新开放吗？' },
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
  const action = useAction()

  const send = () => {
    const summary = `各方意见：${positions.trim()}\n结论：${conclusion.trim()}`
    const problem =
      conclusion.trim().length < 2
        ? '请写明结论'
        : positions.trim().length + conclusion.trim().length < 10
          ? '议事纪要至少 10 个字：各方意见和结论'
          : null
    setError(problem)
    if (problem) return
    void action.run('conclude', async () => onDone(await moderationApi.moderateTopic(topic.id, 'conclude', summary)), {
      ask: { title: '形成议事纪要', content: '纪要会显示在议题最上方，讨论随之结束（以后可以重新开放）。确定发布吗？' },
      done: '议事纪要已发布',
    })
  }

  return (
    <ReasonForm
      className='post__panel'
      label='结论（下一步怎么办）'
      value={conclusion}
      onChange={(v) => {
        setConclusion(v)
        setError(null)
      }}
      maxLength={2400}
      placeholder='例如：提交居民会议表决；由居委会联系设计单位出方案'
      error={error}
      busy={!!action.busy}
      cancel={{ text: '取消', onClick: onCancel }}
      confirm={{ text: '发布纪要', onClick: send }}
    >
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
    </ReasonForm>
  )
}

/** The committee's view of one topic: its state (lock / conclude / reopen), and every post with its actions. */
export default function ManageTopicPage() {
  const id = Number(useRouter().params.id)
  const [concluding, setConcluding] = useState(false)
  const action = useAction()
  const list = usePostList(id)
  const load = useLoader(() => discussionsApi.topic(id, true), { enabled: id > 0, errorText: (e) => loadErrorText(e, '议题没有加载出来') })
  const topic = load.data

  const changed = (t: Topic) => {
    load.set(t)
    setConcluding(false)
    announce({ topicId: t.id, kind: 'topic' })
  }

  const act = (a: StateAction) => {
    const ask = ACTION_ASK[a]
    void action.run(a, async () => changed(await moderationApi.moderateTopic(id, a)), { ask, done: `${ask.title}：已完成` })
  }

  const failure = load.error ?? (topic && !topic.canModerate ? '只有本居民区的居委会可以管理这个议题' : null)
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
                  <Button loading={action.busy === 'approve'} onClick={() => act('approve')}>
                    通过议题
                  </Button>
                )}
                {topic.state !== 'concluded' && <Button onClick={() => setConcluding(true)}>形成议事纪要</Button>}
                {topic.state === 'open' && (
                  <Button kind='secondary' loading={action.busy === 'lock'} onClick={() => act('lock')}>
                    锁定议题
                  </Button>
                )}
                {topic.state !== 'open' && (
                  <Button kind='secondary' loading={action.busy === 'reopen'} onClick={() => act('reopen')}>
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
              void load.reload()
            }}
          />
        )}
      />
    </Page>
  )
}

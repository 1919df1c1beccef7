import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { Post, QueueItem } from '@yishi/types'
import { REPORT_REASON_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { formatDateTime } from '@/shared/format'
import { LoadState } from '@/shared/ui/LoadState'
import { Segments } from '@/shared/ui/Segments'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { moderationApi, QUEUE_KIND_NAMES, waitingItems } from '@/moderation/api'
import { PostCard, type PostContext } from '@/discussions/PostCard'
import { announce, manageTopicUrl, MODERATION_LOG_PAGE, NEW_TOPIC_PAGE, threadUrl } from '@/discussions/routes'
import { AppealDecision, ModerationActions } from './ModerationActions'
import './moderation.css'

type Tab = 'waiting' | 'recent'

function QueueCard({ item, onDone }: { item: QueueItem; onDone(): void }) {
  const [post, setPost] = useState<Post | null>(item.post)
  const action = useAction()
  const kind = QUEUE_KIND_NAMES[item.kind]
  const ctx: PostContext = {
    topicId: item.topic.id,
    canLike: false,
    canReply: false,
    staff: true,
    openThread: (id) => Taro.navigateTo({ url: threadUrl(id) }),
  }

  const approveTopic = () =>
    action.run(
      'approve',
      async () => {
        await moderationApi.moderateTopic(item.topic.id, 'approve')
        announce({ topicId: item.topic.id, kind: 'topic' })
        onDone()
      },
      { ask: { title: '通过议题', content: `通过后“${item.topic.question}”对居民公开，可以开始讨论。确定通过吗？` }, done: '议题已公开' },
    )

  return (
    <Card className='queue-item' tone={kind.tone === 'danger' ? 'danger' : kind.tone === 'warn' ? 'warn' : kind.tone === 'accent' ? 'accent' : 'plain'}>
      <View className='card__head'>
        <Badge tone={kind.tone}>{kind.text}</Badge>
        <Text className='log-entry__time'>{formatDateTime(item.since)}</Text>
      </View>
      <Text className='queue-item__topic' onClick={() => Taro.navigateTo({ url: manageTopicUrl(item.topic.id) })}>
        {item.topic.question} ›
      </Text>
      <Text className='queue-item__meta'>{item.topic.unitName}</Text>
      {item.reports.length > 0 && (
        <View className='reports'>
          {item.reports.map((r) => (
            <Badge key={r.reason} tone='danger'>
              {REPORT_REASON_NAMES[r.reason]} {r.count}
            </Badge>
          ))}
        </View>
      )}
      {item.kind === 'pending_topic' && (
        <View>
          <Text className='card__text'>内容检查认为这个议题需要人工看一下，通过后居民才能看到。</Text>
          <View className='btn-row'>
            <Button kind='secondary' onClick={() => Taro.navigateTo({ url: manageTopicUrl(item.topic.id) })}>
              查看议题
            </Button>
            <Button loading={!!action.busy} onClick={approveTopic}>
              通过议题
            </Button>
          </View>
        </View>
      )}
      {post && (
        <PostCard
          post={post}
          ctx={ctx}
          onChange={setPost}
          onRemove={() => onDone()}
          renderExtra={(p) =>
            item.kind === 'appeal' ? null : (
              <ModerationActions
                post={p}
                onDone={(updated) => {
                  if (updated) setPost(updated)
                  onDone()
                }}
              />
            )
          }
        />
      )}
      {item.kind === 'appeal' && item.appeal && <AppealDecision appeal={item.appeal} onDone={onDone} />}
    </Card>
  )
}

/** The committee's queue: appeals (街镇), reported and pending first, then the latest posts. */
export default function ModerationQueuePage() {
  const me = useMe()
  const [tab, setTab] = useState<Tab>('waiting')
  // Each load numbers its answer: the cards start afresh from it (a card keeps its post in its own state).
  const loads = useRef(0)
  const load = useLoader(() => moderationApi.queue().then((q) => ({ items: q.items, version: ++loads.current })), { enabled: isCommittee(me) })
  const items = load.data?.items ?? null

  if (me && !isCommittee(me)) {
    return <PageNotice title='只有居委会工作人员可以查看这里' text='如需帮助，请联系您所在居民区的居委会。' />
  }

  const waiting = items ? waitingItems(items) : []
  const recent = items ? items.filter((i) => i.kind === 'recent') : []
  const shown = tab === 'waiting' ? waiting : recent

  return (
    <Page>
      <View className='btn-row btn-row--top'>
        <Button kind='secondary' small onClick={() => Taro.navigateTo({ url: MODERATION_LOG_PAGE })}>
          审核日志
        </Button>
        <Button kind='secondary' small onClick={() => Taro.navigateTo({ url: NEW_TOPIC_PAGE })}>
          发起新议题
        </Button>
      </View>
      <Segments
        options={[
          { value: 'waiting', label: `待处理${items ? ` ${waiting.length}` : ''}` },
          { value: 'recent', label: '最新发言' },
        ]}
        value={tab}
        onChange={setTab}
      />
      <Text className='hint'>
        {tab === 'waiting'
          ? '申诉、被举报和待审核的内容排在前面。每个操作都会先让您确认，并记入审核日志。'
          : '最近发布的发言，发现问题也可以在这里处理。'}
      </Text>
      <LoadState load={load} title='队列没有加载出来' text='请检查网络后重试。' />
      {items && shown.length === 0 && (
        <EmptyState
          title={tab === 'waiting' ? '没有等待处理的内容' : '最近没有新发言'}
          text={tab === 'waiting' ? '居民举报的发言、内容检查拦下的发言和议题会出现在这里。' : undefined}
        />
      )}
      {shown.map((item) => (
        <QueueCard key={`${load.data?.version}-${item.kind}-${item.post?.id ?? 't' + item.topic.id}`} item={item} onDone={() => void load.reload()} />
      ))}
    </Page>
  )
}

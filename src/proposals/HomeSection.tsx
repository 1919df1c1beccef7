import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ProposalHome } from '@yishi/types'
import { Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { useLoader } from '@/shared/hooks/useLoader'
import { ListRow } from '@/shared/ui/ListRow'
import { Badge, Card } from '@/shared/ui/Card'
import { useMe } from '@/accounts/me'
import { useSession } from '@/accounts/session'
import { useUnread } from '@/notifications/unread'
import { COMMITTEE_QUEUE_PAGE, MY_PROPOSALS_PAGE, NOTIFICATIONS_PAGE, PROPOSALS_PAGE, proposalsApi } from './api'
import { cosignProgress } from './labels'
import { ProposalCard } from './ui'

/** How many items of each kind 首页 shows before "查看全部". */
const PER_KIND = 3

export function homeIsEmpty(h: ProposalHome | null): boolean {
  return !h || (!h.openVotes.length && !h.nearThreshold.length && !h.toEvaluate.length && !h.overdue.length)
}

/** 首页's "需要您关注的提案": open votes, proposals close to the threshold, results to evaluate, overdue items. */
export function ProposalsHomeSection() {
  const me = useMe()
  const token = useSession((s) => s.token)
  const load = useLoader(() => proposalsApi.home(), { enabled: !!token })
  const home = load.data

  const shown = new Set<number>()
  const once = <T extends { id: number }>(list: T[]) =>
    list.filter((i) => (shown.has(i.id) ? false : (shown.add(i.id), true))).slice(0, PER_KIND)

  const votes = home ? once(home.openVotes) : []
  const near = home ? once(home.nearThreshold) : []
  const evaluate = home ? once(home.toEvaluate) : []
  const overdue = home ? once(home.overdue) : []

  return (
    <Section title='需要您关注的提案'>
      {!me?.verified && (
        <EmptyState title='认证住址后，这里会提醒您投票和附议' text='邻居们提出的、等待附议或投票的提案会显示在这里。' />
      )}
      {me?.verified && <LoadState load={load} title='提案没有加载出来' text='下拉页面可以重新加载。' retry={false} />}
      {me?.verified && home && homeIsEmpty(home) && (
        <EmptyState title='暂时没有需要您关注的提案' text='有投票、快够附议人数的提案或需要您评议的事项时，会显示在这里。' />
      )}
      {votes.map((p) => (
        <ProposalCard key={p.id} item={p} note={p.householdVoted ? '您家已经投过票，截止前可以修改。' : '请投票：每户一票。'} />
      ))}
      {near.map((p) => (
        <ProposalCard key={p.id} item={p} note={`快够了，${cosignProgress(p.cosignCount, p.threshold).hint}附议。`} />
      ))}
      {evaluate.map((p) => (
        <ProposalCard key={p.id} item={p} note='已经办完，请您评一评效果。' />
      ))}
      {overdue.map((p) => (
        <ProposalCard key={p.id} item={p} note='这件事超过了规定时间，已提醒居委会。' />
      ))}
      <Button kind='secondary' onClick={() => Taro.switchTab({ url: PROPOSALS_PAGE })}>
        查看全部提案
      </Button>
    </Section>
  )
}

/** One line on 首页's committee card: proposals waiting for the committee. */
export function ProposalQueueLine() {
  const [count, setCount] = useState<number | null>(null)
  useDidShow(() => {
    proposalsApi
      .queue()
      .then((q) => setCount(new Set([...q.screening, ...q.overdue, ...q.votesToClose, ...q.pendingReview].map((p) => p.id)).size))
      .catch(() => setCount(null))
  })
  return (
    <View>
      <View className='stat'>
        <Text className='stat__value'>{count === null ? '—' : count}</Text>
        <Text className='stat__label'>条提案等待处理（审核、超期、投票截止）</Text>
      </View>
      <Button kind='secondary' className='card__action' onClick={() => Taro.navigateTo({ url: COMMITTEE_QUEUE_PAGE })}>
        处理提案
      </Button>
    </View>
  )
}

/** 首页: news waiting to be read, so that it is not missed inside 我的 → 消息. Nothing when all is read. */
export function UnreadNewsCard() {
  const unread = useUnread((s) => s.count)
  useDidShow(() => void useUnread.getState().refresh())
  if (unread <= 0) return null
  return (
    <Card title='新消息' tone='warn' className='unread-news'>
      <Text className='card__text'>您关注的提案有 {unread} 条新消息。</Text>
      <Button className='card__action' onClick={() => Taro.navigateTo({ url: NOTIFICATIONS_PAGE })}>
        查看消息
      </Button>
    </Card>
  )
}

/** 我的: links to 我的提案 and the notifications, with the unread count. */
export function MyProposalsCard() {
  const unread = useUnread((s) => s.count)
  useDidShow(() => void useUnread.getState().refresh())
  return (
    <Card title='提案和消息'>
      <ListRow label='我的提案' arrow onClick={() => Taro.navigateTo({ url: MY_PROPOSALS_PAGE })} />
      <ListRow
        label='消息'
        value={unread > 0 ? <Badge tone='danger'>{unread} 条未读</Badge> : undefined}
        arrow
        onClick={() => Taro.navigateTo({ url: NOTIFICATIONS_PAGE })}
      />
    </Card>
  )
}

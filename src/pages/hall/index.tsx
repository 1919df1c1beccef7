import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { Topic, TopicState } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { RESIDENCE_PAGE } from '@/accounts/ResidenceCard'
import { discussionsApi } from '@/discussions/api'
import { TopicCard } from '@/discussions/TopicCard'
import { MODERATION_QUEUE_PAGE, NEW_TOPIC_PAGE } from '@/discussions/routes'

const TABS: { state: TopicState; name: string; empty: string; text: string }[] = [
  { state: 'open', name: '进行中', empty: '现在没有进行中的议事', text: '居委会发起讨论后会显示在这里，您可以发表意见、表明立场。' },
  { state: 'locked', name: '已锁定', empty: '没有锁定的议题', text: '居委会暂停讨论的议题会显示在这里，只能查看。' },
  { state: 'concluded', name: '已形成纪要', empty: '还没有形成纪要的议题', text: '讨论结束后，居委会写好的议事纪要会显示在这里。' },
]

interface ListState {
  items: Topic[] | null
  nextCursor: string | null
  loading: boolean
  error: boolean
}

/** 议事厅: the topics of my units, by state. */
export default function HallPage() {
  const me = useMe()
  const committee = isCommittee(me)
  const [tab, setTab] = useState<TopicState>('open')
  const [list, setList] = useState<ListState>({ items: null, nextCursor: null, loading: false, error: false })
  const generation = useRef(0)

  const load = async (state: TopicState, cursor: string | null) => {
    const gen = cursor ? generation.current : ++generation.current
    setList((l) => ({ ...l, loading: true, error: cursor ? l.error : false }))
    try {
      const res = await discussionsApi.topics({ state, mine: true, cursor })
      if (gen !== generation.current) return
      setList((l) => ({
        items: cursor ? [...(l.items ?? []), ...res.items.filter((t) => !l.items?.some((x) => x.id === t.id))] : res.items,
        nextCursor: res.nextCursor,
        loading: false,
        error: false,
      }))
    } catch {
      if (gen !== generation.current) return
      setList((l) => ({ ...l, loading: false, error: true }))
    }
  }

  useDidShow(() => {
    void load(tab, null)
  })
  usePullDownRefresh(() => {
    void load(tab, null).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (list.nextCursor && !list.loading) void load(tab, list.nextCursor)
  })

  const switchTab = (state: TopicState) => {
    if (state === tab) return
    setTab(state)
    setList({ items: null, nextCursor: null, loading: true, error: false })
    void load(state, null)
  }

  const current = TABS.find((t) => t.state === tab)!
  const unverified = !committee && me?.residence?.status !== 'approved'

  return (
    <Page>
      <Text className='hint'>议事厅是邻居们一起商量事情的地方。发言只显示“几号楼居民”，不显示姓名和房号。</Text>
      {committee && (
        <View className='btn-row hall__staff'>
          <Button kind='secondary' onClick={() => Taro.navigateTo({ url: MODERATION_QUEUE_PAGE })}>
            审核队列
          </Button>
          <Button onClick={() => Taro.navigateTo({ url: NEW_TOPIC_PAGE })}>发起新议题</Button>
        </View>
      )}
      <View className='segments'>
        {TABS.map((t) => (
          <View key={t.state} className={`segment ${t.state === tab ? 'segment--active' : ''}`} onClick={() => switchTab(t.state)}>
            <Text>{t.name}</Text>
          </View>
        ))}
      </View>

      {list.error && !list.items && (
        <EmptyState title='议题没有加载出来' text='请检查网络后重试。'>
          <Button kind='secondary' onClick={() => load(tab, null)}>
            重试
          </Button>
        </EmptyState>
      )}
      {!list.items && !list.error && <EmptyState title='正在加载…' />}
      {list.items && list.items.length === 0 && (
        unverified ? (
          <EmptyState title='认证住址后就能看到本居民区的议事' text='议事厅只对本居民区的居民开放。认证您住在哪个楼组后，就可以查看讨论、发表意见。'>
            <Button onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>去认证</Button>
          </EmptyState>
        ) : (
          <EmptyState title={current.empty} text={current.text} />
        )
      )}
      {list.items?.map((t) => <TopicCard key={t.id} topic={t} />)}
      {list.items && list.items.length > 0 && (
        <View className='list-foot'>
          {list.nextCursor ? (
            <Button kind='secondary' loading={list.loading} onClick={() => load(tab, list.nextCursor)}>
              加载更多
            </Button>
          ) : (
            <Text>没有更多了</Text>
          )}
        </View>
      )}
    </Page>
  )
}

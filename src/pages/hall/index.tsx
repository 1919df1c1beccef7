import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Topic, TopicState } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadMore } from '@/shared/ui/LoadMore'
import { LoadState } from '@/shared/ui/LoadState'
import { SearchBox, SearchEmpty } from '@/shared/ui/SearchBox'
import { Segments } from '@/shared/ui/Segments'
import { usePagedList } from '@/shared/hooks/usePagedList'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { RESIDENCE_PAGE } from '@/accounts/ResidenceCard'
import { discussionsApi } from '@/discussions/api'
import { TopicCard } from '@/discussions/TopicCard'
import { MODERATION_QUEUE_PAGE, NEW_TOPIC_PAGE } from '@/discussions/routes'

const TABS: { value: TopicState; label: string; empty: string; text: string }[] = [
  { value: 'open', label: '进行中', empty: '现在没有进行中的议事', text: '居委会发起讨论后会显示在这里，您可以发表意见、表明立场。' },
  { value: 'locked', label: '已锁定', empty: '没有锁定的议题', text: '居委会暂停讨论的议题会显示在这里，只能查看。' },
  { value: 'concluded', label: '已形成纪要', empty: '还没有形成纪要的议题', text: '讨论结束后，居委会写好的议事纪要会显示在这里。' },
]

/** 议事厅: the topics of my units, by state. */
export default function HallPage() {
  const me = useMe()
  const committee = isCommittee(me)
  const [tab, setTab] = useState<TopicState>('open')
  const [query, setQuery] = useState('')
  // A search looks through every topic, whatever its state: a resident rarely knows which tab holds it.
  const list = usePagedList<Topic>((cursor) => discussionsApi.topics(query ? { q: query, mine: true, cursor } : { state: tab, mine: true, cursor }), {
    deps: [tab, query],
  })

  const current = TABS.find((t) => t.value === tab)!
  const unverified = !committee && me?.residence?.status !== 'approved'

  return (
    <Page>
      <Text className='hint'>议事厅是邻居们一起商量事情的地方。发言只显示“几号楼居民”，不显示姓名和房号。</Text>
      {committee && (
        <View className='btn-row btn-row--top'>
          <Button kind='secondary' onClick={() => Taro.navigateTo({ url: MODERATION_QUEUE_PAGE })}>
            审核队列
          </Button>
          <Button onClick={() => Taro.navigateTo({ url: NEW_TOPIC_PAGE })}>发起新议题</Button>
        </View>
      )}
      {!unverified && <SearchBox value={query} placeholder='搜索议题，如“电梯”“垃圾”' onSearch={setQuery} />}
      {query ? <Text className='hint'>在全部议题中搜索，按相关程度排列</Text> : <Segments options={TABS} value={tab} onChange={setTab} />}

      <LoadState load={list} title='议题没有加载出来' text='请检查网络后重试。' />
      {list.items && list.items.length === 0 && (
        unverified ? (
          <EmptyState title='认证住址后就能看到本居民区的议事' text='议事厅只对本居民区的居民开放。认证您住在哪个楼组后，就可以查看讨论、发表意见。'>
            <Button onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>去认证</Button>
          </EmptyState>
        ) : query ? (
          <SearchEmpty query={query} what='议题' />
        ) : (
          <EmptyState title={current.empty} text={current.text} />
        )
      )}
      {list.items?.map((t) => <TopicCard key={t.id} topic={t} />)}
      <LoadMore list={list} footer end='没有更多了' />
    </Page>
  )
}

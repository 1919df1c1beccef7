import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { useState } from 'react'
import type { ProposalListItem } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { useMe } from '@/accounts/me'
import { PROPOSAL_SUBMIT_PAGE, proposalsApi } from '@/proposals/api'
import { hasDraft, useProposalDraft } from '@/proposals/draft'
import { ProposalCard } from '@/proposals/ui'

export default function MyProposalsPage() {
  const me = useMe()
  const draft = useProposalDraft()
  const [items, setItems] = useState<ProposalListItem[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState(false)
  const [more, setMore] = useState(false)

  const load = async () => {
    setError(false)
    try {
      const page = await proposalsApi.list({ mine: true, sort: 'newest', limit: 20 })
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch {
      setError(true)
    }
  }
  const loadMore = async () => {
    if (!cursor || more) return
    setMore(true)
    try {
      const page = await proposalsApi.list({ mine: true, sort: 'newest', cursor, limit: 20 })
      setItems((list) => [...(list ?? []), ...page.items])
      setCursor(page.nextCursor)
    } catch {
      // Toast shown.
    } finally {
      setMore(false)
    }
  }

  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void loadMore()
  })

  return (
    <Page>
      {hasDraft(draft) && (
        <EmptyState title='您有一份没写完的提案' text={draft.title ? `“${draft.title}”` : '草稿已自动保存。'}>
          <Button onClick={() => Taro.navigateTo({ url: PROPOSAL_SUBMIT_PAGE })}>接着写</Button>
        </EmptyState>
      )}
      {error && (
        <EmptyState title='没有加载出来' text='请检查网络后重试。'>
          <Button kind='secondary' onClick={load}>
            重试
          </Button>
        </EmptyState>
      )}
      {!items && !error && <EmptyState title='正在加载…' />}
      {items && !items.length && (
        <EmptyState title='您还没有提过提案' text='小区里有想改进的事，可以写成提案，请邻居们附议。'>
          {me?.verified && <Button onClick={() => Taro.navigateTo({ url: PROPOSAL_SUBMIT_PAGE })}>提新提案</Button>}
        </EmptyState>
      )}
      {items?.map((item) => <ProposalCard key={item.id} item={item} />)}
      {items && items.length > 0 && cursor && (
        <Button kind='plain' loading={more} onClick={loadMore}>
          加载更多
        </Button>
      )}
      {items && items.length > 0 && !cursor && <Text className='list-end'>共 {items.length} 条</Text>}
    </Page>
  )
}

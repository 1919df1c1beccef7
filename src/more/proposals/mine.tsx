import Taro from '@tarojs/taro'
import type { ProposalListItem } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadMore } from '@/shared/ui/LoadMore'
import { LoadState } from '@/shared/ui/LoadState'
import { usePagedList } from '@/shared/hooks/usePagedList'
import { useMe } from '@/accounts/me'
import { PROPOSAL_SUBMIT_PAGE, proposalsApi } from '@/proposals/api'
import { hasDraft, useProposalDraft } from '@/proposals/draft'
import { ProposalCard } from '@/proposals/ui'

export default function MyProposalsPage() {
  const me = useMe()
  const draft = useProposalDraft()
  const list = usePagedList<ProposalListItem>((cursor) => proposalsApi.list({ mine: true, sort: 'newest', cursor, limit: 20 }))
  const items = list.items

  return (
    <Page>
      {hasDraft(draft) && (
        <EmptyState title='您有一份没写完的提案' text={draft.title ? `“${draft.title}”` : '草稿已自动保存。'}>
          <Button onClick={() => Taro.navigateTo({ url: PROPOSAL_SUBMIT_PAGE })}>接着写</Button>
        </EmptyState>
      )}
      <LoadState load={list} title='没有加载出来' text='请检查网络后重试。' />
      {items && !items.length && (
        <EmptyState title='您还没有提过提案' text='小区里有想改进的事，可以写成提案，请邻居们附议。'>
          {me?.verified && <Button onClick={() => Taro.navigateTo({ url: PROPOSAL_SUBMIT_PAGE })}>提新提案</Button>}
        </EmptyState>
      )}
      {items?.map((item) => <ProposalCard key={item.id} item={item} />)}
      <LoadMore list={list} end={`共 ${items?.length ?? 0} 条`} />
    </Page>
  )
}

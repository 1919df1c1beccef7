import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ProposalListItem, ProposalQueue, ProposalState } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { Segments } from '@/shared/ui/Segments'
import { useLoader } from '@/shared/hooks/useLoader'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { COMMITTEE_MANAGE_PAGE, proposalsApi } from '@/proposals/api'
import { ProposalCard } from '@/proposals/ui'
import { PROXY_PAGE } from './api'

type Tab = 'queue' | 'active' | 'collecting'

const TABS: { value: Tab; label: string }[] = [
  { value: 'queue', label: '待处理' },
  { value: 'active', label: '办理中' },
  { value: 'collecting', label: '征集中' },
]

const ACTIVE: ProposalState[] = ['accepted', 'deliberating', 'voting', 'approved', 'implementing', 'referred']

const manage = (p: ProposalListItem) => Taro.navigateTo({ url: `${COMMITTEE_MANAGE_PAGE}?id=${p.id}` })

function Group({ title, hint, items, note }: { title: string; hint: string; items: ProposalListItem[]; note?: (p: ProposalListItem) => string }) {
  if (!items.length) return null
  return (
    <Section title={`${title}（${items.length}）`}>
      <Text className='hint'>{hint}</Text>
      {items.map((p) => (
        <ProposalCard key={p.id} item={p} note={note?.(p)} onClick={() => manage(p)} />
      ))}
    </Section>
  )
}

export default function CommitteeProposalsPage() {
  const me = useMe()
  const [tab, setTab] = useState<Tab>('queue')
  const load = useLoader(
    (): Promise<{ queue?: ProposalQueue; list?: ProposalListItem[] }> =>
      tab === 'queue'
        ? proposalsApi.queue(false).then((queue) => ({ queue }))
        : proposalsApi.list({ states: tab === 'active' ? ACTIVE : ['submitted'], sort: 'newest', limit: 50 }).then((page) => ({ list: page.items })),
    { enabled: isCommittee(me), deps: [tab] },
  )
  const queue = load.data?.queue ?? null
  const list = load.data?.list ?? null

  if (me && !isCommittee(me)) {
    return <PageNotice title='只有居委会工作人员可以查看这里' text='如需帮助，请联系您所在居民区的居委会。' />
  }

  const empty =
    queue && !queue.screening.length && !queue.overdue.length && !queue.votesToClose.length && !queue.pendingReview.length
  // Each proposal once, in the first group it belongs to (a proposal in screening may also be overdue).
  const listed = new Set<number>()
  const once = (items: ProposalListItem[]) => items.filter((p) => (listed.has(p.id) ? false : (listed.add(p.id), true)))
  const groups = queue
    ? { screening: once(queue.screening), votesToClose: once(queue.votesToClose), overdue: once(queue.overdue), pendingReview: once(queue.pendingReview) }
    : null

  return (
    <Page>
      <Segments options={TABS} value={tab} onChange={setTab} />

      <LoadState load={load} title='没有加载出来' text='请检查网络后重试。' />

      {tab === 'queue' && (
        <View>
          {empty && <EmptyState title='没有等待处理的提案' text='附议人数够了的提案、超期的事项和到期的投票会出现在这里。' />}
          {groups && (
            <View>
              <Group title='待审核' hint='附议人数已够，请决定受理、不受理、合并或转办。' items={groups.screening} />
              <Group
                title='投票已截止'
                hint='请公布投票结果。'
                items={groups.votesToClose}
                note={() => '投票已截止，点开公布结果'}
              />
              <Group title='已超期' hint='超过了本阶段的时限，居民能看到“已超期”。请尽快推进。' items={groups.overdue} />
              <Group title='内容待审核' hint='内容检查没有直接通过，请人工查看后公开或隐藏。' items={groups.pendingReview} />
            </View>
          )}
        </View>
      )}

      {tab !== 'queue' && (
        <View>
          {list && !list.length && (
            <EmptyState
              title={tab === 'active' ? '没有办理中的提案' : '没有正在征集附议的提案'}
              text={tab === 'active' ? '附议够数、居委会受理后的提案会在这里办理。下拉可以刷新。' : '居民提交的提案在征集附议时会出现在这里。下拉可以刷新。'}
            />
          )}
          {list?.map((p) => <ProposalCard key={p.id} item={p} onClick={() => manage(p)} />)}
        </View>
      )}

      <Section title='代录'>
        <Text className='hint'>居民到居委会当面提出的建议或附议，可以由工作人员代为登记，会标明“居委会代录”。</Text>
        <Button kind='secondary' onClick={() => Taro.navigateTo({ url: PROXY_PAGE })}>
          代录提案或附议
        </Button>
      </Section>
    </Page>
  )
}

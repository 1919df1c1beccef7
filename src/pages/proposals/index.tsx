import Taro, { useLoad } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { ProposalCategory, ProposalListItem } from '@yishi/types'
import { PROPOSAL_CATEGORIES, PROPOSAL_CATEGORY_NAMES } from '@yishi/types'
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
import { ProposalCard } from '@/proposals/ui'
import { STATE_GROUPS } from '@/proposals/labels'
import { detailUrl, MY_PROPOSALS_PAGE, PROPOSAL_SUBMIT_PAGE, proposalsApi, proposalsVersion } from '@/proposals/api'

type Sort = 'newest' | 'cosigns'

const SORTS: { value: Sort; label: string }[] = [
  { value: 'newest', label: '最新' },
  { value: 'cosigns', label: '附议最多' },
]

const CATEGORY_OPTIONS = ['全部分类', ...PROPOSAL_CATEGORIES.map((c) => PROPOSAL_CATEGORY_NAMES[c])]

export default function ProposalsPage() {
  const me = useMe()
  const canRead = !!me && (me.verified || isCommittee(me))
  const [group, setGroup] = useState('all')
  const [category, setCategory] = useState<ProposalCategory | null>(null)
  const [sort, setSort] = useState<Sort>('newest')
  const [picking, setPicking] = useState(false)
  const [query, setQuery] = useState('')
  const loadedVersion = useRef(-1)

  useLoad((params) => {
    // Opened from a WeChat subscribe message (pages/proposals/index?id=…): go to that proposal.
    const id = Number(params?.id)
    if (id > 0) void Taro.navigateTo({ url: detailUrl(id) })
  })

  const list = usePagedList<ProposalListItem>(
    (cursor) => {
      if (!cursor) loadedVersion.current = proposalsVersion()
      const states = STATE_GROUPS.find((x) => x.key === group)?.states ?? []
      return proposalsApi.list({ states, category: category ?? undefined, sort, q: query, cursor, limit: 20 })
    },
    // Coming back to the list reloads it only if a proposal changed meanwhile.
    { enabled: canRead, stale: () => loadedVersion.current !== proposalsVersion(), deps: [group, category, sort, query] },
  )
  const items = list.items

  const pickCategory = (index: number) => {
    setPicking(false)
    setCategory(index <= 0 ? null : PROPOSAL_CATEGORIES[index - 1])
  }

  const groupLabel = STATE_GROUPS.find((g) => g.key === group)?.label ?? ''

  if (me && !canRead) {
    return (
      <Page>
        <EmptyState
          title='认证住址后就能看到本小区的提案'
          text='提案只给本居民区已认证的居民看。认证后，您可以提出建议、为邻居的提案附议、参加投票。'
        >
          {!me.residence && <Button onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>去认证</Button>}
        </EmptyState>
        <Button kind='secondary' onClick={() => Taro.navigateTo({ url: MY_PROPOSALS_PAGE })}>
          我的提案
        </Button>
      </Page>
    )
  }

  return (
    <Page>
      <View className='btn-row btn-row--top'>
        {!isCommittee(me) || me?.residence ? (
          <Button onClick={() => Taro.navigateTo({ url: PROPOSAL_SUBMIT_PAGE })}>提新提案</Button>
        ) : null}
        <Button kind='secondary' onClick={() => Taro.navigateTo({ url: MY_PROPOSALS_PAGE })}>
          我的提案
        </Button>
      </View>

      <SearchBox value={query} placeholder='搜索提案，如“电梯”“停车”' onSearch={setQuery} />

      <ScrollView className='chips' scrollX enableFlex={false}>
        {STATE_GROUPS.map((g) => (
          <View key={g.key} className={`chip ${g.key === group ? 'chip--active' : ''}`} onClick={() => setGroup(g.key)}>
            <Text>{g.label}</Text>
          </View>
        ))}
      </ScrollView>

      <View className='filters'>
        {/* A search comes best match first: the order buttons would not change it. */}
        {query ? (
          <Text className='filters__sort hint'>按相关程度排列</Text>
        ) : (
          <Segments className='filters__sort' options={SORTS} value={sort} onChange={setSort} />
        )}
        {/* Big tiles rather than the platform's small picker wheel: easier to read and tap. */}
        <View className='filters__picker picker-box' hoverClass='tile--pressed' onClick={() => setPicking(!picking)}>
          <Text>{category ? PROPOSAL_CATEGORY_NAMES[category] : '全部分类'}</Text>
          <Text className='picker-box__arrow'>{picking ? '▴' : '▾'}</Text>
        </View>
      </View>
      {picking && (
        <View className='tiles category-tiles'>
          {CATEGORY_OPTIONS.map((name, i) => (
            <View
              key={name}
              className={`tile ${(i === 0 ? !category : category === PROPOSAL_CATEGORIES[i - 1]) ? 'tile--selected' : ''}`}
              hoverClass='tile--pressed'
              onClick={() => pickCategory(i)}
            >
              <Text>{name}</Text>
            </View>
          ))}
        </View>
      )}

      <LoadState load={list} title='提案没有加载出来' text='请检查网络后重试。' />
      {items && !items.length && query && <SearchEmpty query={query} what='提案' />}
      {items && !items.length && !query && (
        <EmptyState
          title={group === 'all' && !category ? '还没有提案' : `没有“${category ? PROPOSAL_CATEGORY_NAMES[category] : groupLabel}”的提案`}
          text={group === 'all' && !category ? '小区里有想改进的事，可以点上面的“提新提案”，请邻居们一起附议。' : '换个筛选条件看看。'}
        />
      )}
      {items?.map((item) => <ProposalCard key={item.id} item={item} />)}
      <LoadMore list={list} end='已经到底了' />
    </Page>
  )
}

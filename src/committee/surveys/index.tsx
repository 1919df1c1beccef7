import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { SurveyListItem, SurveyState } from '@yishi/types'
import { SURVEY_STATUS_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { formatDateTime } from '@/shared/format'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { surveysApi } from '@/surveys/api'
import { closingText, lengthText, STATUS_TONE } from '@/surveys/logic'
import { COMMITTEE_SURVEY_DETAIL_PAGE, COMMITTEE_SURVEY_EDIT_PAGE, INDICATORS_PAGE } from '@/surveys/routes'
import { STATE_TABS } from './labels'
import './committee-surveys.css'

function SurveyRow({ item }: { item: SurveyListItem }) {
  return (
    <Card
      title={item.title}
      extra={<Badge tone={STATUS_TONE[item.status]}>{SURVEY_STATUS_NAMES[item.status]}</Badge>}
      onClick={() => Taro.navigateTo({ url: `${COMMITTEE_SURVEY_DETAIL_PAGE}?id=${item.id}` })}
    >
      <Text className='cs-meta'>
        {item.unitName} · {lengthText(item)}
      </Text>
      {item.state !== 'draft' && <Text className='cs-meta'>已收到 {item.responseCount ?? 0} 份回答</Text>}
      {item.state === 'published' && <Text className='cs-meta'>{closingText(item.closesAt)}</Text>}
      {item.state === 'closed' && item.closedAt && <Text className='cs-meta'>{formatDateTime(item.closedAt)} 结束</Text>}
      {item.state === 'draft' && <Text className='cs-meta'>草稿：居民看不到，可以修改题目后发布</Text>}
    </Card>
  )
}

/** The committee's surveys: drafts, published and closed, with the way to a new one and to the index. */
export default function CommitteeSurveysPage() {
  const me = useMe()
  const [tab, setTab] = useState<SurveyState>('published')
  const [items, setItems] = useState<SurveyListItem[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState(false)
  const [more, setMore] = useState(false)
  const request = useRef(0)

  const load = async (state: SurveyState = tab) => {
    const mine = ++request.current
    setError(false)
    try {
      const page = await surveysApi.list({ state, limit: 20 })
      if (mine !== request.current) return
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch {
      if (mine === request.current) setError(true)
    }
  }
  const loadMore = async () => {
    if (!cursor || more) return
    setMore(true)
    try {
      const page = await surveysApi.list({ state: tab, limit: 20, cursor })
      setItems((list) => [...(list ?? []), ...page.items])
      setCursor(page.nextCursor)
    } catch {
      // Toast shown by the request client.
    } finally {
      setMore(false)
    }
  }

  useDidShow(() => {
    if (isCommittee(me)) void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  if (me && !isCommittee(me)) {
    return <PageNotice title='只有居委会和街镇工作人员可以管理问卷' text='居民填写问卷请到“问卷”页。' />
  }

  const switchTab = (state: SurveyState) => {
    if (state === tab) return
    setTab(state)
    setItems(null)
    void load(state)
  }

  return (
    <Page>
      <View className='btn-row cs-top'>
        <Button onClick={() => Taro.navigateTo({ url: COMMITTEE_SURVEY_EDIT_PAGE })}>新建问卷</Button>
        <Button kind='secondary' onClick={() => Taro.navigateTo({ url: INDICATORS_PAGE })}>
          评估指标
        </Button>
      </View>
      <View className='segments'>
        {STATE_TABS.map((t) => (
          <View key={t.state} className={`segment ${t.state === tab ? 'segment--active' : ''}`} onClick={() => switchTab(t.state)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {error && (
        <EmptyState title='问卷没有加载出来' text='请检查网络后重试。'>
          <Button kind='secondary' onClick={() => load()}>
            重试
          </Button>
        </EmptyState>
      )}
      {!items && !error && <EmptyState title='正在加载…' />}
      {items && items.length === 0 && (
        <EmptyState
          title={tab === 'draft' ? '没有草稿' : tab === 'published' ? '没有正在进行的问卷' : '还没有结束的问卷'}
          text={tab === 'draft' ? '点“新建问卷”，从年度居民感受调查或需求调研开始。' : undefined}
        />
      )}
      {items?.map((item) => <SurveyRow key={item.id} item={item} />)}
      {cursor && (
        <Button kind='plain' loading={more} onClick={loadMore}>
          加载更多
        </Button>
      )}
    </Page>
  )
}

import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SurveyListItem, SurveyState } from '@yishi/types'
import { SURVEY_STATUS_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadMore } from '@/shared/ui/LoadMore'
import { LoadState } from '@/shared/ui/LoadState'
import { Segments } from '@/shared/ui/Segments'
import { usePagedList } from '@/shared/hooks/usePagedList'
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
  const list = usePagedList<SurveyListItem>((cursor) => surveysApi.list({ state: tab, limit: 20, cursor }), { enabled: isCommittee(me), deps: [tab] })
  const items = list.items

  if (me && !isCommittee(me)) {
    return <PageNotice title='只有居委会和街镇工作人员可以管理问卷' text='居民填写问卷请到“问卷”页。' />
  }

  return (
    <Page>
      <View className='btn-row btn-row--top'>
        <Button onClick={() => Taro.navigateTo({ url: COMMITTEE_SURVEY_EDIT_PAGE })}>新建问卷</Button>
        <Button kind='secondary' onClick={() => Taro.navigateTo({ url: INDICATORS_PAGE })}>
          评估指标
        </Button>
      </View>
      <Segments options={STATE_TABS} value={tab} onChange={setTab} />
      <LoadState load={list} title='问卷没有加载出来' text='请检查网络后重试。' />
      {items && items.length === 0 && (
        <EmptyState
          title={tab === 'draft' ? '没有草稿' : tab === 'published' ? '没有正在进行的问卷' : '还没有结束的问卷'}
          text={tab === 'draft' ? '点“新建问卷”，从年度居民感受调查或需求调研开始。' : undefined}
        />
      )}
      {items?.map((item) => <SurveyRow key={item.id} item={item} />)}
      <LoadMore list={list} />
    </Page>
  )
}

import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { IndicatorSummary, SurveyListItem } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Card, Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadMore } from '@/shared/ui/LoadMore'
import { LoadState } from '@/shared/ui/LoadState'
import { useLoader } from '@/shared/hooks/useLoader'
import { usePagedList } from '@/shared/hooks/usePagedList'
import { formatDateTime } from '@/shared/format'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { RESIDENCE_PAGE } from '@/accounts/ResidenceCard'
import { surveysApi } from '@/surveys/api'
import { SurveyCard } from '@/surveys/SurveyCard'
import { COMMITTEE_SURVEYS_PAGE, SURVEY_SUMMARY_PAGE } from '@/surveys/routes'
import '@/surveys/surveys.css'

/** The card to the public summary (公开机制): the last wave's scores in one line each. */
function SummaryCard({ summary }: { summary: IndicatorSummary | null | undefined }) {
  if (summary === undefined) return null
  const wave = summary?.wave ?? null
  return (
    <Card title={`${summary?.unit.name ?? '本居民区'}调查结果`} tone='success' onClick={() => Taro.navigateTo({ url: SURVEY_SUMMARY_PAGE })}>
      {wave ? (
        <View>
          <Text className='card__text'>
            {wave.title}（{formatDateTime(wave.closedAt)} 结束，{wave.responses} 份回答）
          </Text>
          {wave.scores.slice(0, 3).map((s) => (
            <Text className='sv-card__meta' key={s.instrumentId}>
              {s.name}：{s.points === null ? '样本不足，不显示' : `${s.points} / ${s.max} 分`}
            </Text>
          ))}
          <Text className='card__note'>{wave.responseNote ? '居委会已公布整改反馈，点开查看。' : '点开查看全部得分。'}</Text>
        </View>
      ) : (
        <Text className='card__text'>还没有公布的调查结果。年度问卷结束后，得分和居委会的整改反馈会公布在这里。</Text>
      )}
    </Card>
  )
}

export default function SurveysPage() {
  const me = useMe()
  const verified = !!me?.verified
  const committee = isCommittee(me)
  const list = usePagedList<SurveyListItem>((cursor) => surveysApi.list({ limit: 30, cursor }), { enabled: verified || committee })
  // The summary card says so itself when there is none (or it could not be read).
  const summary = useLoader(() => surveysApi.summary(true).then((s): { s: IndicatorSummary | null } => ({ s }), () => ({ s: null })), { enabled: verified })
  const items = list.items

  // Residents see what is open to them first, then what they did, then the rest.
  const toAnswer = (items ?? []).filter((i) => i.canAnswer)
  const done = (items ?? []).filter((i) => i.answered)
  // Drafts (listed for the committee) belong on the committee's own page.
  const others = (items ?? []).filter((i) => !i.canAnswer && !i.answered && i.status !== 'draft')
  const card = (i: SurveyListItem) => <SurveyCard key={i.id} item={i} userId={me?.id ?? null} verified={verified} />

  return (
    <Page>
      {committee && (
        <Card title='居委会' tone='accent'>
          <Text className='card__text'>新建、发布、结束问卷，录入纸质问卷，查看结果和评估指标。</Text>
          <Button className='card__action' kind='secondary' onClick={() => Taro.navigateTo({ url: COMMITTEE_SURVEYS_PAGE })}>
            问卷管理
          </Button>
        </Card>
      )}

      {!verified && !committee && (
        <EmptyState title='认证住址后就能填写社区问卷' text='问卷只请本小区已认证的居民填写，这样大家的意见才作数。回答是匿名的。'>
          <Button onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>去认证</Button>
        </EmptyState>
      )}

      {verified && <SummaryCard summary={summary.data?.s} />}

      {(verified || committee) && (
        <View>
          <LoadState load={list} title='问卷没有加载出来' text='请检查网络后重试。' />
          {items && (
            <Section title='待填写'>
              {toAnswer.length ? (
                toAnswer.map(card)
              ) : (
                <EmptyState title='暂时没有需要您填写的问卷' text={verified ? '居委会发布问卷后会显示在这里。' : '问卷只请已认证的居民填写。'} />
              )}
            </Section>
          )}
          {done.length > 0 && <Section title='已提交'>{done.map(card)}</Section>}
          {others.length > 0 && <Section title='其他问卷'>{others.map(card)}</Section>}
          <LoadMore list={list} />
          <Text className='hint'>问卷匿名：您的回答和您的账号分开保存，谁也看不到哪份回答是谁填的。</Text>
        </View>
      )}
    </Page>
  )
}

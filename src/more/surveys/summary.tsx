import { Text, View } from '@tarojs/components'
import type { SummaryScore } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { loadErrorText, useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { surveysApi } from '@/surveys/api'
import { ResponseNote } from '@/surveys/ResponseNote'
import { scoreChangeText, scoreStatusNote } from '@/surveys/summary'
import '@/surveys/surveys.css'

function ScoreRow({ s }: { s: SummaryScore }) {
  const share = s.points === null ? 0 : Math.max(0, Math.min(1, s.points / s.max))
  const change = scoreChangeText(s)
  const note = scoreStatusNote(s)
  return (
    <View className='sv-score'>
      <View className='sv-score__head'>
        <Text className='sv-score__name'>{s.name}</Text>
        {s.points === null ? (
          <Badge tone='neutral'>样本不足，不显示</Badge>
        ) : (
          <Text className='sv-score__points'>
            {s.points}
            <Text className='sv-score__max'> / {s.max} 分</Text>
          </Text>
        )}
      </View>
      {s.points !== null && (
        <View className='sv-bar'>
          <View className='sv-bar__fill' style={{ width: `${Math.round(share * 100)}%` }} />
        </View>
      )}
      {s.interval && (
        <Text className='sv-score__note'>
          估计范围 {s.interval[0]}–{s.interval[1]} 分（{s.n} 人有效回答）
        </Text>
      )}
      {change && <Text className='sv-score__note'>{change}</Text>}
      {note && <Text className='sv-score__note'>{note}</Text>}
    </View>
  )
}

/** 公开机制: the last questionnaire wave of my 居民区, its scores, and what the committee did in response. */
export default function SurveySummaryPage() {
  const load = useLoader(() => surveysApi.summary(true), { errorText: (e) => loadErrorText(e, '没有加载出来') })
  const summary = load.data
  const wave = summary?.wave ?? null
  return (
    <Page>
      <LoadState load={load} title='调查结果没有加载出来' text={load.error ?? undefined} />
      {summary && !wave && (
        <EmptyState
          title={`${summary.unit.name}还没有公布的调查结果`}
          text='年度居民感受调查结束后，各项得分和居委会的整改反馈会公布在这里。'
        />
      )}
      {summary && wave && (
        <View>
          <Card title={wave.title} tone='success'>
            <Text className='card__text'>
              {summary.unit.name} · {formatDateTime(wave.closedAt)} 结束 · 共 {wave.responses} 份回答
            </Text>
            <Text className='card__note'>
              得分由居民的匿名问卷算出，按各楼组户数加权。回答的人不到 10 位的项目不显示分数，以免推算出个人的回答。
            </Text>
          </Card>
          <Card title='各项得分'>
            {wave.scores.map((s) => (
              <ScoreRow key={s.instrumentId} s={s} />
            ))}
          </Card>
          <Card title='居委会的回应' tone={wave.responseNote ? 'accent' : 'plain'}>
            {wave.responseNote ? (
              <ResponseNote note={wave.responseNote} />
            ) : (
              <Text className='card__text'>居委会还没有公布这次调查后的整改反馈，公布后会显示在这里。</Text>
            )}
          </Card>
        </View>
      )}
    </Page>
  )
}

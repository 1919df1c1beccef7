import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { SurveyListItem } from '@yishi/types'
import { SURVEY_STATUS_NAMES } from '@yishi/types'
import { Badge, Card } from '@/shared/ui/Card'
import { hasAnswers, draftKey, useSurveyDrafts } from './draft'
import { cannotAnswerReason, closingText, lengthText, STATUS_TONE } from './logic'
import { answerUrl } from './routes'
import './surveys.css'

/** A survey in a resident's list: title, length, closing time, and whether it is done or waiting. */
export function SurveyCard({ item, userId, verified }: { item: SurveyListItem; userId: number | null; verified: boolean }) {
  const draft = useSurveyDrafts((s) => s.drafts[draftKey(userId, item.id)])
  const started = !item.answered && hasAnswers(draft)
  const reason = cannotAnswerReason(item, verified)
  const badge = item.answered ? (
    <Badge tone='success'>已提交</Badge>
  ) : item.canAnswer ? (
    <Badge tone={started ? 'warn' : 'accent'}>{started ? '填了一半' : '待填写'}</Badge>
  ) : (
    <Badge tone={STATUS_TONE[item.status]}>{SURVEY_STATUS_NAMES[item.status]}</Badge>
  )
  return (
    <Card title={item.title} extra={badge} tone={item.canAnswer ? 'accent' : 'plain'} onClick={() => Taro.navigateTo({ url: answerUrl(item.id) })}>
      <View className='sv-card'>
        <Text className='sv-card__meta'>
          {lengthText(item)} · {item.unitName}
        </Text>
        {item.status === 'open' && <Text className='sv-card__meta'>{closingText(item.closesAt)}</Text>}
        {item.answered && <Text className='sv-card__note'>您已经填写过了，谢谢参与。</Text>}
        {started && <Text className='sv-card__note'>上次没填完，回答已保存，点开接着填。</Text>}
        {reason && <Text className='sv-card__note'>{reason}</Text>}
      </View>
    </Card>
  )
}

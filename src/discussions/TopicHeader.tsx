import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Topic } from '@yishi/types'
import { UNIT_LEVEL_NAMES } from '@yishi/types'
import { Badge, Card } from '@/shared/ui/Card'
import { formatDateTime } from '@/shared/format'
import { closingText, topicBadge } from './format'
import { proposalUrl } from './routes'
import './discussions.css'

/** The topic at the top of its page: state, question, where, until when, background. */
export function TopicHeader({ topic }: { topic: Topic }) {
  const badge = topicBadge(topic)
  return (
    <Card className='topic-head' tone={badge.tone === 'accent' ? 'accent' : topic.pending ? 'warn' : 'plain'}>
      <View className='topic-head__badges'>
        <Badge tone={badge.tone}>{badge.text}</Badge>
        <Badge tone='neutral'>
          {UNIT_LEVEL_NAMES[topic.unit.level]} · {topic.unit.name}
        </Badge>
        {topic.proposalId !== null && <Badge tone='neutral'>来自居民提案</Badge>}
      </View>
      <Text className='topic-head__question'>{topic.question}</Text>
      <Text className='topic-card__meta'>{closingText(topic.closesAt)}</Text>
      <Text className='topic-card__meta'>
        {topic.postCount} 条发言 · {topic.participantCount} 人参与 · {formatDateTime(topic.openedAt)} 发起
      </Text>
      {topic.proposalId !== null && (
        <Text className='link' onClick={() => Taro.navigateTo({ url: proposalUrl(topic.proposalId!) })}>
          这个议题来自一份居民提案，查看提案 ›
        </Text>
      )}
      {topic.background.trim() !== '' && (
        <View>
          <Text className='topic-head__label'>背景</Text>
          <Text className='topic-head__background'>{topic.background}</Text>
        </View>
      )}
    </Card>
  )
}

/** 议事纪要: the positions and the conclusion, at the top of a concluded topic. */
export function SummaryCard({ topic }: { topic: Topic }) {
  if (!topic.summary) return null
  return (
    <Card title='议事纪要' tone='success' extra={<Badge tone='success'>讨论已结束</Badge>}>
      <Text className='summary__text'>{topic.summary}</Text>
      {topic.concludedAt && <Text className='card__note'>居委会 {formatDateTime(topic.concludedAt)} 整理</Text>}
    </Card>
  )
}

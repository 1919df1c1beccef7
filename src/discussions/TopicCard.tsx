import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Topic } from '@yishi/types'
import { STANCE_NAMES } from '@yishi/types'
import { Badge, Card } from '@/shared/ui/Card'
import { StanceBar } from './StanceBar'
import { closingText, topicBadge } from './format'
import { topicUrl } from './routes'
import './discussions.css'

/** A topic in a list: question, unit, state, closing date, how many spoke, and where opinion stands. */
export function TopicCard({ topic, compact }: { topic: Topic; compact?: boolean }) {
  const badge = topicBadge(topic)
  return (
    <Card className='topic-card' tone={topic.pending ? 'warn' : badge.tone === 'accent' ? 'accent' : 'plain'} onClick={() => Taro.navigateTo({ url: topicUrl(topic.id) })}>
      <View className='topic-card__head'>
        <Text className='topic-card__question'>{topic.question}</Text>
        <Badge tone={badge.tone}>{badge.text}</Badge>
      </View>
      <Text className='topic-card__meta'>
        {topic.unit.name} · {closingText(topic.closesAt)}
      </Text>
      <Text className='topic-card__meta'>
        {topic.postCount} 条发言 · {topic.participantCount} 人参与
        {topic.myStance ? ` · 我的立场：${STANCE_NAMES[topic.myStance]}` : ''}
      </Text>
      <StanceBar counts={topic.stances} compact={compact} />
      <View className='topic-card__go'>
        <Text>{topic.state === 'concluded' ? '看议事纪要' : topic.canPost ? '进去说说' : '进去看看'}</Text>
        <Text className='list-row__arrow'>›</Text>
      </View>
    </Card>
  )
}

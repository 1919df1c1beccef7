import { Text, View } from '@tarojs/components'
import { Badge, Card } from './Card'

/** A page whose feature is not open yet: what it will do, in plain words. */
export function ComingSoon({ title, intro, points }: { title: string; intro: string; points: string[] }) {
  return (
    <Card title={title} extra={<Badge tone='warn'>即将开放</Badge>}>
      <Text className='card__text'>{intro}</Text>
      <View className='points'>
        {points.map((p) => (
          <View className='points__item' key={p}>
            <Text className='points__dot'>•</Text>
            <Text className='points__text'>{p}</Text>
          </View>
        ))}
      </View>
      <Text className='card__note'>这一部分正在准备中，开放后会在这里显示。</Text>
    </Card>
  )
}

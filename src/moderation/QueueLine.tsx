import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '@/shared/ui/Button'
import { MODERATION_QUEUE_PAGE } from '@/discussions/routes'
import { moderationApi, waitingItems } from './api'

/** On the committee card of 首页: how many 议事厅 items wait (reports, pending, appeals), one tap to the queue. */
export function ModerationQueueLine() {
  const [count, setCount] = useState<number | null>(null)
  useDidShow(() => {
    moderationApi
      .queue(true)
      .then((q) => setCount(waitingItems(q.items).length))
      .catch(() => setCount(null))
  })
  return (
    <View>
      <View className='stat'>
        <Text className='stat__value'>{count === null ? '—' : count}</Text>
        <Text className='stat__label'>条议事厅内容等待处理（举报、审核、申诉）</Text>
      </View>
      <Button kind='secondary' className='card__action' onClick={() => Taro.navigateTo({ url: MODERATION_QUEUE_PAGE })}>
        处理议事厅
      </Button>
    </View>
  )
}

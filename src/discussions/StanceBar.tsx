import { Text, View } from '@tarojs/components'
import type { StanceCounts } from '@yishi/types'
import { stanceShares } from './format'
import './discussions.css'

/** 支持 / 反对 / 中立 as one bar with the counts and shares written under it. */
export function StanceBar({ counts, compact }: { counts: StanceCounts; compact?: boolean }) {
  const { total, items } = stanceShares(counts)
  return (
    <View className={`stance-bar ${compact ? 'stance-bar--compact' : ''}`}>
      <View className='stance-bar__track' aria-hidden>
        {total === 0 ? (
          <View className='stance-bar__part stance-bar__part--empty' style={{ width: '100%' }} />
        ) : (
          items
            .filter((i) => i.percent > 0)
            .map((i) => <View key={i.stance} className={`stance-bar__part stance-bar__part--${i.stance}`} style={{ width: `${i.percent}%` }} />)
        )}
      </View>
      {total === 0 ? (
        <Text className='stance-bar__none'>还没有人表态</Text>
      ) : (
        <View className='stance-bar__legend'>
          {items.map((i) => (
            <View key={i.stance} className='stance-bar__item'>
              <View className={`stance-bar__dot stance-bar__part--${i.stance}`} />
              <Text className='stance-bar__text'>
                {i.name} {i.count}
                {!compact && <Text className='stance-bar__percent'>（{i.percent}%）</Text>}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** One line of a settings-style list: label on the left, value or control on the right. */
export function ListRow({ label, value, arrow, onClick }: { label: ReactNode; value?: ReactNode; arrow?: boolean; onClick?: () => void }) {
  return (
    <View className='list-row' onClick={onClick} hoverClass={onClick ? 'list-row--pressed' : 'none'}>
      <Text className='list-row__label'>{label}</Text>
      <View className='list-row__value'>
        {value}
        {arrow && <Text className='list-row__arrow'>›</Text>}
      </View>
    </View>
  )
}

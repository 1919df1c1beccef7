import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** Says plainly that there is nothing here yet, and why or what comes next. */
export function EmptyState({ title, text, children }: { title: string; text?: string; children?: ReactNode }) {
  return (
    <View className='empty'>
      <Text className='empty__title'>{title}</Text>
      {text && <Text className='empty__text'>{text}</Text>}
      {children}
    </View>
  )
}

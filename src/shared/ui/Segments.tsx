import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

interface Props<T extends string> {
  options: readonly { value: T; label: ReactNode }[]
  value: T
  /** Called only when another segment is picked. */
  onChange(value: NoInfer<T>): void
  compact?: boolean
  className?: string
}

/** Segmented tabs: one of a few views of the same page. */
export function Segments<T extends string>({ options, value, onChange, compact, className }: Props<T>) {
  return (
    <View className={`segments ${compact ? 'segments--compact' : ''} ${className ?? ''}`}>
      {options.map((o) => (
        <View key={o.value} className={`segment ${o.value === value ? 'segment--active' : ''}`} onClick={() => o.value !== value && onChange(o.value)}>
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

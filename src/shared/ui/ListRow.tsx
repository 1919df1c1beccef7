import { Switch, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { COLOR_PRIMARY } from './colors'

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

/** A setting to turn on or off: what it is, what it does, and the switch. */
export function SwitchRow({ label, hint, checked, onChange }: { label: string; hint: ReactNode; checked: boolean; onChange(on: boolean): void }) {
  return (
    <View className='list-row'>
      <View className='list-row__main'>
        <Text className='list-row__label'>{label}</Text>
        <Text className='list-row__hint'>{hint}</Text>
      </View>
      <Switch className='switch' checked={checked} color={COLOR_PRIMARY} aria-label={label} onChange={(e) => onChange(!!e.detail.value)} />
    </View>
  )
}

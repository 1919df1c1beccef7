import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

interface Props {
  title?: ReactNode
  /** Shown at the right of the title, e.g. a badge. */
  extra?: ReactNode
  tone?: 'plain' | 'accent' | 'warn' | 'danger' | 'success'
  className?: string
  onClick?: () => void
  children?: ReactNode
}

/** A white card on the grey page background. */
export function Card({ title, extra, tone = 'plain', className, onClick, children }: Props) {
  return (
    <View className={`card card--${tone} ${className ?? ''}`} onClick={onClick} hoverClass={onClick ? 'card--pressed' : 'none'}>
      {(title || extra) && (
        <View className='card__head'>
          {title && <Text className='card__title'>{title}</Text>}
          {extra}
        </View>
      )}
      {children}
    </View>
  )
}

/** A heading above a group of cards. */
export function Section({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <View className='section'>
      <Text className='section__title'>{title}</Text>
      {children}
    </View>
  )
}

export function Badge({ tone = 'accent', children }: { tone?: 'accent' | 'warn' | 'success' | 'danger' | 'neutral'; children: ReactNode }) {
  return <Text className={`badge badge--${tone}`}>{children}</Text>
}

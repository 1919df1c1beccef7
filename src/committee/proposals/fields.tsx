import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { ReactNode } from 'react'

// Form pieces for the committee's proposal pages: labelled inputs with a count and an error line.

interface TextFieldProps {
  id?: string
  label: string
  value: string
  onChange(value: string): void
  max: number
  placeholder?: string
  multiline?: boolean
  error?: string | null
  type?: 'text' | 'number' | 'digit'
}

export function TextField({ id, label, value, onChange, max, placeholder, multiline, error, type = 'text' }: TextFieldProps) {
  const len = [...value].length
  return (
    <View className='field' id={id}>
      <View className='field__row'>
        <Text className='field__label'>{label}</Text>
        {type === 'text' && (
          <Text className={`field__count ${len > max ? 'field__count--over' : ''}`}>
            {len}/{max}
          </Text>
        )}
      </View>
      {multiline ? (
        <Textarea
          className={`field__input field__textarea ${error ? 'field__input--error' : ''}`}
          value={value}
          maxlength={max}
          placeholder={placeholder}
          placeholderClass='field__placeholder'
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Input
          className={`field__input ${error ? 'field__input--error' : ''}`}
          value={value}
          type={type}
          maxlength={max}
          placeholder={placeholder}
          placeholderClass='field__placeholder'
          onInput={(e) => onChange(e.detail.value)}
        />
      )}
      {error && <Text className='field__error'>{error}</Text>}
    </View>
  )
}

export function DateField({
  label,
  value,
  onChange,
  start,
  end,
  mode = 'date',
}: {
  label: string
  value: string
  onChange(v: string): void
  /** The first and last day (or time) the picker offers. */
  start?: string
  end?: string
  mode?: 'date' | 'time'
}) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <Picker mode={mode} value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='picker-box'>
          <Text>{value || '请选择'}</Text>
          <Text className='picker-box__arrow'>▾</Text>
        </View>
      </Picker>
    </View>
  )
}

export function Tiles<T extends string | number>({ options, value, onChange }: { options: readonly { value: T; label: ReactNode }[]; value: NoInfer<T> | null; onChange: (v: NoInfer<T>) => void }) {
  return (
    <View className='tiles'>
      {options.map((o) => (
        <View
          key={String(o.value)}
          className={`tile ${value === o.value ? 'tile--selected' : ''}`}
          hoverClass='tile--pressed'
          onClick={() => onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

import { Text, Textarea, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Button, type ButtonKind } from './Button'

/** Reasons to tap instead of typing: a list of cards (`choices`) or a grid of tiles (`tiles`). */
export function ReasonPresets({ options, value, onPick, look = 'choices' }: { options: readonly string[]; value: string; onPick(reason: string): void; look?: 'choices' | 'tiles' }) {
  if (look === 'tiles') {
    return (
      <View className='reason-grid'>
        {options.map((r) => (
          <View key={r} className={`tile reason-tile ${value === r ? 'tile--selected' : ''}`} hoverClass='tile--pressed' onClick={() => onPick(r)}>
            <Text>{r}</Text>
          </View>
        ))}
      </View>
    )
  }
  return (
    <View className='choices'>
      {options.map((r) => (
        <View key={r} className={`choice choice--compact ${value === r ? 'choice--selected' : ''}`} hoverClass='choice--pressed' onClick={() => onPick(r)}>
          <Text className='choice__title'>{r}</Text>
        </View>
      ))}
    </View>
  )
}

export interface FormButton {
  text: ReactNode
  kind?: ButtonKind
  onClick(): void
}

interface Props {
  /** Above the reasons (or the text box when there are none). */
  label?: string
  value: string
  onChange(value: string): void
  maxLength: number
  placeholder?: string
  /** Common reasons to tap; typing your own goes in the box under 或者自己写. */
  presets?: readonly string[]
  presetLook?: 'choices' | 'tiles'
  error?: string | null
  /** An extra class on the text box. */
  inputClassName?: string
  /** The right-hand button: it sends (spins while busy). */
  confirm: FormButton
  /** The left-hand button, e.g. 取消 (secondary, off while busy). */
  cancel?: FormButton
  busy: boolean
  className?: string
  /** Shown first, e.g. what is being decided on. */
  children?: ReactNode
}

/**
 * The form for a written reason or note behind a decision (不通过, 隐藏, 禁言, 申诉, 复核, 议事纪要,
 * 结束问卷): optional common reasons to tap, a text box, the error, and cancel / confirm.
 */
export function ReasonForm({ label, value, onChange, maxLength, placeholder, presets, presetLook, error, inputClassName, confirm, cancel, busy, className, children }: Props) {
  const picked = !!presets && presets.includes(value)
  return (
    <View className={className}>
      {children}
      {label && <Text className='field__label'>{label}</Text>}
      {presets && (
        <>
          <ReasonPresets options={presets} value={value} onPick={onChange} look={presetLook} />
          <Text className='field__label'>或者自己写</Text>
        </>
      )}
      <Textarea
        className={`field__input field__textarea ${inputClassName ?? ''} ${error ? 'field__input--error' : ''}`}
        value={picked ? '' : value}
        maxlength={maxLength}
        placeholder={placeholder}
        placeholderClass='field__placeholder'
        onInput={(e) => onChange(e.detail.value)}
      />
      {error && <Text className='field__error'>{error}</Text>}
      <View className='btn-row'>
        {cancel && (
          <Button kind={cancel.kind ?? 'secondary'} disabled={busy} onClick={cancel.onClick}>
            {cancel.text}
          </Button>
        )}
        <Button kind={confirm.kind ?? 'primary'} loading={busy} onClick={confirm.onClick}>
          {confirm.text}
        </Button>
      </View>
    </View>
  )
}

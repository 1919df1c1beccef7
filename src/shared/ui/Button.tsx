import { Button as TaroButton } from '@tarojs/components'
import type { ButtonProps } from '@tarojs/components'
import type { ReactNode } from 'react'

export type ButtonKind = 'primary' | 'secondary' | 'danger' | 'plain'

interface Props {
  kind?: ButtonKind
  /** Smaller button for use inside a row of a list; still at least a thumb tall. */
  small?: boolean
  disabled?: boolean
  loading?: boolean
  className?: string
  id?: string
  openType?: ButtonProps['openType']
  onClick?: () => void
  onAgreePrivacyAuthorization?: ButtonProps['onAgreePrivacyAuthorization']
  children: ReactNode
}

/** The app's button: full width by default, big touch target, one of four looks. */
export function Button({ kind = 'primary', small, disabled, loading, className, children, onClick, ...rest }: Props) {
  const cls = ['btn', `btn--${kind}`, small ? 'btn--small' : '', disabled ? 'btn--disabled' : '', loading ? 'btn--loading' : '', className ?? '']
    .filter(Boolean)
    .join(' ')
  return (
    <TaroButton
      className={cls}
      // Only pass these when true: H5 reflects even `false` as a [disabled] / [loading] attribute.
      disabled={disabled || loading ? true : undefined}
      loading={loading ? true : undefined}
      hoverClass='btn--pressed'
      onClick={disabled || loading ? undefined : onClick}
      {...rest}
    >
      {children}
    </TaroButton>
  )
}

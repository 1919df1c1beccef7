import Taro from '@tarojs/taro'
import { COLOR_DANGER, COLOR_PRIMARY } from './colors'

export interface Ask {
  title: string
  content: string
  /** Default 确定. */
  confirmText?: string
  /** Default 取消. */
  cancelText?: string
  /** Red confirm button: the step hides, removes or cannot be undone. */
  danger?: boolean
}

/** Asks before a step is taken; true only when the user confirmed. */
export async function confirm(ask: Ask): Promise<boolean> {
  const res = await Taro.showModal({
    title: ask.title,
    content: ask.content,
    confirmText: ask.confirmText ?? '确定',
    cancelText: ask.cancelText ?? '取消',
    // The platform's own green is too light to read (2.3:1 on white in H5).
    confirmColor: ask.danger ? COLOR_DANGER : COLOR_PRIMARY,
  })
  return !!res.confirm
}

import Taro from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { ApiRequestError, showError } from '@/shared/request'
import { confirm, type Ask } from '@/shared/ui/confirm'

export const ACTION_FAILED = '没有办成，请稍后重试'

export interface ActionOptions<T> {
  /** Asked first; nothing happens unless the user confirms. */
  ask?: Ask
  /** Said in a toast once the work is done. */
  done?: string | ((result: T) => string)
  /** The toast's tick, for a step the user should feel finished (投票, 提交). */
  doneIcon?: 'success'
}

export interface Actions {
  /** The key of the action under way, for its button's spinner; null when idle. */
  busy: string | null
  /**
   * Runs one action at a time: asks, works, says it is done. True when it was done; false when the
   * user said no, another action was running, or it failed (the reason is shown in a toast).
   */
  run<T>(key: string, work: () => Promise<T>, options?: ActionOptions<T>): Promise<boolean>
}

/** Something the user does that writes: a confirmation, one at a time, a spinner, a toast either way. */
export function useAction(): Actions {
  const [busy, setBusy] = useState<string | null>(null)
  // A second tap before the first render after the first one would still see busy === null.
  const running = useRef(false)

  const run = useCallback(async <T>(key: string, work: () => Promise<T>, options: ActionOptions<T> = {}) => {
    if (running.current) return false
    if (options.ask && !(await confirm(options.ask))) return false
    if (running.current) return false
    running.current = true
    setBusy(key)
    try {
      const result = await work()
      const done = typeof options.done === 'function' ? options.done(result) : options.done
      if (done) Taro.showToast({ title: done, icon: options.doneIcon ?? 'none' })
      return true
    } catch (e) {
      // The request client has already shown the API's own reason; anything else gets a plain one.
      if (!(e instanceof ApiRequestError)) showError(ACTION_FAILED)
      return false
    } finally {
      running.current = false
      setBusy(null)
    }
  }, [])

  return { busy, run }
}

import { useCallback, useRef, useState } from 'react'
import { ApiRequestError } from '@/shared/request'
import { usePageLoading, useStartOver, type Lifecycle } from './lifecycle'

export const LOAD_FAILED = '没有加载出来，请稍后重试'

/** What a failed load says: the API's own Chinese message, or a plain one. */
export function loadErrorText(e: unknown, fallback = LOAD_FAILED): string {
  return e instanceof ApiRequestError ? e.message : fallback
}

/** What the loading, error and retry shell (ui/LoadState) needs, from a loader or a paged list. */
export interface LoadStatus {
  loaded: boolean
  /** Why the last load failed, in words for the resident; null when it did not. */
  error: string | null
  reload(): Promise<void>
}

export interface Loader<T> extends LoadStatus {
  /** null until the first load succeeds (and again after `deps` change). */
  data: T | null
  /** Put in an action's answer without asking the server again. */
  set(data: T): void
}

export interface LoaderOptions extends Lifecycle {
  /** Start again from nothing when these change (a tab was picked). */
  deps?: readonly unknown[]
  /** Words for a failure (default: loadErrorText). */
  errorText?(e: unknown): string
}

/**
 * One thing a page shows, loaded from the server: when the page shows (see Lifecycle), on pull-down,
 * and again when `deps` change. Answers to an older request than the latest are dropped.
 */
export function useLoader<T>(fetch: () => Promise<T>, options: LoaderOptions = {}): Loader<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef({ fetch, errorText: options.errorText ?? loadErrorText })
  latest.current = { fetch, errorText: options.errorText ?? loadErrorText }
  const generation = useRef(0)

  const reload = useCallback(async () => {
    const gen = ++generation.current
    setError(null)
    try {
      const next = await latest.current.fetch()
      if (gen !== generation.current) return
      setData(next)
      setError(null)
    } catch (e) {
      if (gen === generation.current) setError(latest.current.errorText(e))
    }
  }, [])

  useStartOver(options.deps, options.enabled, () => {
    generation.current++ // an answer still on its way is for the old filters
    setData(null)
    setError(null)
  }, reload)
  usePageLoading(options, data !== null, reload)

  return { data, error, loaded: data !== null, reload, set: setData }
}

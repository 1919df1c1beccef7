import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'

// When a loading hook fetches: each time the page shows ('show', the default: the data may have
// changed on another page meanwhile) or once when it mounts ('mount'; the page reloads it when told
// something changed). A pull-down always reloads (it does nothing on pages that do not enable it).
export type LoadWhen = 'show' | 'mount'

export interface Lifecycle {
  when?: LoadWhen
  /** false: do not load (e.g. the viewer may not see this); checked at each trigger. */
  enabled?: boolean
  /** 'show' only: reload data already on screen only when this says it is out of date (default: always). */
  stale?: () => boolean
}

/** Wires a loading hook to the page: show or mount, pull-down, and optionally the bottom of the page. */
export function usePageLoading(
  { when = 'show', enabled = true, stale }: Lifecycle,
  loaded: boolean,
  reload: () => Promise<void>,
  atBottom?: () => void,
): void {
  // The triggers read these as they are when they fire, not as they were when registered.
  const now = useRef({ enabled, loaded, stale, reload, atBottom })
  now.current = { enabled, loaded, stale, reload, atBottom }

  useDidShow(() => {
    const c = now.current
    if (when === 'show' && c.enabled && (!c.loaded || !c.stale || c.stale())) void c.reload()
  })
  useEffect(() => {
    if (when === 'mount' && now.current.enabled) void now.current.reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once: pages read their parameters once, when they open
  }, [])
  usePullDownRefresh(() => {
    // Nothing to load still ends the pull, or its spinner would stay.
    if (!now.current.enabled) return void Taro.stopPullDownRefresh()
    void now.current.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (now.current.enabled) now.current.atBottom?.()
  })
}

/**
 * New filters (a tab, a sort): `reset` at once, in this very render, so nothing of the old answer is
 * on screen even for one frame; then load again. The first load belongs to usePageLoading.
 */
export function useStartOver(deps: readonly unknown[] | undefined, enabled: boolean | undefined, reset: () => void, reload: () => Promise<void>): void {
  const key = JSON.stringify(deps ?? [])
  const [shownKey, setShownKey] = useState(key)
  if (shownKey !== key) {
    setShownKey(key)
    reset()
  }
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    if (enabled !== false) void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- key stands for deps (compared by value); reload changes every render
  }, [key])
}

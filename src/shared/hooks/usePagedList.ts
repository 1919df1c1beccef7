import { useCallback, useRef, useState } from 'react'
import { usePageLoading, useStartOver, type Lifecycle } from './lifecycle'
import { loadErrorText, type LoadStatus } from './useLoader'

/** One page of a cursor-paged API answer (what /api lists return, plus anything that comes with it). */
export interface PageOf<T> {
  items: T[]
  nextCursor: string | null
}

export interface PagedList<T> extends LoadStatus {
  /** null until the first page arrives (and again after `deps` change). */
  items: T[] | null
  hasMore: boolean
  /** A next page is on its way. */
  loadingMore: boolean
  loadMore(): Promise<void>
  /** Change items in place (a like, a read mark) without asking the server again. */
  update(change: (items: T[]) => T[]): void
}

export interface PagedListOptions<P> extends Lifecycle {
  /** Start again from the first page when these change (a tab, a sort, a filter). */
  deps?: readonly unknown[]
  /** Every page as it arrives, with whatever the API sends beside the items (an unread count…). */
  onPage?(page: P, first: boolean): void
}

/**
 * A list read page by page with a cursor: the first page when the page shows (see Lifecycle), on
 * pull-down and when `deps` change; the next one at the bottom of the page or from a button. An item
 * already listed is not listed twice; answers to a request older than the latest reload are dropped.
 */
export function usePagedList<T extends { id: number }, P extends PageOf<T> = PageOf<T>>(
  fetch: (cursor: string | null) => Promise<P>,
  options: PagedListOptions<P> = {},
): PagedList<T> {
  const [items, setItems] = useState<T[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const latest = useRef({ fetch, onPage: options.onPage, cursor, loadingMore })
  latest.current = { fetch, onPage: options.onPage, cursor, loadingMore }
  const generation = useRef(0)

  const reload = useCallback(async () => {
    const gen = ++generation.current
    setError(null)
    try {
      const page = await latest.current.fetch(null)
      if (gen !== generation.current) return
      setItems(page.items)
      setCursor(page.nextCursor)
      setError(null)
      latest.current.onPage?.(page, true)
    } catch (e) {
      if (gen === generation.current) setError(loadErrorText(e))
    }
  }, [])

  const loadMore = useCallback(async () => {
    const { cursor: from, loadingMore: busy } = latest.current
    if (!from || busy) return
    const gen = generation.current
    setLoadingMore(true)
    latest.current.loadingMore = true
    try {
      const page = await latest.current.fetch(from)
      if (gen !== generation.current) return
      setItems((list) => {
        const known = new Set((list ?? []).map((i) => i.id))
        return [...(list ?? []), ...page.items.filter((i) => !known.has(i.id))]
      })
      setCursor(page.nextCursor)
      setError(null)
      latest.current.onPage?.(page, false)
    } catch (e) {
      // The request client has shown why; the button stays for another try.
      if (gen === generation.current) setError(loadErrorText(e))
    } finally {
      setLoadingMore(false)
      latest.current.loadingMore = false
    }
  }, [])

  useStartOver(options.deps, options.enabled, () => {
    generation.current++ // an answer still on its way is for the old filters
    setItems(null)
    setCursor(null)
    setError(null)
  }, reload)
  usePageLoading(options, items !== null, reload, () => void loadMore())

  const update = useCallback((change: (list: T[]) => T[]) => setItems((list) => (list ? change(list) : list)), [])

  return { items, hasMore: !!cursor, loadingMore, error, loaded: items !== null, reload, loadMore, update }
}

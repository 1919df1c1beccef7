import type { LoadStatus } from '@/shared/hooks/useLoader'
import { Button } from './Button'
import { EmptyState } from './EmptyState'

interface Props {
  load: LoadStatus
  /** The failure's heading (default: the failure's own words). */
  title?: string
  /** A line under it, e.g. 请检查网络后重试。 */
  text?: string
  /** Offer 重试 (default); off where pulling the page down is the way to retry. */
  retry?: boolean
  loading?: string
}

/** Until something is loaded: 正在加载…, or why it failed and 重试. Nothing once it is loaded. */
export function LoadState({ load, title, text, retry = true, loading = '正在加载…' }: Props) {
  if (load.loaded) return null
  if (load.error === null) return <EmptyState title={loading} />
  return (
    <EmptyState title={title ?? load.error} text={text}>
      {retry && (
        <Button kind='secondary' onClick={() => void load.reload()}>
          重试
        </Button>
      )}
    </EmptyState>
  )
}

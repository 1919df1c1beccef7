import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { PagedList } from '@/shared/hooks/usePagedList'
import { Button } from './Button'

interface Props {
  list: Pick<PagedList<{ id: number }>, 'items' | 'hasMore' | 'loadingMore' | 'loadMore'>
  label?: string
  /** Said at the end of the list. */
  end?: ReactNode
  /** A centred footer with a secondary button (议事厅 lists) instead of a plain button under the list. */
  footer?: boolean
  /** More lines in the footer. */
  children?: ReactNode
}

/** Under a paged list: the next page while there is one, then `end`. Nothing while the list is empty. */
export function LoadMore({ list, label = '加载更多', end, footer, children }: Props) {
  if (!list.items?.length) return null
  const more = list.hasMore && (
    <Button kind={footer ? 'secondary' : 'plain'} loading={list.loadingMore} onClick={() => void list.loadMore()}>
      {label}
    </Button>
  )
  if (footer) {
    return (
      <View className='list-foot'>
        {more || <Text>{end}</Text>}
        {children}
      </View>
    )
  }
  return more || (end ? <Text className='list-end'>{end}</Text> : null)
}

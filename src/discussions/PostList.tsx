import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Post, PostSort } from '@yishi/types'
import { Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { PostCard, type PostContext } from './PostCard'
import type { usePostList } from './usePostList'
import './discussions.css'

const SORTS: { sort: PostSort; name: string }[] = [
  { sort: 'oldest', name: '按时间' },
  { sort: 'liked', name: '最多赞同' },
]

interface Props {
  list: ReturnType<typeof usePostList>
  ctx: PostContext
  /** Shown when nobody has posted yet. */
  emptyText: string
  renderExtra?(post: Post): ReactNode
}

/** A topic's posts: order toggle, pinned ones first, then page after page. */
export function PostList({ list, ctx, emptyText, renderExtra }: Props) {
  const card = (p: Post) => (
    <PostCard
      key={p.id}
      post={p}
      ctx={ctx}
      showReplies
      onChange={list.update}
      onRemove={list.remove}
      onReload={() => void list.reload()}
      renderExtra={renderExtra}
    />
  )
  return (
    <View>
      <Section title='大家的发言'>
        <View className='segments segments--compact'>
          {SORTS.map((s) => (
            <View key={s.sort} className={`segment ${s.sort === list.sort ? 'segment--active' : ''}`} onClick={() => list.changeSort(s.sort)}>
              <Text>{s.name}</Text>
            </View>
          ))}
        </View>
        {list.pinned.map(card)}
        {list.error && !list.loaded && (
          <EmptyState title='发言没有加载出来' text='请检查网络后重试。'>
            <Button kind='secondary' onClick={() => void list.reload()}>
              重试
            </Button>
          </EmptyState>
        )}
        {!list.loaded && !list.error && <EmptyState title='正在加载发言…' />}
        {list.loaded && list.items.length === 0 && list.pinned.length === 0 && <EmptyState title='还没有人发言' text={emptyText} />}
        {list.items.map(card)}
      </Section>
      {list.loaded && list.items.length + list.pinned.length > 0 && (
        <View className='list-foot'>
          {list.nextCursor ? (
            <Button kind='secondary' loading={list.loading} onClick={list.loadMore}>
              加载更多发言
            </Button>
          ) : (
            <Text>已经到底了</Text>
          )}
          {list.error && list.loaded && <Text className='field__error'>没有加载出来，请再点一次</Text>}
        </View>
      )}
    </View>
  )
}

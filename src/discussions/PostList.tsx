import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Post, PostSort } from '@yishi/types'
import { Section } from '@/shared/ui/Card'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadMore } from '@/shared/ui/LoadMore'
import { LoadState } from '@/shared/ui/LoadState'
import { Segments } from '@/shared/ui/Segments'
import { PostCard, type PostContext } from './PostCard'
import type { usePostList } from './usePostList'
import './discussions.css'

const SORTS: { value: PostSort; label: string }[] = [
  { value: 'oldest', label: '按时间' },
  { value: 'liked', label: '最多赞同' },
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
  const items = list.items ?? []
  return (
    <View>
      <Section title='大家的发言'>
        <Segments compact options={SORTS} value={list.sort} onChange={list.changeSort} />
        {list.pinned.map(card)}
        <LoadState load={list} title='发言没有加载出来' text='请检查网络后重试。' loading='正在加载发言…' />
        {list.loaded && items.length === 0 && list.pinned.length === 0 && <EmptyState title='还没有人发言' text={emptyText} />}
        {items.map(card)}
      </Section>
      {/* Pinned posts count: a topic with only those still ends in 已经到底了. */}
      <LoadMore list={{ ...list, items: list.items && [...list.pinned, ...list.items] }} footer label='加载更多发言' end='已经到底了'>
        {list.error && <Text className='field__error'>没有加载出来，请再点一次</Text>}
      </LoadMore>
    </View>
  )
}

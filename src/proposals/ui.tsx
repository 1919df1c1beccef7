import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { ProposalListItem, ProposalState } from '@yishi/types'
import { Badge, Card } from '@/shared/ui/Card'
import { apiUrl } from '@/shared/env'
import { categoryName, cosignProgress, deadlineText, stateLabel, stateTone } from './labels'
import { detailUrl } from './api'
import './proposals.css'

// Small pieces shared by the proposal pages, 首页 and the committee pages.

export function StateBadge({ state }: { state: ProposalState }) {
  return <Badge tone={stateTone(state)}>{stateLabel(state)}</Badge>
}

/** "3 / 5 人附议 · 还差 2 人" over a bar. */
export function CosignBar({ count, threshold }: { count: number; threshold: number }) {
  const p = cosignProgress(count, threshold)
  return (
    <View className='pbar' aria-label={`${p.text}，${p.hint}`}>
      <View className='pbar__row'>
        <Text className='pbar__text'>{p.text}</Text>
        <Text className='pbar__hint'>{p.hint}</Text>
      </View>
      <View className='pbar__track'>
        <View className={`pbar__fill ${p.reached ? 'pbar__fill--done' : ''}`} style={{ width: `${p.percent}%` }} />
      </View>
    </View>
  )
}

/** Stars for a rating, read only. */
export function StarsView({ value, small }: { value: number; small?: boolean }) {
  const full = Math.round(value)
  return (
    <View className={`stars ${small ? 'stars--small' : ''}`} aria-label={`${value} 星`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text key={n} className={`star ${n <= full ? 'star--on' : ''}`}>
          ★
        </Text>
      ))}
    </View>
  )
}

interface CardProps {
  item: ProposalListItem
  /** A line under the card's facts, e.g. "您家还没有投票". */
  note?: string
  onClick?: () => void
}

/** One proposal in a list: title, state, category, unit, author, co-sign progress, time limit. */
export function ProposalCard({ item, note, onClick }: CardProps) {
  const open = onClick ?? (() => Taro.navigateTo({ url: detailUrl(item.id) }))
  const deadline = deadlineText(item)
  const showBar = item.state === 'submitted' || item.state === 'screening'
  return (
    <Card
      className='pcard'
      title={item.title}
      extra={<StateBadge state={item.state} />}
      tone={item.overdue ? 'danger' : item.isMine ? 'accent' : 'plain'}
      onClick={open}
    >
      <Text className='pcard__meta'>
        {categoryName(item.category)} · {item.unitName} · {item.authorLabel}
      </Text>
      {/* The first photo's thumbnail, signed for this reader by the server. */}
      {item.coverPhoto && <Image className='pcard__cover' src={apiUrl(item.coverPhoto)} mode='aspectFill' aria-label='提案的照片' />}
      {(item.overdue || item.isMine || item.cosignedByMe || item.followedByMe || item.enteredByStaff || item.contentStatus !== 'visible') && (
        <View className='pcard__flags'>
          {item.overdue && <Badge tone='danger'>已超期</Badge>}
          {item.contentStatus === 'pending_review' && <Badge tone='warn'>内容审核中</Badge>}
          {item.contentStatus === 'hidden' && <Badge tone='danger'>已隐藏</Badge>}
          {item.isMine && <Badge tone='neutral'>我提的</Badge>}
          {item.cosignedByMe && <Badge tone='success'>我已附议</Badge>}
          {item.followedByMe && !item.isMine && <Badge tone='neutral'>已关注</Badge>}
          {item.enteredByStaff && <Badge tone='neutral'>居委会代录</Badge>}
        </View>
      )}
      {showBar && <CosignBar count={item.cosignCount} threshold={item.threshold} />}
      {deadline && <Text className={`pcard__deadline ${item.overdue ? 'pcard__deadline--late' : ''}`}>{deadline}</Text>}
      {note && <Text className='card__note'>{note}</Text>}
    </Card>
  )
}

import { Text, View } from '@tarojs/components'
import { proposalRoad, type ProposalDetail, type RoadStep } from '@yishi/types'
import { Card } from '@/shared/ui/Card'
import { formatDateTime } from '@/shared/format'

// 办理进度: the whole road of a proposal (types/proposal-road.ts), so a resident sees what is done,
// where it stands now with the days left, and what is still ahead, not only the past.

const STATUS_TEXT: Record<RoadStep['status'], string> = { done: '已完成', now: '进行中', ahead: '待进行', stopped: '到此结束', skipped: '不再进行' }

/** "还剩 3 天（期限 3月8日 14:00）", "今天到期", "已超期 2 天". */
export function timeLeftText(step: RoadStep): string | null {
  if (step.deadlineAt === null || step.daysLeft === null) return null
  const when = `（期限 ${formatDateTime(step.deadlineAt)}）`
  if (step.daysLeft > 0) return `还剩 ${step.daysLeft} 天${when}`
  if (step.daysLeft === 0) return `今天到期${when}`
  return `已超期 ${-step.daysLeft} 天${when}`
}

export function RoadCard({ detail, now = new Date() }: { detail: ProposalDetail; now?: Date }) {
  const steps = proposalRoad(
    { state: detail.state, createdAt: detail.createdAt, deadlineAt: detail.deadlineAt, timeline: detail.timeline, referredTo: detail.referral?.toName },
    now,
  )
  return (
    <Card title='办理进度'>
      <View className='road' id='road'>
        {steps.map((s) => {
          const left = s.status === 'now' ? timeLeftText(s) : null
          return (
            <View key={s.key} className={`road__step road__step--${s.status}`} data-status={s.status}>
              <View className='road__dot' />
              <Text className='road__title'>
                {s.name} · {STATUS_TEXT[s.status]}
              </Text>
              <Text className='road__text'>{s.text}</Text>
              {s.at && <Text className='road__meta'>{formatDateTime(s.at)}</Text>}
              {s.note && <Text className='road__note'>{s.note}</Text>}
              {left && <Text className={`road__note ${s.daysLeft! < 0 ? 'road__note--late' : ''}`}>{left}</Text>}
            </View>
          )
        })}
      </View>
    </Card>
  )
}

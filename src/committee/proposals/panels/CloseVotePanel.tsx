import { Text } from '@tarojs/components'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { formatDateTime } from '@/shared/format'
import { committeeProposalsApi } from '@/committee/proposals/api'
import type { PanelProps } from './types'

/** A vote under way: when it closes; once closed, publish the outcome the count gives. */
export function CloseVotePanel({ d, run, busy }: PanelProps) {
  const outcome = (['approved', 'declined'] as const).find((s) => d.allowedTransitions.includes(s))
  if (!outcome) {
    return (
      <Card title='投票进行中'>
        <Text className='card__text'>投票 {d.voteClosesAt ? `${formatDateTime(d.voteClosesAt)} ` : ''}截止，截止后可以在这里公布结果（到时系统也会自动公布）。</Text>
      </Card>
    )
  }
  const word = outcome === 'approved' ? '通过' : '未通过'
  const publish = () =>
    run(outcome, () => committeeProposalsApi.transition(d.id, { to: outcome }), {
      ask: { title: '公布结果', content: `公布结果「${word}」，并通知居民。确定吗？`, confirmText: '公布' },
      done: '结果已公布',
    })
  return (
    <Card title='公布投票结果' tone='accent'>
      <Text className='card__text'>投票已截止。按计票规则，结果是：{word}。</Text>
      <Button className='card__action' loading={busy === outcome} onClick={publish}>
        公布结果
      </Button>
    </Card>
  )
}

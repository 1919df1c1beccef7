import { Text } from '@tarojs/components'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { committeeProposalsApi } from '@/committee/proposals/api'
import type { PanelProps } from './types'

/** An accepted proposal: open the deliberation (hearings, coordination meetings). */
export function StartDeliberationPanel({ d, run, busy }: PanelProps) {
  const start = () =>
    run('deliberating', () => committeeProposalsApi.transition(d.id, { to: 'deliberating' }), {
      ask: { title: '开始协商', content: '确定进入协商阶段吗？', confirmText: '开始协商' },
      done: '已进入协商',
    })
  return (
    <Card title='开始协商' tone='accent'>
      <Text className='card__text'>组织听证会、协调会等听取意见。开始后可以记录会议，然后发起投票。</Text>
      <Button className='card__action' loading={busy === 'deliberating'} onClick={start}>
        开始协商
      </Button>
    </Card>
  )
}

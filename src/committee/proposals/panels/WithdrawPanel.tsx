import { Text } from '@tarojs/components'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { committeeProposalsApi } from '@/committee/proposals/api'
import type { PanelProps } from './types'

/** A proposal the committee entered for a resident (代录): withdraw it when the resident asks. */
export function WithdrawPanel({ d, run, busy }: PanelProps) {
  const withdraw = () =>
    run('withdrawn', () => committeeProposalsApi.transition(d.id, { to: 'withdrawn' }), {
      ask: { title: '撤回提案', content: '撤回后不能恢复。确定按居民要求撤回吗？', confirmText: '撤回' },
      done: '已撤回',
    })
  return (
    <Card title='按居民要求撤回'>
      <Text className='card__text'>这条提案是居委会代录的。居民要求撤回时，可以在这里撤回。</Text>
      <Button className='card__action' kind='danger' loading={busy === 'withdrawn'} onClick={withdraw}>
        撤回提案
      </Button>
    </Card>
  )
}

import { Text } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { formatYuan } from '@/proposals/labels'
import { committeeProposalsApi, required } from '@/committee/proposals/api'
import { TextField, Tiles } from '@/committee/proposals/fields'
import { parseYuan } from './money'
import type { PanelProps } from './types'

const PERCENTS = [10, 25, 50, 75, 90, 100].map((n) => ({ value: n, label: `${n}%` }))

/** Implementation under way: publish progress and spending (居务公开), then mark it done. */
export function ProgressPanel({ d, run, busy }: PanelProps) {
  const current = d.implementation?.percent ?? 0
  const [percent, setPercent] = useState<number | null>(null)
  const [text, setText] = useState('')
  const [spent, setSpent] = useState('')
  const [error, setError] = useState<string | null>(null)
  const send = () => {
    const yuan = parseYuan(spent)
    const problem = (percent === null ? '请选择完成了多少' : required(text, '进展说明')) ?? (yuan === null ? '支出请填数字（元）' : null)
    setError(problem)
    if (problem || percent === null) return
    void run('progress', () => committeeProposalsApi.progress(d.id, { percent, text: text.trim(), ...(typeof yuan === 'number' ? { budgetSpent: yuan } : {}) }), {
      ask: { title: '发布进展', content: `完成 ${percent}%。进展会公开，并通知关注的居民。确定发布吗？`, confirmText: '发布' },
      done: '进展已发布',
    })
  }
  const complete = () =>
    run('completed', () => committeeProposalsApi.transition(d.id, { to: 'completed' }), {
      ask: { title: '标记为已完成', content: '完成后居民可以评议成效。确定已经办完了吗？', confirmText: '已完成' },
      done: '已标记为完成',
    })
  return (
    <Card title='更新实施进展' tone='accent'>
      <Text className='card__note'>目前 {current}%{d.implementation?.budgetSpent != null ? `，累计支出 ${formatYuan(d.implementation.budgetSpent)}` : ''}</Text>
      <Text className='field__label'>完成了多少</Text>
      <Tiles options={PERCENTS} value={percent} onChange={setPercent} />
      <TextField label='进展说明' value={text} onChange={setText} max={2000} multiline placeholder='做了什么、下一步是什么' />
      <TextField label='累计支出（元，可不填，居务公开）' value={spent} onChange={setSpent} max={12} type='digit' />
      {error && <Text className='field__error'>{error}</Text>}
      <Button className='card__action' loading={busy === 'progress'} onClick={send}>
        发布进展
      </Button>
      {d.allowedTransitions.includes('completed') && (
        <Button className='card__action' kind='secondary' loading={busy === 'completed'} onClick={complete}>
          标记为已完成
        </Button>
      )}
    </Card>
  )
}

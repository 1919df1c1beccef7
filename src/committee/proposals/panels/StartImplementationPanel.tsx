import { Text } from '@tarojs/components'
import { useState } from 'react'
import { addShanghaiDays, shanghaiDay } from '@yishi/types/time'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { committeeProposalsApi, required } from '@/committee/proposals/api'
import { DateField, TextField } from '@/committee/proposals/fields'
import { parseYuan } from './money'
import type { PanelProps } from './types'

/** An approved proposal: who carries it out, by when, with what budget. */
export function StartImplementationPanel({ d, run, busy }: PanelProps) {
  const today = shanghaiDay(Date.now())
  const [owner, setOwner] = useState('')
  const [date, setDate] = useState(addShanghaiDays(today, 30))
  const [budget, setBudget] = useState('')
  const [error, setError] = useState<string | null>(null)
  const send = () => {
    const yuan = parseYuan(budget)
    const problem = required(owner, '实施负责人') ?? (yuan === null ? '预算请填数字（元）' : null)
    setError(problem)
    if (problem) return
    void run(
      'implementing',
      () => committeeProposalsApi.transition(d.id, { to: 'implementing', owner: owner.trim(), plannedDate: date, ...(typeof yuan === 'number' ? { budgetPlanned: yuan } : {}) }),
      {
        ask: { title: '开始实施', content: `负责人：${owner.trim()}，计划 ${date} 完成。到期未完成会显示“已超期”。确定吗？`, confirmText: '开始实施' },
        done: '已开始实施',
      },
    )
  }
  return (
    <Card title='开始实施' tone='accent'>
      <TextField label='实施负责人（如：物业公司、居委会某某）' value={owner} onChange={setOwner} max={50} />
      <DateField label='计划完成日期' value={date} onChange={setDate} start={today} />
      <TextField label='预算（元，可不填）' value={budget} onChange={setBudget} max={12} type='digit' />
      {error && <Text className='field__error'>{error}</Text>}
      <Button className='card__action' loading={busy === 'implementing'} onClick={send}>
        开始实施
      </Button>
    </Card>
  )
}

import { useState } from 'react'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { committeeProposalsApi, required } from '@/committee/proposals/api'
import { TextField } from '@/committee/proposals/fields'
import type { PanelProps } from './types'

/** A referred proposal: record the answer of the one it was referred to. */
export function ReferralPanel({ d, run, busy }: PanelProps) {
  const [answer, setAnswer] = useState('')
  const [error, setError] = useState<string | null>(null)
  const toName = d.referral?.toName ?? ''
  const send = () => {
    const bad = required(answer, '答复内容')
    setError(bad)
    if (bad) return
    void run('referral', () => committeeProposalsApi.answerReferral(d.id, answer.trim()), {
      ask: { title: '登记答复', content: `登记${toName}的答复，并通知居民。确定吗？`, confirmText: '登记' },
      done: '答复已登记',
    })
  }
  return (
    <Card title={`登记${toName}的答复`} tone='accent'>
      <TextField label='答复内容（居民可以看到）' value={answer} onChange={setAnswer} max={2000} multiline error={error} />
      <Button className='card__action' loading={busy === 'referral'} onClick={send}>
        登记答复
      </Button>
    </Card>
  )
}

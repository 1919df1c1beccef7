import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { committeeProposalsApi, required } from '@/committee/proposals/api'
import { TextField } from '@/committee/proposals/fields'
import type { PanelProps } from './types'

/** 内容审核: a proposal the content check held (or one hidden): publish it, or hide it with a reason. */
export function ReviewPanel({ d, run, busy }: PanelProps) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const hide = () => {
    const bad = required(reason, '隐藏的原因')
    setError(bad)
    if (bad) return
    void run('hide', () => committeeProposalsApi.review(d.id, 'hide', reason.trim()), {
      ask: { title: '隐藏提案', content: `原因：${reason.trim()}\n提案人会看到原因。确定隐藏吗？`, confirmText: '隐藏' },
      done: '已隐藏',
    })
  }
  const publish = () =>
    run('publish', () => committeeProposalsApi.review(d.id, 'publish'), {
      ask: { title: '公开提案', content: '公开后本居民区居民都能看到并附议。确定公开吗？', confirmText: '公开' },
      done: '已公开',
    })
  return (
    <Card title='内容审核' tone='warn'>
      <Text className='card__text'>
        {d.contentStatus === 'pending_review' ? '内容检查没有直接通过，目前只有提案人和居委会能看到。请核对后决定。' : '这条提案已被隐藏。'}
      </Text>
      <Button className='card__action' loading={busy === 'publish'} onClick={publish}>
        公开
      </Button>
      {d.contentStatus === 'pending_review' && (
        <View>
          <TextField label='隐藏的原因（提案人会看到）' value={reason} onChange={setReason} max={500} multiline error={error} />
          <Button className='card__action' kind='danger' loading={busy === 'hide'} onClick={hide}>
            隐藏
          </Button>
        </View>
      )}
    </Card>
  )
}

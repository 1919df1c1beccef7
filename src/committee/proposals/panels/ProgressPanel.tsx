import { Text } from '@tarojs/components'
import { useState } from 'react'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { SwitchRow } from '@/shared/ui/ListRow'
import { formatYuan } from '@/proposals/labels'
import { committeeProposalsApi, required } from '@/committee/proposals/api'
import { TextField, Tiles } from '@/committee/proposals/fields'
import { PhotoPicker } from '@/media/PhotoPicker'
import { photoField, PHOTOS_UNFINISHED, usePhotoUploads } from '@/media/usePhotoUploads'
import { parseYuan } from './money'
import type { PanelProps } from './types'

const PERCENTS = [10, 25, 50, 75, 90, 100].map((n) => ({ value: n, label: `${n}%` }))

/** Progress and spending only grow; lowering either is a 更正, which must say so (the server refuses otherwise). */
export function correctionProblem(before: { percent: number; spent: number | null }, next: { percent: number; spent: number | undefined }, correction: boolean): string | null {
  const lowered = next.percent < before.percent || (before.spent !== null && next.spent !== undefined && next.spent < before.spent)
  if (lowered && !correction) return `进度和累计支出不能比上次少（上次 ${before.percent}%）；如是更正，请打开“更正”并写明原因`
  if (!lowered && correction) return '这次没有调低进度或累计支出，不是更正，请关掉“更正”'
  return null
}

/** Implementation under way: publish progress and spending (居务公开), then mark it done. */
export function ProgressPanel({ d, run, busy }: PanelProps) {
  const current = d.implementation?.percent ?? 0
  const [percent, setPercent] = useState<number | null>(null)
  const [text, setText] = useState('')
  const [spent, setSpent] = useState('')
  const [correction, setCorrection] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const photos = usePhotoUploads()
  const textLabel = correction ? '更正原因' : '进展说明'
  const send = () => {
    const yuan = parseYuan(spent)
    const problem =
      (percent === null ? '请选择完成了多少' : required(text, textLabel)) ??
      (yuan === null ? '支出请填数字（元）' : correctionProblem({ percent: current, spent: d.implementation?.budgetSpent ?? null }, { percent: percent ?? 0, spent: yuan }, correction)) ??
      (photos.pending ? PHOTOS_UNFINISHED : null)
    setError(problem)
    if (problem || percent === null) return
    const body = { percent, text: text.trim(), ...photoField(photos), ...(typeof yuan === 'number' ? { budgetSpent: yuan } : {}), ...(correction ? { correction: true } : {}) }
    void run('progress', async () => {
      const update = await committeeProposalsApi.progress(d.id, body)
      // Attached now: the next update starts without them.
      photos.clear()
      return update
    }, {
      ask: correction
        ? { title: '发布更正', content: `进展更正为 ${percent}%。更正和原因会公开，并通知关注的居民。确定发布吗？`, confirmText: '发布' }
        : { title: '发布进展', content: `完成 ${percent}%。进展会公开，并通知关注的居民。确定发布吗？`, confirmText: '发布' },
      done: correction ? '更正已发布' : '进展已发布',
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
      <Tiles options={correction ? PERCENTS : PERCENTS.filter((p) => p.value >= current)} value={percent} onChange={setPercent} />
      <SwitchRow
        label='更正'
        hint='上次报告的进度或支出有误，要调低时打开，并写明原因'
        checked={correction}
        onChange={(on) => {
          setCorrection(on)
          if (!on && percent !== null && percent < current) setPercent(null)
        }}
      />
      <TextField
        label={textLabel}
        value={text}
        onChange={setText}
        max={2000}
        multiline
        placeholder={correction ? '上次哪里报错了、为什么调低' : '做了什么、下一步是什么'}
      />
      <Text className='field__label'>施工照片（可不放）</Text>
      <PhotoPicker photos={photos} />
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

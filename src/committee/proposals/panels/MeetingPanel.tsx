import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { MeetingKind } from '@yishi/types'
import { MEETING_KIND_NAMES } from '@yishi/types'
import { shanghaiDay } from '@yishi/types/time'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { keysOf } from '@/shared/keys'
import { committeeProposalsApi, required } from '@/committee/proposals/api'
import { DateField, TextField, Tiles } from '@/committee/proposals/fields'
import { PhotoPicker } from '@/media/PhotoPicker'
import { PHOTOS_UNFINISHED, usePhotoUploads } from '@/media/usePhotoUploads'
import type { PanelProps } from './types'

const MEETING_KINDS = keysOf(MEETING_KIND_NAMES).map((k) => ({ value: k, label: MEETING_KIND_NAMES[k] }))

/** 三会: how many meetings are on record, and a form for one more. */
export function MeetingPanel({ d, run, busy }: PanelProps) {
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState<MeetingKind | null>(null)
  // A meeting already held: not after today, not before the proposal was submitted (the server refuses both).
  const today = shanghaiDay(Date.now())
  const submitted = shanghaiDay(d.createdAt)
  const [date, setDate] = useState(today)
  const [place, setPlace] = useState('')
  const [attendance, setAttendance] = useState('')
  const [minutes, setMinutes] = useState('')
  const [decisions, setDecisions] = useState('')
  const [error, setError] = useState<string | null>(null)
  const files = usePhotoUploads()

  if (!open) {
    return (
      <Card title='会议记录（三会）'>
        <Text className='card__text'>已记录 {d.meetings.length} 次会议。听证会、协调会、评议会和居民代表会议的记录会公开给居民。</Text>
        <Button className='card__action' kind='secondary' onClick={() => setOpen(true)}>
          记录一次会议
        </Button>
      </Card>
    )
  }

  const send = () => {
    const n = Number(attendance)
    const problem = !kind
      ? '请选择会议类型'
      : !place.trim()
        ? '请填写地点'
        : !attendance.trim() || !Number.isInteger(n) || n < 0
          ? '参加人数请填整数'
          : (required(minutes, '会议纪要') ?? (files.pending ? PHOTOS_UNFINISHED : null))
    setError(problem)
    if (problem || !kind) return
    void run(
      'meeting',
      () =>
        committeeProposalsApi.meeting(d.id, {
          kind,
          heldOn: date,
          place: place.trim(),
          attendance: n,
          minutes: minutes.trim(),
          ...(decisions.trim() ? { decisions: decisions.trim() } : {}),
          ...(files.ids.length > 0 ? { files: files.ids } : {}),
        }),
      {
        ask: { title: '保存会议记录', content: `${MEETING_KIND_NAMES[kind]}，${date}，${n} 人参加。记录会公开给居民。确定保存吗？`, confirmText: '保存' },
        done: '会议已记录',
      },
    )
  }

  return (
    <Card title='记录会议' tone='accent'>
      <Text className='field__label'>会议类型</Text>
      <Tiles options={MEETING_KINDS} value={kind} onChange={setKind} />
      <DateField label='开会日期' value={date} onChange={setDate} start={submitted} end={today} />
      <TextField label='地点' value={place} onChange={setPlace} max={100} placeholder='例如：居委会活动室' />
      <TextField label='参加人数' value={attendance} onChange={setAttendance} max={6} type='number' />
      <TextField label='会议纪要' value={minutes} onChange={setMinutes} max={5000} multiline placeholder='大家的主要意见' />
      <TextField label='会议决定（可不填）' value={decisions} onChange={setDecisions} max={2000} multiline />
      <Text className='field__label'>会议记录的扫描件或照片（可不放，居民可以看到）</Text>
      <PhotoPicker photos={files} documents />
      {error && <Text className='field__error'>{error}</Text>}
      <View className='btn-row'>
        <Button kind='plain' onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button loading={busy === 'meeting'} onClick={send}>
          保存记录
        </Button>
      </View>
    </Card>
  )
}

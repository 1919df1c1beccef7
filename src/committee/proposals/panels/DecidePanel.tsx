import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { addShanghaiDays, shanghaiDay } from '@yishi/types/time'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { Segments } from '@/shared/ui/Segments'
import { formatDateTime } from '@/shared/format'
import { shanghaiInstant } from '@/shared/time'
import { committeeProposalsApi, required } from '@/committee/proposals/api'
import { DateField, TextField, Tiles } from '@/committee/proposals/fields'
import type { PanelProps } from './types'

type Mode = 'vote' | 'offline'
const MODES: { value: Mode; label: string }[] = [
  { value: 'vote', label: '住户投票' },
  { value: 'offline', label: '居民代表会议' },
]
const OUTCOMES = [
  { value: 'approved' as const, label: '通过' },
  { value: 'declined' as const, label: '不通过' },
]

/** After deliberation: open the households' vote, or record what the 居民代表会议 decided offline. */
export function DecidePanel({ d, run, busy }: PanelProps) {
  const today = shanghaiDay(Date.now())
  const [mode, setMode] = useState<Mode>('vote')
  const [date, setDate] = useState(addShanghaiDays(today, 7))
  const [time, setTime] = useState('20:00')
  const [outcome, setOutcome] = useState<'approved' | 'declined' | null>(null)
  const [minutes, setMinutes] = useState('')
  const [error, setError] = useState<string | null>(null)

  // The default closing day follows the 居民区's setting for a vote's length.
  useEffect(() => {
    committeeProposalsApi
      .settings(d.neighbourhoodId)
      .then((st) => setDate(addShanghaiDays(shanghaiDay(Date.now()), st.votingDays)))
      .catch(() => undefined)
  }, [d.id, d.neighbourhoodId])

  const openVote = () => {
    // The day and time are Shanghai's, whatever zone the phone is set to.
    const closes = shanghaiInstant(date, time)
    if (Number.isNaN(closes.getTime()) || closes.getTime() < Date.now() + 3_600_000) {
      setError('截止时间至少要在一小时之后')
      return
    }
    setError(null)
    void run('voting', () => committeeProposalsApi.transition(d.id, { to: 'voting', closesAt: closes.toISOString() }), {
      ask: { title: '发起投票', content: `住户投票到 ${formatDateTime(closes.toISOString())} 截止，每户一票。确定发起吗？`, confirmText: '发起投票' },
      done: '投票已开始',
    })
  }

  const recordOffline = () => {
    const bad = outcome ? required(minutes, '会议纪要') : '请选择会议的决定'
    setError(bad)
    if (bad || !outcome) return
    void run(outcome, () => committeeProposalsApi.transition(d.id, { to: outcome, minutes: minutes.trim() }), {
      ask: { title: '记录居民代表会议决定', content: `居民代表会议决定：${outcome === 'approved' ? '通过' : '不通过'}。纪要会公开给居民。确定记录吗？`, confirmText: '记录' },
      done: '已记录决定',
    })
  }

  return (
    <Card title='作出决定' tone='accent'>
      <Segments options={MODES} value={mode} onChange={setMode} />
      {mode === 'vote' ? (
        <View>
          <Text className='card__text'>本{d.unitLevelName}已认证的住户每户一票。截止后请回到这里公布结果。</Text>
          <DateField label='截止日期' value={date} onChange={setDate} start={today} />
          <DateField label='截止时间' value={time} onChange={setTime} mode='time' />
          {error && <Text className='field__error'>{error}</Text>}
          <Button className='card__action' loading={busy === 'voting'} onClick={openVote}>
            发起投票
          </Button>
        </View>
      ) : (
        <View>
          <Text className='card__text'>已由居民代表会议线下表决的，在这里记录决定和纪要。</Text>
          <Tiles options={OUTCOMES} value={outcome} onChange={setOutcome} />
          <TextField label='会议纪要（居民可以看到）' value={minutes} onChange={setMinutes} max={5000} multiline placeholder='时间、地点、参加人数、表决情况' />
          {error && <Text className='field__error'>{error}</Text>}
          <Button className='card__action' loading={busy === 'approved' || busy === 'declined'} onClick={recordOffline}>
            记录决定
          </Button>
        </View>
      )}
    </Card>
  )
}

import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Fragment, useEffect, useState } from 'react'
import dayjs from 'dayjs'
import type { MeetingKind, ProposalDetail, ProposalListItem, ProposalState, ReferralTarget } from '@yishi/types'
import { MEETING_KIND_NAMES, REFERRAL_TARGET_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { formatDateTime } from '@/shared/format'
import { ApiRequestError } from '@/shared/request'
import { detailUrl, markProposalsChanged, proposalsApi } from '@/proposals/api'
import { categoryName, cosignProgress, deadlineText, formatYuan, stateLabel, STATE_VIEWS } from '@/proposals/labels'
import { StateBadge } from '@/proposals/ui'
import { COMMON_REJECT_REASONS, committeeProposalsApi, required } from './api'
import { DateField, TextField, Tiles } from './fields'

/** Asks before anything is sent: every committee action is confirmed. */
async function confirmed(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmText, cancelText: '取消' })
  return !!res.confirm
}

type Run = (key: string, ask: { title: string; content: string; confirmText?: string }, work: () => Promise<unknown>, done: string) => Promise<boolean>

interface PanelProps {
  d: ProposalDetail
  run: Run
  busy: string | null
}

const MEETING_STATES: ProposalState[] = ['accepted', 'deliberating', 'voting', 'approved', 'declined', 'implementing', 'completed']
const OPEN_STATES: ProposalState[] = ['submitted', 'screening', 'accepted', 'deliberating', 'voting']
const REFER_TARGETS: ReferralTarget[] = ['property', 'owners_committee', 'street']

// ---------------------------------------------------------------------------
// Screening: accept, reject, merge, refer
// ---------------------------------------------------------------------------

type ScreenAction = 'accepted' | 'rejected' | 'merged' | 'referred'

const SCREEN_LABELS: Record<ScreenAction, string> = { accepted: '受理立项', rejected: '不受理', merged: '合并', referred: '转办' }

function ScreenPanel({ d, run, busy }: PanelProps) {
  const actions = (['accepted', 'rejected', 'merged', 'referred'] as ScreenAction[]).filter((a) => d.allowedTransitions.includes(a))
  const [action, setAction] = useState<ScreenAction | null>(actions.includes('accepted') ? 'accepted' : null)
  const [reason, setReason] = useState('')
  const [referTo, setReferTo] = useState<ReferralTarget | null>(null)
  const [targets, setTargets] = useState<ProposalListItem[] | null>(null)
  const [mergeInto, setMergeInto] = useState<ProposalListItem | null>(null)
  const [error, setError] = useState<string | null>(null)

  if (!actions.length) return null
  const title = d.state === 'screening' ? '审核' : actions.length === 1 && actions[0] === 'referred' ? '转办' : '处理'

  const pick = (a: ScreenAction) => {
    setAction(a)
    setError(null)
    if (a === 'merged' && !targets) {
      proposalsApi
        .list({ states: OPEN_STATES, sort: 'newest', limit: 50 })
        .then((p) => setTargets(p.items.filter((x) => x.id !== d.id && x.neighbourhoodId === d.neighbourhoodId && x.contentStatus === 'visible')))
        .catch(() => setTargets([]))
    }
  }

  const send = async () => {
    if (!action) return
    if (action === 'accepted') {
      await run(
        'accepted',
        { title: '受理立项', content: `受理后「${d.title}」成为正式议题，提案人和附议居民会收到通知，议事厅会开讨论。确定受理吗？`, confirmText: '受理' },
        () => committeeProposalsApi.transition(d.id, { to: 'accepted', ...(reason.trim() ? { reason: reason.trim() } : {}) }),
        '已受理立项',
      )
    } else if (action === 'rejected') {
      const bad = required(reason, '不受理的原因')
      setError(bad)
      if (bad) return
      await run(
        'rejected',
        { title: '不受理', content: `原因：${reason.trim()}\n提案人会看到这个原因。确定不受理吗？`, confirmText: '不受理' },
        () => committeeProposalsApi.transition(d.id, { to: 'rejected', reason: reason.trim() }),
        '已标记为不受理',
      )
    } else if (action === 'merged') {
      if (!mergeInto) {
        setError('请选择要合并到的提案')
        return
      }
      await run(
        'merged',
        { title: '合并提案', content: `合并到「${mergeInto.title}」。附议会一并转过去，并通知提案人和附议居民。确定合并吗？`, confirmText: '合并' },
        () => committeeProposalsApi.transition(d.id, { to: 'merged', mergeInto: mergeInto.id, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
        '已合并',
      )
    } else {
      if (!referTo) {
        setError('请选择转办给谁')
        return
      }
      const bad = required(reason, '转办的原因')
      setError(bad)
      if (bad) return
      await run(
        'referred',
        { title: '转办', content: `转给${REFERRAL_TARGET_NAMES[referTo]}办理。原因：${reason.trim()}\n确定转办吗？`, confirmText: '转办' },
        () => committeeProposalsApi.transition(d.id, { to: 'referred', referTo, reason: reason.trim() }),
        '已转办',
      )
    }
  }

  return (
    <Card title={title} tone='accent'>
      <Tiles options={actions.map((a) => ({ value: a, label: SCREEN_LABELS[a] }))} value={action} onChange={pick} />
      {action === 'rejected' && (
        <View className='choices'>
          {COMMON_REJECT_REASONS.map((r) => (
            <View key={r} className={`choice choice--compact ${reason === r ? 'choice--selected' : ''}`} hoverClass='choice--pressed' onClick={() => setReason(r)}>
              <Text className='choice__title'>{r}</Text>
            </View>
          ))}
        </View>
      )}
      {action === 'merged' && (
        <View>
          <Text className='field__label'>合并到哪一条提案</Text>
          {!targets && <Text className='card__note'>正在加载…</Text>}
          {targets && !targets.length && <Text className='card__note'>本居民区没有其他进行中的提案可以合并。</Text>}
          <View className='choices'>
            {targets?.map((t) => (
              <View
                key={t.id}
                className={`choice choice--compact ${mergeInto?.id === t.id ? 'choice--selected' : ''}`}
                hoverClass='choice--pressed'
                onClick={() => {
                  setMergeInto(t)
                  setError(null)
                }}
              >
                <Text className='choice__title'>{t.title}</Text>
                <Text className='choice__text'>
                  {stateLabel(t.state)} · {t.unitName} · {cosignProgress(t.cosignCount, t.threshold).text}
                </Text>
              </View>
            ))}
          </View>
        </View>
      )}
      {action === 'referred' && (
        <View>
          <Text className='field__label'>转给谁</Text>
          <Tiles options={REFER_TARGETS.map((t) => ({ value: t, label: REFERRAL_TARGET_NAMES[t] }))} value={referTo} onChange={setReferTo} />
        </View>
      )}
      {action && (
        <TextField
          id='screen-reason'
          label={action === 'accepted' ? '说明（可不填）' : action === 'merged' ? '说明（可不填）' : '原因（提案人会看到）'}
          value={reason}
          onChange={(v) => {
            setReason(v)
            setError(null)
          }}
          max={500}
          multiline
          placeholder={action === 'accepted' ? '例如：符合居民区议事范围' : '请写明原因'}
        />
      )}
      {error && <Text className='field__error'>{error}</Text>}
      {action && (
        <Button className='card__action' kind={action === 'rejected' ? 'danger' : 'primary'} loading={busy === action} onClick={send}>
          {SCREEN_LABELS[action]}
        </Button>
      )}
    </Card>
  )
}

// ---------------------------------------------------------------------------
// Deliberation: start it; open the vote or record the offline decision
// ---------------------------------------------------------------------------

function DeliberatePanel({ d, run, busy }: PanelProps) {
  const [mode, setMode] = useState<'vote' | 'offline'>('vote')
  const [date, setDate] = useState(dayjs().add(7, 'day').format('YYYY-MM-DD'))
  const [time, setTime] = useState('20:00')
  // The default closing day follows the 居民区's setting for a vote's length.
  useEffect(() => {
    if (!d.allowedTransitions.includes('voting')) return
    committeeProposalsApi
      .settings(d.neighbourhoodId)
      .then((st) => setDate(dayjs().add(st.votingDays, 'day').format('YYYY-MM-DD')))
      .catch(() => undefined)
  }, [d.id, d.neighbourhoodId, d.allowedTransitions])
  const [outcome, setOutcome] = useState<'approved' | 'declined' | null>(null)
  const [minutes, setMinutes] = useState('')
  const [error, setError] = useState<string | null>(null)

  if (d.allowedTransitions.includes('deliberating')) {
    return (
      <Card title='开始协商' tone='accent'>
        <Text className='card__text'>组织听证会、协调会等听取意见。开始后可以记录会议，然后发起投票。</Text>
        <Button
          className='card__action'
          loading={busy === 'deliberating'}
          onClick={() =>
            run('deliberating', { title: '开始协商', content: '确定进入协商阶段吗？', confirmText: '开始协商' }, () => committeeProposalsApi.transition(d.id, { to: 'deliberating' }), '已进入协商')
          }
        >
          开始协商
        </Button>
      </Card>
    )
  }
  if (!d.allowedTransitions.includes('voting')) return null

  const openVote = async () => {
    const closes = dayjs(`${date}T${time}:00`)
    if (!closes.isValid() || closes.valueOf() < Date.now() + 3_600_000) {
      setError('截止时间至少要在一小时之后')
      return
    }
    setError(null)
    await run(
      'voting',
      { title: '发起投票', content: `住户投票到 ${formatDateTime(closes.toISOString())} 截止，每户一票。确定发起吗？`, confirmText: '发起投票' },
      () => committeeProposalsApi.transition(d.id, { to: 'voting', closesAt: closes.toISOString() }),
      '投票已开始',
    )
  }

  const recordOffline = async () => {
    if (!outcome) {
      setError('请选择会议的决定')
      return
    }
    const bad = required(minutes, '会议纪要')
    setError(bad)
    if (bad) return
    await run(
      outcome,
      { title: '记录居民代表会议决定', content: `居民代表会议决定：${outcome === 'approved' ? '通过' : '不通过'}。纪要会公开给居民。确定记录吗？`, confirmText: '记录' },
      () => committeeProposalsApi.transition(d.id, { to: outcome, minutes: minutes.trim() }),
      '已记录决定',
    )
  }

  return (
    <Card title='作出决定' tone='accent'>
      <View className='segments'>
        <View className={`segment ${mode === 'vote' ? 'segment--active' : ''}`} onClick={() => setMode('vote')}>
          <Text>住户投票</Text>
        </View>
        <View className={`segment ${mode === 'offline' ? 'segment--active' : ''}`} onClick={() => setMode('offline')}>
          <Text>居民代表会议</Text>
        </View>
      </View>
      {mode === 'vote' ? (
        <View>
          <Text className='card__text'>本{d.unitLevelName}已认证的住户每户一票。截止后请回到这里公布结果。</Text>
          <DateField label='截止日期' value={date} onChange={setDate} start={dayjs().format('YYYY-MM-DD')} />
          <DateField label='截止时间' value={time} onChange={setTime} mode='time' />
          {error && <Text className='field__error'>{error}</Text>}
          <Button className='card__action' loading={busy === 'voting'} onClick={openVote}>
            发起投票
          </Button>
        </View>
      ) : (
        <View>
          <Text className='card__text'>已由居民代表会议线下表决的，在这里记录决定和纪要。</Text>
          <Tiles
            options={[
              { value: 'approved' as const, label: '通过' },
              { value: 'declined' as const, label: '不通过' },
            ]}
            value={outcome}
            onChange={setOutcome}
          />
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

// ---------------------------------------------------------------------------
// Closing the vote
// ---------------------------------------------------------------------------

function CloseVotePanel({ d, run, busy }: PanelProps) {
  if (d.state !== 'voting') return null
  const outcome = (['approved', 'declined'] as const).find((s) => d.allowedTransitions.includes(s))
  if (!outcome) {
    return (
      <Card title='投票进行中'>
        <Text className='card__text'>投票 {d.voteClosesAt ? `${formatDateTime(d.voteClosesAt)} ` : ''}截止，截止后可以在这里公布结果（到时系统也会自动公布）。</Text>
      </Card>
    )
  }
  return (
    <Card title='公布投票结果' tone='accent'>
      <Text className='card__text'>投票已截止。按计票规则，结果是：{outcome === 'approved' ? '通过' : '未通过'}。</Text>
      <Button
        className='card__action'
        loading={busy === outcome}
        onClick={() =>
          run(
            outcome,
            { title: '公布结果', content: `公布结果「${outcome === 'approved' ? '通过' : '未通过'}」，并通知居民。确定吗？`, confirmText: '公布' },
            () => committeeProposalsApi.transition(d.id, { to: outcome }),
            '结果已公布',
          )
        }
      >
        公布结果
      </Button>
    </Card>
  )
}

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

function parseYuan(raw: string): number | undefined | null {
  const v = raw.trim()
  if (!v) return undefined
  const n = Number(v)
  return Number.isFinite(n) && n >= 0 && n <= 1_000_000_000 ? Math.round(n * 100) / 100 : null
}

function StartImplementationPanel({ d, run, busy }: PanelProps) {
  const [owner, setOwner] = useState('')
  const [date, setDate] = useState(dayjs().add(30, 'day').format('YYYY-MM-DD'))
  const [budget, setBudget] = useState('')
  const [error, setError] = useState<string | null>(null)
  if (!d.allowedTransitions.includes('implementing')) return null
  const send = async () => {
    const bad = required(owner, '实施负责人')
    const yuan = parseYuan(budget)
    const problem = bad ?? (yuan === null ? '预算请填数字（元）' : null)
    setError(problem)
    if (problem) return
    await run(
      'implementing',
      { title: '开始实施', content: `负责人：${owner.trim()}，计划 ${date} 完成。到期未完成会显示“已超期”。确定吗？`, confirmText: '开始实施' },
      () => committeeProposalsApi.transition(d.id, { to: 'implementing', owner: owner.trim(), plannedDate: date, ...(typeof yuan === 'number' ? { budgetPlanned: yuan } : {}) }),
      '已开始实施',
    )
  }
  return (
    <Card title='开始实施' tone='accent'>
      <TextField label='实施负责人（如：物业公司、居委会某某）' value={owner} onChange={setOwner} max={50} />
      <DateField label='计划完成日期' value={date} onChange={setDate} start={dayjs().format('YYYY-MM-DD')} />
      <TextField label='预算（元，可不填）' value={budget} onChange={setBudget} max={12} type='digit' />
      {error && <Text className='field__error'>{error}</Text>}
      <Button className='card__action' loading={busy === 'implementing'} onClick={send}>
        开始实施
      </Button>
    </Card>
  )
}

function ProgressPanel({ d, run, busy }: PanelProps) {
  const current = d.implementation?.percent ?? 0
  const [percent, setPercent] = useState<number | null>(null)
  const [text, setText] = useState('')
  const [spent, setSpent] = useState('')
  const [error, setError] = useState<string | null>(null)
  if (d.state !== 'implementing') return null
  const send = async () => {
    const bad = percent === null ? '请选择完成了多少' : required(text, '进展说明')
    const yuan = parseYuan(spent)
    const problem = bad ?? (yuan === null ? '支出请填数字（元）' : null)
    setError(problem)
    if (problem || percent === null) return
    const ok = await run(
      'progress',
      { title: '发布进展', content: `完成 ${percent}%。进展会公开，并通知关注的居民。确定发布吗？`, confirmText: '发布' },
      () => committeeProposalsApi.progress(d.id, { percent, text: text.trim(), ...(typeof yuan === 'number' ? { budgetSpent: yuan } : {}) }),
      '进展已发布',
    )
    if (ok) {
      setText('')
      setSpent('')
      setPercent(null)
    }
  }
  return (
    <Card title='更新实施进展' tone='accent'>
      <Text className='card__note'>目前 {current}%{d.implementation?.budgetSpent != null ? `，累计支出 ${formatYuan(d.implementation.budgetSpent)}` : ''}</Text>
      <Text className='field__label'>完成了多少</Text>
      <Tiles options={[10, 25, 50, 75, 90, 100].map((n) => ({ value: n, label: `${n}%` }))} value={percent} onChange={setPercent} />
      <TextField label='进展说明' value={text} onChange={setText} max={2000} multiline placeholder='做了什么、下一步是什么' />
      <TextField label='累计支出（元，可不填，居务公开）' value={spent} onChange={setSpent} max={12} type='digit' />
      {error && <Text className='field__error'>{error}</Text>}
      <Button className='card__action' loading={busy === 'progress'} onClick={send}>
        发布进展
      </Button>
      {d.allowedTransitions.includes('completed') && (
        <Button
          className='card__action'
          kind='secondary'
          loading={busy === 'completed'}
          onClick={() =>
            run(
              'completed',
              { title: '标记为已完成', content: '完成后居民可以评议成效。确定已经办完了吗？', confirmText: '已完成' },
              () => committeeProposalsApi.transition(d.id, { to: 'completed' }),
              '已标记为完成',
            )
          }
        >
          标记为已完成
        </Button>
      )}
    </Card>
  )
}

// ---------------------------------------------------------------------------
// 三会 meetings
// ---------------------------------------------------------------------------

const MEETING_KINDS: MeetingKind[] = ['hearing', 'coordination', 'evaluation', 'representatives']

function MeetingPanel({ d, run, busy }: PanelProps) {
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState<MeetingKind | null>(null)
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'))
  const [place, setPlace] = useState('')
  const [attendance, setAttendance] = useState('')
  const [minutes, setMinutes] = useState('')
  const [decisions, setDecisions] = useState('')
  const [error, setError] = useState<string | null>(null)
  if (!MEETING_STATES.includes(d.state)) return null
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
  const send = async () => {
    const n = Number(attendance)
    const problem = !kind
      ? '请选择会议类型'
      : !place.trim()
        ? '请填写地点'
        : !attendance.trim() || !Number.isInteger(n) || n < 0
          ? '参加人数请填整数'
          : required(minutes, '会议纪要')
    setError(problem)
    if (problem || !kind) return
    const ok = await run(
      'meeting',
      { title: '保存会议记录', content: `${MEETING_KIND_NAMES[kind]}，${date}，${n} 人参加。记录会公开给居民。确定保存吗？`, confirmText: '保存' },
      () =>
        committeeProposalsApi.meeting(d.id, {
          kind,
          heldOn: date,
          place: place.trim(),
          attendance: n,
          minutes: minutes.trim(),
          ...(decisions.trim() ? { decisions: decisions.trim() } : {}),
        }),
      '会议已记录',
    )
    if (ok) {
      setOpen(false)
      setKind(null)
      setPlace('')
      setAttendance('')
      setMinutes('')
      setDecisions('')
    }
  }
  return (
    <Card title='记录会议' tone='accent'>
      <Text className='field__label'>会议类型</Text>
      <Tiles options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_NAMES[k] }))} value={kind} onChange={setKind} />
      <DateField label='开会日期' value={date} onChange={setDate} />
      <TextField label='地点' value={place} onChange={setPlace} max={100} placeholder='例如：居委会活动室' />
      <TextField label='参加人数' value={attendance} onChange={setAttendance} max={6} type='number' />
      <TextField label='会议纪要' value={minutes} onChange={setMinutes} max={5000} multiline placeholder='大家的主要意见' />
      <TextField label='会议决定（可不填）' value={decisions} onChange={setDecisions} max={2000} multiline />
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

// ---------------------------------------------------------------------------
// Referral answer, content review, withdrawal of a 代录 proposal
// ---------------------------------------------------------------------------

function ReferralPanel({ d, run, busy }: PanelProps) {
  const [answer, setAnswer] = useState('')
  const [error, setError] = useState<string | null>(null)
  if (d.state !== 'referred' || !d.referral || d.referral.answer) return null
  const send = async () => {
    const bad = required(answer, '答复内容')
    setError(bad)
    if (bad) return
    await run(
      'referral',
      { title: '登记答复', content: `登记${d.referral!.toName}的答复，并通知居民。确定吗？`, confirmText: '登记' },
      () => committeeProposalsApi.answerReferral(d.id, answer.trim()),
      '答复已登记',
    )
  }
  return (
    <Card title={`登记${d.referral.toName}的答复`} tone='accent'>
      <TextField label='答复内容（居民可以看到）' value={answer} onChange={setAnswer} max={2000} multiline error={error} />
      <Button className='card__action' loading={busy === 'referral'} onClick={send}>
        登记答复
      </Button>
    </Card>
  )
}

function ReviewPanel({ d, run, busy }: PanelProps) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  if (d.contentStatus === 'visible') return null
  const hide = async () => {
    const bad = required(reason, '隐藏的原因')
    setError(bad)
    if (bad) return
    await run('hide', { title: '隐藏提案', content: `原因：${reason.trim()}\n提案人会看到原因。确定隐藏吗？`, confirmText: '隐藏' }, () => committeeProposalsApi.review(d.id, 'hide', reason.trim()), '已隐藏')
  }
  return (
    <Card title='内容审核' tone='warn'>
      <Text className='card__text'>
        {d.contentStatus === 'pending_review' ? '内容检查没有直接通过，目前只有提案人和居委会能看到。请核对后决定。' : '这条提案已被隐藏。'}
      </Text>
      <Button
        className='card__action'
        loading={busy === 'publish'}
        onClick={() =>
          run('publish', { title: '公开提案', content: '公开后本居民区居民都能看到并附议。确定公开吗？', confirmText: '公开' }, () => committeeProposalsApi.review(d.id, 'publish'), '已公开')
        }
      >
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

function WithdrawPanel({ d, run, busy }: PanelProps) {
  if (!d.enteredByStaff || !d.allowedTransitions.includes('withdrawn')) return null
  return (
    <Card title='按居民要求撤回'>
      <Text className='card__text'>这条提案是居委会代录的。居民要求撤回时，可以在这里撤回。</Text>
      <Button
        className='card__action'
        kind='danger'
        loading={busy === 'withdrawn'}
        onClick={() =>
          run('withdrawn', { title: '撤回提案', content: '撤回后不能恢复。确定按居民要求撤回吗？', confirmText: '撤回' }, () => committeeProposalsApi.transition(d.id, { to: 'withdrawn' }), '已撤回')
        }
      >
        撤回提案
      </Button>
    </Card>
  )
}

// ---------------------------------------------------------------------------

export default function ManageProposalPage() {
  const router = useRouter()
  const id = Number(router.params.id)
  const [detail, setDetail] = useState<ProposalDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [version, setVersion] = useState(0)

  const load = async () => {
    try {
      setDetail(await proposalsApi.detail(id, true))
      setError(null)
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : '没有加载出来，请稍后重试')
    }
  }
  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  const run: Run = async (key, ask, work, done) => {
    if (busy) return false
    if (!(await confirmed(ask.title, ask.content, ask.confirmText))) return false
    setBusy(key)
    try {
      await work()
      markProposalsChanged()
      Taro.showToast({ title: done, icon: 'none' })
      await load()
      setVersion((v) => v + 1) // fresh panels for the new state
      return true
    } catch {
      // The request client showed why (e.g. the allowed steps on a 409).
      await load()
      return false
    } finally {
      setBusy(null)
    }
  }

  if (!detail) {
    return (
      <Page>
        {error ? (
          <EmptyState title={error}>
            <Button kind='secondary' onClick={load}>
              重试
            </Button>
          </EmptyState>
        ) : (
          <EmptyState title='正在加载…' />
        )}
      </Page>
    )
  }

  const d = detail
  if (!d.isCommittee) {
    return <PageNotice title='只有本居民区居委会可以处理这条提案' />
  }
  const props = { d, run, busy }
  const deadline = deadlineText(d)
  const nothing =
    !d.allowedTransitions.length && d.state !== 'implementing' && d.state !== 'voting' && !MEETING_STATES.includes(d.state) && d.contentStatus === 'visible' && !(d.state === 'referred' && d.referral && !d.referral.answer)

  return (
    <Page>
      <Fragment key={version}>
        <Card tone={d.overdue ? 'danger' : 'accent'}>
          <View className='pcard__flags'>
            <StateBadge state={d.state} />
            {d.overdue && <Badge tone='danger'>已超期</Badge>}
            {d.enteredByStaff && <Badge tone='neutral'>居委会代录</Badge>}
          </View>
          <Text className='detail__title'>{d.title}</Text>
          <Text className='pcard__meta'>
            {categoryName(d.category)} · {d.unitLevelName} {d.unitName} · {d.authorLabel}
          </Text>
          <Text className='pcard__meta'>{cosignProgress(d.cosignCount, d.threshold).text}</Text>
          <Text className='card__note'>{STATE_VIEWS[d.state].text}</Text>
          {deadline && <Text className={`pcard__deadline ${d.overdue ? 'pcard__deadline--late' : ''}`}>{deadline}</Text>}
          {d.staffNote && <Text className='card__note'>代录备注：{d.staffNote}</Text>}
          <Text className='detail__body'>{d.body}</Text>
          <Button className='card__action' kind='plain' onClick={() => Taro.navigateTo({ url: detailUrl(d.id) })}>
            查看居民看到的页面
          </Button>
        </Card>

        <ReviewPanel {...props} />
        <ScreenPanel {...props} />
        <DeliberatePanel {...props} />
        <CloseVotePanel {...props} />
        <StartImplementationPanel {...props} />
        <ProgressPanel {...props} />
        <ReferralPanel {...props} />
        <MeetingPanel {...props} />
        <WithdrawPanel {...props} />
        {nothing && <EmptyState title={`这条提案${stateLabel(d.state)}，没有需要居委会处理的事`} />}
      </Fragment>
    </Page>
  )
}

import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ProposalListItem, ReferralTarget } from '@yishi/types'
import { REFERRAL_TARGET_NAMES } from '@yishi/types'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { ReasonPresets } from '@/shared/ui/ReasonForm'
import { keysOf } from '@/shared/keys'
import { proposalsApi } from '@/proposals/api'
import { cosignProgress, stateLabel } from '@/proposals/labels'
import { COMMON_REJECT_REASONS, committeeProposalsApi, required } from '@/committee/proposals/api'
import { TextField, Tiles } from '@/committee/proposals/fields'
import type { PanelProps } from './types'
import { SCREEN_ACTIONS, type ScreenAction } from './visibility'

const SCREEN_LABELS: Record<ScreenAction, string> = { accepted: '受理立项', rejected: '不受理', merged: '合并', referred: '转办' }
const REFER_TARGETS = keysOf(REFERRAL_TARGET_NAMES)
/** Still moving towards a decision: what a proposal may be merged into. */
const MERGE_TARGET_STATES: ProposalListItem['state'][] = ['submitted', 'screening', 'accepted', 'deliberating', 'voting']

/** Screening: accept, reject, merge or refer (after acceptance, referral is the one step left here). */
export function ScreenPanel({ d, run, busy }: PanelProps) {
  const actions = SCREEN_ACTIONS.filter((a) => d.allowedTransitions.includes(a))
  const [action, setAction] = useState<ScreenAction | null>(actions.includes('accepted') ? 'accepted' : null)
  const [reason, setReason] = useState('')
  const [referTo, setReferTo] = useState<ReferralTarget | null>(null)
  const [targets, setTargets] = useState<ProposalListItem[] | null>(null)
  const [mergeInto, setMergeInto] = useState<ProposalListItem | null>(null)
  const [error, setError] = useState<string | null>(null)

  const title = d.state === 'screening' ? '审核' : actions.length === 1 && actions[0] === 'referred' ? '转办' : '处理'
  const why = reason.trim() ? { reason: reason.trim() } : {}

  const pick = (a: ScreenAction) => {
    setAction(a)
    setError(null)
    if (a === 'merged' && !targets) {
      proposalsApi
        .list({ states: MERGE_TARGET_STATES, sort: 'newest', limit: 50 })
        .then((p) => setTargets(p.items.filter((x) => x.id !== d.id && x.neighbourhoodId === d.neighbourhoodId && x.contentStatus === 'visible')))
        .catch(() => setTargets([]))
    }
  }

  /** What to fix before this step can be sent, or null. */
  const problem = (): string | null => {
    if (action === 'rejected') return required(reason, '不受理的原因')
    if (action === 'merged') return mergeInto ? null : '请选择要合并到的提案'
    if (action === 'referred') return referTo ? required(reason, '转办的原因') : '请选择转办给谁'
    return null
  }

  const send = () => {
    const bad = problem()
    setError(bad)
    if (bad || !action) return
    if (action === 'accepted') {
      void run('accepted', () => committeeProposalsApi.transition(d.id, { to: 'accepted', ...why }), {
        ask: { title: '受理立项', content: `受理后「${d.title}」成为正式议题，提案人和附议居民会收到通知，议事厅会开讨论。确定受理吗？`, confirmText: '受理' },
        done: '已受理立项',
      })
    } else if (action === 'rejected') {
      void run('rejected', () => committeeProposalsApi.transition(d.id, { to: 'rejected', reason: reason.trim() }), {
        ask: { title: '不受理', content: `原因：${reason.trim()}\n提案人会看到这个原因。确定不受理吗？`, confirmText: '不受理' },
        done: '已标记为不受理',
      })
    } else if (action === 'merged' && mergeInto) {
      void run('merged', () => committeeProposalsApi.transition(d.id, { to: 'merged', mergeInto: mergeInto.id, ...why }), {
        ask: { title: '合并提案', content: `合并到「${mergeInto.title}」。附议会一并转过去，并通知提案人和附议居民。确定合并吗？`, confirmText: '合并' },
        done: '已合并',
      })
    } else if (action === 'referred' && referTo) {
      void run('referred', () => committeeProposalsApi.transition(d.id, { to: 'referred', referTo, reason: reason.trim() }), {
        ask: { title: '转办', content: `转给${REFERRAL_TARGET_NAMES[referTo]}办理。原因：${reason.trim()}\n确定转办吗？`, confirmText: '转办' },
        done: '已转办',
      })
    }
  }

  return (
    <Card title={title} tone='accent'>
      <Tiles options={actions.map((a) => ({ value: a, label: SCREEN_LABELS[a] }))} value={action} onChange={pick} />
      {action === 'rejected' && <ReasonPresets options={COMMON_REJECT_REASONS} value={reason} onPick={setReason} />}
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
          label={action === 'accepted' || action === 'merged' ? '说明（可不填）' : '原因（提案人会看到）'}
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

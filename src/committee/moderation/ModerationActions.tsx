import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { Appeal, Post, PostModerationAction } from '@yishi/types'
import { REPORT_REASON_NAMES } from '@yishi/types'
import { Button } from '@/shared/ui/Button'
import { moderationApi } from '@/moderation/api'
import { announce } from '@/discussions/routes'
import '@/discussions/discussions.css'
import './moderation.css'

const REASON_NAMES = Object.values(REPORT_REASON_NAMES)
const MUTE_DAYS = [1, 3, 7, 30]

/** Every committee action asks first: what will happen, to whom. */
export async function confirmAction(title: string, content: string, danger = false): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消', ...(danger ? { confirmColor: '#b3261e' } : {}) })
  return confirm
}

/** null when the reason may be sent, otherwise what to fix. */
export function checkModerationReason(reason: string, max = 100): string | null {
  const r = reason.trim()
  if (r.length < 2) return '请选择或填写原因（至少 2 个字）'
  if (r.length > max) return `原因最多 ${max} 个字`
  return null
}

function ReasonPicker({ value, onChange, error, placeholder }: { value: string; onChange(v: string): void; error: string | null; placeholder: string }) {
  const picked = REASON_NAMES.includes(value)
  return (
    <View>
      <View className='reason-grid'>
        {REASON_NAMES.map((r) => (
          <View key={r} className={`tile reason-tile ${value === r ? 'tile--selected' : ''}`} hoverClass='tile--pressed' onClick={() => onChange(r)}>
            <Text>{r}</Text>
          </View>
        ))}
      </View>
      <Text className='field__label'>或者自己写</Text>
      <Textarea
        className={`field__input field__textarea ${error ? 'field__input--error' : ''}`}
        value={picked ? '' : value}
        maxlength={100}
        placeholder={placeholder}
        placeholderClass='field__placeholder'
        onInput={(e) => onChange(e.detail.value)}
      />
      {error && <Text className='field__error'>{error}</Text>}
    </View>
  )
}

interface Props {
  post: Post
  /** After an action: the post as it is now (or nothing when the list should reload). */
  onDone(post?: Post): void
}

/** What the committee may do with a post: hide, restore, approve, pin, mute its author. */
export function ModerationActions({ post, onDone }: Props) {
  const [panel, setPanel] = useState<'hide' | 'mute' | null>(null)
  const [reason, setReason] = useState('')
  const [days, setDays] = useState(7)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  if (post.status === 'deleted') return null
  const author = post.author
  const canMute = !author.isStaff && !author.isMine && author.userId !== undefined
  const open = post.moderation?.openReports ?? 0
  const autoHidden = !!post.moderation?.autoHidden

  const act = async (action: PostModerationAction, title: string, content: string, why?: string) => {
    if (!(await confirmAction(title, content, action === 'hide'))) return
    setBusy(true)
    try {
      const updated = await moderationApi.moderatePost(post.id, action, why)
      Taro.showToast({ title: `${title}：已完成`, icon: 'none' })
      setPanel(null)
      setReason('')
      announce({ topicId: post.topicId, post: updated, kind: 'moderated' })
      onDone(updated)
    } catch {
      // Toast shown by the request client.
    } finally {
      setBusy(false)
    }
  }

  const hide = () => {
    const problem = checkModerationReason(reason)
    setError(problem)
    if (problem) return
    void act('hide', '隐藏发言', `隐藏后邻居们会看到“该内容已被隐藏（${reason.trim()}）”，作者会看到原因并可申诉一次。确定隐藏吗？`, reason.trim())
  }

  const mute = async () => {
    const problem = checkModerationReason(reason, 200)
    setError(problem)
    if (problem || author.userId === undefined) return
    if (!(await confirmAction('禁言', `禁言这位${author.label} ${days} 天（原因：${reason.trim()}）？期间不能在本居民区的议事厅发言。`, true))) return
    setBusy(true)
    try {
      const m = await moderationApi.mute(author.userId, days, reason.trim())
      const until = new Date(m.endsAt)
      Taro.showToast({ title: `已禁言至 ${until.getMonth() + 1}月${until.getDate()}日`, icon: 'none' })
      setPanel(null)
      setReason('')
      onDone()
    } catch {
      // Toast shown by the request client.
    } finally {
      setBusy(false)
    }
  }

  const openPanel = (p: 'hide' | 'mute') => {
    setPanel(panel === p ? null : p)
    setReason('')
    setError(null)
  }

  return (
    <View className='mod-actions'>
      <View className='post__actions'>
        {post.status === 'pending' && (
          <View className='post__action post__action--strong' hoverClass='post__action--pressed' onClick={() => !busy && act('approve', '通过发言', '通过后邻居们就能看到这条发言。确定通过吗？')}>
            <Text>通过</Text>
          </View>
        )}
        {post.status === 'hidden' && (
          <View className='post__action post__action--strong' hoverClass='post__action--pressed' onClick={() => !busy && act('restore', '恢复发言', '恢复后邻居们又能看到这条发言，相关举报一并结案。确定恢复吗？')}>
            <Text>恢复</Text>
          </View>
        )}
        {post.status === 'published' && open > 0 && (
          <View className='post__action post__action--strong' hoverClass='post__action--pressed' onClick={() => !busy && act('approve', '保留发言', `这条发言有 ${open} 次举报。保留后发言照常显示，这些举报结案。确定保留吗？`)}>
            <Text>没问题，保留</Text>
          </View>
        )}
        {(post.status === 'published' || post.status === 'pending' || autoHidden) && (
          <View className={`post__action ${panel === 'hide' ? 'post__action--on' : ''}`} hoverClass='post__action--pressed' onClick={() => openPanel('hide')}>
            <Text>{autoHidden ? '确认隐藏' : '隐藏'}</Text>
          </View>
        )}
        {post.status === 'published' && post.parentId === null && (
          <View
            className='post__action'
            hoverClass='post__action--pressed'
            onClick={() =>
              !busy &&
              (post.pinned
                ? act('unpin', '取消置顶', '取消后这条发言按时间排回原处。确定取消置顶吗？')
                : act('pin', '置顶发言', '置顶后这条发言显示在最前面（每个议题最多 3 条）。确定置顶吗？'))
            }
          >
            <Text>{post.pinned ? '取消置顶' : '置顶'}</Text>
          </View>
        )}
        {canMute && (
          <View className={`post__action ${panel === 'mute' ? 'post__action--on' : ''}`} hoverClass='post__action--pressed' onClick={() => openPanel('mute')}>
            <Text>禁言作者</Text>
          </View>
        )}
      </View>

      {panel === 'hide' && (
        <View className='post__panel'>
          <Text className='field__label'>隐藏的原因（作者会看到）</Text>
          <ReasonPicker value={reason} onChange={(v) => { setReason(v); setError(null) }} error={error} placeholder='例如：多次发布同一广告' />
          <View className='btn-row'>
            <Button kind='secondary' disabled={busy} onClick={() => setPanel(null)}>
              取消
            </Button>
            <Button kind='danger' loading={busy} onClick={hide}>
              隐藏
            </Button>
          </View>
        </View>
      )}

      {panel === 'mute' && (
        <View className='post__panel'>
          <Text className='field__label'>禁言多少天</Text>
          <View className='tiles'>
            {MUTE_DAYS.map((d) => (
              <View key={d} className={`tile ${days === d ? 'tile--selected' : ''}`} hoverClass='tile--pressed' onClick={() => setDays(d)}>
                <Text>{d} 天</Text>
              </View>
            ))}
          </View>
          <Text className='field__label'>禁言的原因（本人会看到）</Text>
          <ReasonPicker value={reason} onChange={(v) => { setReason(v); setError(null) }} error={error} placeholder='例如：多次人身攻击邻居' />
          <View className='btn-row'>
            <Button kind='secondary' disabled={busy} onClick={() => setPanel(null)}>
              取消
            </Button>
            <Button kind='danger' loading={busy} onClick={mute}>
              禁言 {days} 天
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}

/** 街镇 admins decide an appeal: grant (the post is restored) or deny, with a note the author reads. */
export function AppealDecision({ appeal, onDone }: { appeal: Appeal; onDone(): void }) {
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const decide = async (decision: 'grant' | 'deny') => {
    const problem = checkModerationReason(note, 500)
    setError(problem ? '请写一句复核意见（作者会看到）' : null)
    if (problem) return
    const ok = await confirmAction(
      decision === 'grant' ? '申诉成立' : '驳回申诉',
      decision === 'grant' ? '申诉成立后发言恢复显示。确定吗？' : '驳回后发言保持隐藏，作者不能再申诉。确定吗？',
      decision === 'deny',
    )
    if (!ok) return
    setBusy(true)
    try {
      await moderationApi.decideAppeal(appeal.id, decision, note.trim())
      Taro.showToast({ title: decision === 'grant' ? '已恢复发言' : '已驳回申诉', icon: 'none' })
      onDone()
    } catch {
      // Toast shown by the request client.
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='post__panel'>
      <Text className='field__label'>作者的申诉理由</Text>
      <Text className='card__text'>{appeal.reason}</Text>
      <Text className='field__label'>复核意见</Text>
      <Textarea
        className={`field__input field__textarea ${error ? 'field__input--error' : ''}`}
        value={note}
        maxlength={500}
        placeholder='写明为什么成立或不成立，作者会看到'
        placeholderClass='field__placeholder'
        onInput={(e) => {
          setNote(e.detail.value)
          setError(null)
        }}
      />
      {error && <Text className='field__error'>{error}</Text>}
      <View className='btn-row'>
        <Button kind='danger' disabled={busy} onClick={() => decide('deny')}>
          驳回申诉
        </Button>
        <Button loading={busy} onClick={() => decide('grant')}>
          申诉成立
        </Button>
      </View>
    </View>
  )
}

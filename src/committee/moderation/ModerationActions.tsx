import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Appeal, Post, PostModerationAction } from '@yishi/types'
import { REPORT_REASON_NAMES } from '@yishi/types'
import { ReasonForm } from '@/shared/ui/ReasonForm'
import { useAction } from '@/shared/hooks/useAction'
import { moderationApi } from '@/moderation/api'
import { announce } from '@/discussions/routes'
import '@/discussions/discussions.css'
import './moderation.css'

const REASON_NAMES = Object.values(REPORT_REASON_NAMES)
const MUTE_DAYS = [1, 3, 7, 30]

/** null when the reason may be sent, otherwise what to fix. */
export function checkModerationReason(reason: string, max = 100): string | null {
  const r = reason.trim()
  if (r.length < 2) return '请选择或填写原因（至少 2 个字）'
  if (r.length > max) return `原因最多 ${max} 个字`
  return null
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
  const action = useAction()

  if (post.status === 'deleted') return null
  const author = post.author
  const canMute = !author.isStaff && !author.isMine && author.userId !== undefined
  const open = post.moderation?.openReports ?? 0
  const autoHidden = !!post.moderation?.autoHidden

  const closePanel = () => {
    setPanel(null)
    setReason('')
  }

  const act = (a: PostModerationAction, title: string, content: string, why?: string) =>
    void action.run(
      a,
      async () => {
        const updated = await moderationApi.moderatePost(post.id, a, why)
        closePanel()
        announce({ topicId: post.topicId, post: updated, kind: 'moderated' })
        onDone(updated)
      },
      { ask: { title, content, danger: a === 'hide' }, done: `${title}：已完成` },
    )

  const hide = () => {
    const problem = checkModerationReason(reason)
    setError(problem)
    if (problem) return
    act('hide', '隐藏发言', `隐藏后邻居们会看到“该内容已被隐藏（${reason.trim()}）”，作者会看到原因并可申诉一次。确定隐藏吗？`, reason.trim())
  }

  const mute = () => {
    const problem = checkModerationReason(reason, 200)
    setError(problem)
    const userId = author.userId
    if (problem || userId === undefined) return
    void action.run(
      'mute',
      async () => {
        const m = await moderationApi.mute(userId, days, reason.trim())
        closePanel()
        onDone()
        return new Date(m.endsAt)
      },
      {
        ask: { title: '禁言', content: `禁言这位${author.label} ${days} 天（原因：${reason.trim()}）？期间不能在本居民区的议事厅发言。`, danger: true },
        done: (until) => `已禁言至 ${until.getMonth() + 1}月${until.getDate()}日`,
      },
    )
  }

  const openPanel = (p: 'hide' | 'mute') => {
    setPanel(panel === p ? null : p)
    setReason('')
    setError(null)
  }
  const reasonForm = {
    value: reason,
    onChange: (v: string) => {
      setReason(v)
      setError(null)
    },
    maxLength: 100,
    presets: REASON_NAMES,
    presetLook: 'tiles' as const,
    error,
    busy: !!action.busy,
    className: 'post__panel',
    cancel: { text: '取消', onClick: () => setPanel(null) },
  }

  return (
    <View className='mod-actions'>
      <View className='post__actions'>
        {post.status === 'pending' && (
          <View className='post__action post__action--strong' hoverClass='post__action--pressed' onClick={() => act('approve', '通过发言', '通过后邻居们就能看到这条发言。确定通过吗？')}>
            <Text>通过</Text>
          </View>
        )}
        {post.status === 'hidden' && (
          <View className='post__action post__action--strong' hoverClass='post__action--pressed' onClick={() => act('restore', '恢复发言', '恢复后邻居们又能看到这条发言，相关举报一并结案。确定恢复吗？')}>
            <Text>恢复</Text>
          </View>
        )}
        {post.status === 'published' && open > 0 && (
          <View className='post__action post__action--strong' hoverClass='post__action--pressed' onClick={() => act('approve', '保留发言', `这条发言有 ${open} 次举报。保留后发言照常显示，这些举报结案。确定保留吗？`)}>
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
              post.pinned
                ? act('unpin', '取消置顶', '取消后这条发言按时间排回原处。确定取消置顶吗？')
                : act('pin', '置顶发言', '置顶后这条发言显示在最前面（每个议题最多 3 条）。确定置顶吗？')
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
        <ReasonForm {...reasonForm} placeholder='例如：多次发布同一广告' confirm={{ text: '隐藏', kind: 'danger', onClick: hide }}>
          <Text className='field__label'>隐藏的原因（作者会看到）</Text>
        </ReasonForm>
      )}

      {panel === 'mute' && (
        <ReasonForm {...reasonForm} placeholder='例如：多次人身攻击邻居' confirm={{ text: `禁言 ${days} 天`, kind: 'danger', onClick: mute }}>
          <Text className='field__label'>禁言多少天</Text>
          <View className='tiles'>
            {MUTE_DAYS.map((d) => (
              <View key={d} className={`tile ${days === d ? 'tile--selected' : ''}`} hoverClass='tile--pressed' onClick={() => setDays(d)}>
                <Text>{d} 天</Text>
              </View>
            ))}
          </View>
          <Text className='field__label'>禁言的原因（本人会看到）</Text>
        </ReasonForm>
      )}
    </View>
  )
}

/** 街镇 admins decide an appeal: grant (the post is restored) or deny, with a note the author reads. */
export function AppealDecision({ appeal, onDone }: { appeal: Appeal; onDone(): void }) {
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const action = useAction()

  const decide = (decision: 'grant' | 'deny') => {
    const problem = checkModerationReason(note, 500)
    setError(problem ? '请写一句复核意见（作者会看到）' : null)
    if (problem) return
    void action.run(
      decision,
      async () => {
        await moderationApi.decideAppeal(appeal.id, decision, note.trim())
        onDone()
      },
      {
        ask:
          decision === 'grant'
            ? { title: '申诉成立', content: '申诉成立后发言恢复显示。确定吗？' }
            : { title: '驳回申诉', content: '驳回后发言保持隐藏，作者不能再申诉。确定吗？', danger: true },
        done: decision === 'grant' ? '已恢复发言' : '已驳回申诉',
      },
    )
  }

  return (
    <ReasonForm
      className='post__panel'
      label='复核意见'
      value={note}
      onChange={(v) => {
        setNote(v)
        setError(null)
      }}
      maxLength={500}
      placeholder='写明为什么成立或不成立，作者会看到'
      error={error}
      busy={!!action.busy}
      cancel={{ text: '驳回申诉', kind: 'danger', onClick: () => decide('deny') }}
      confirm={{ text: '申诉成立', onClick: () => decide('grant') }}
    >
      <Text className='field__label'>作者的申诉理由</Text>
      <Text className='card__text'>{appeal.reason}</Text>
    </ReasonForm>
  )
}

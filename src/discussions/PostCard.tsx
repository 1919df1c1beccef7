import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { useEffect, useState, type ReactNode } from 'react'
import type { Post, ReportReason } from '@yishi/types'
import { APPEAL_STATUS_NAMES, REPORT_REASON_NAMES } from '@yishi/types'
import { Badge } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { ReasonForm, ReasonPresets } from '@/shared/ui/ReasonForm'
import { useAction } from '@/shared/hooks/useAction'
import { apiUrl } from '@/shared/env'
import { keysOf } from '@/shared/keys'
import { discussionsApi } from './api'
import { editCountdown, postTime, postView } from './format'
import { composeUrl } from './routes'
import './discussions.css'

export interface PostContext {
  topicId: number
  /** The caller may 赞同 (a resident of the unit, topic open). */
  canLike: boolean
  /** The caller may reply (may post in the topic). */
  canReply: boolean
  /** The caller is the committee of this topic: no likes or reports, moderation detail shown. */
  staff: boolean
  /** Open the thread of a post (scrolled to it). */
  openThread(postId: number): void
}

interface Props {
  post: Post
  ctx: PostContext
  /** A reply shown under its root (smaller, no replies of its own). */
  reply?: boolean
  /** Show the first replies and "查看全部 N 条回复" (lists). */
  showReplies?: boolean
  /** Highlight: the post a link pointed to. */
  focus?: boolean
  onChange(post: Post): void
  /** The post is gone from the list (deleted without replies). */
  onRemove(post: Post): void
  /** Something changed that needs the list reloaded (e.g. reports hid the post). */
  onReload?(): void
  /** Moderator actions (committee pages). */
  renderExtra?(post: Post): ReactNode
}

const REASONS = keysOf(REPORT_REASON_NAMES)
const REASON_LABELS = REASONS.map((r) => REPORT_REASON_NAMES[r])

/** "修改（还可修改 8 分钟）": ticks down and disappears when the 10 minutes are over. */
function EditAction({ until, onEdit }: { until: string; onEdit(): void }) {
  const [now, setNow] = useState(() => Date.now())
  const left = editCountdown(until, now)
  useEffect(() => {
    if (!left) return
    const t = setTimeout(() => setNow(Date.now()), left.remainingMs > 60_000 ? 15_000 : 1_000)
    return () => clearTimeout(t)
  }, [now, left])
  if (!left) return null
  return (
    <View className='post__action' hoverClass='post__action--pressed' onClick={onEdit}>
      <Text>修改</Text>
      <Text className='post__action-note'>{left.text}</Text>
    </View>
  )
}

function ReportPanel({ post, onDone, onCancel }: { post: Post; onDone(autoHidden: boolean): void; onCancel(): void }) {
  const [reason, setReason] = useState<ReportReason | null>(null)
  const [error, setError] = useState<string | null>(null)
  const action = useAction()
  const send = () => {
    if (!reason) {
      setError('请选择举报的原因')
      return
    }
    void action.run('report', async () => onDone((await discussionsApi.report(post.id, reason)).autoHidden), { done: '已举报，居委会会尽快处理' })
  }
  return (
    <View className='post__panel'>
      <Text className='field__label'>举报这条发言的原因</Text>
      <ReasonPresets
        look='tiles'
        options={REASON_LABELS}
        value={reason ? REPORT_REASON_NAMES[reason] : ''}
        onPick={(label) => {
          setReason(REASONS[REASON_LABELS.indexOf(label)])
          setError(null)
        }}
      />
      <Text className='hint'>举报不会告诉作者是谁举报的。多位邻居举报的发言会先隐藏，等居委会处理。</Text>
      {error && <Text className='field__error'>{error}</Text>}
      <View className='btn-row'>
        <Button kind='secondary' disabled={!!action.busy} onClick={onCancel}>
          取消
        </Button>
        <Button kind='danger' loading={!!action.busy} onClick={send}>
          确认举报
        </Button>
      </View>
    </View>
  )
}

function AppealPanel({ post, onDone, onCancel }: { post: Post; onDone(post: Post): void; onCancel(): void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const action = useAction()
  const send = () => {
    const text = reason.trim()
    if (text.length < 2) {
      setError('请写一下您认为不该隐藏的理由')
      return
    }
    void action.run(
      'appeal',
      async () => {
        const appeal = await discussionsApi.appeal(post.id, text)
        onDone({ ...post, appeal, canAppeal: false })
      },
      {
        ask: { title: '提交申诉', content: '每条发言只能申诉一次，由街镇工作人员复核。确定提交吗？', confirmText: '提交', cancelText: '再想想' },
        done: '申诉已提交',
      },
    )
  }
  return (
    <ReasonForm
      className='post__panel'
      label='为什么这条发言不该被隐藏？'
      value={reason}
      onChange={(v) => {
        setReason(v)
        setError(null)
      }}
      maxLength={500}
      placeholder='写明理由，街镇工作人员会复核'
      error={error}
      busy={!!action.busy}
      cancel={{ text: '取消', onClick: onCancel }}
      confirm={{ text: '提交申诉', onClick: send }}
    />
  )
}

/** One post (or reply): who, when, the text or its placeholder, and what the reader may do with it. */
export function PostCard({ post, ctx, reply, showReplies, focus, onChange, onRemove, onReload, renderExtra }: Props) {
  const [panel, setPanel] = useState<'report' | 'appeal' | null>(null)
  const action = useAction()
  const view = postView(post)
  const mine = post.author.isMine
  const published = post.status === 'published'

  const toggleLike = () =>
    action.run('like', async () => {
      const res = post.likedByMe ? await discussionsApi.unlike(post.id) : await discussionsApi.like(post.id)
      onChange({ ...post, likedByMe: res.liked, likeCount: res.likeCount })
    })

  const remove = () =>
    action.run(
      'remove',
      async () => {
        const res = await discussionsApi.deletePost(post.id)
        if (res.placeholder) onChange({ ...post, status: 'deleted', body: '', placeholder: '该内容已被作者删除', photos: [], editableUntil: null })
        else onRemove(post)
      },
      {
        ask: { title: '删除发言', content: '删除后邻居们会看到“该内容已被作者删除”，不能恢复。确定删除吗？', confirmText: '删除', danger: true },
        done: '已删除',
      },
    )

  const changeReply = (next: Post) => onChange({ ...post, replies: (post.replies ?? []).map((r) => (r.id === next.id ? next : r)) })
  const removeReply = (gone: Post) =>
    onChange({ ...post, replies: (post.replies ?? []).filter((r) => r.id !== gone.id), replyCount: Math.max(0, post.replyCount - 1) })

  const replies = showReplies ? (post.replies ?? []) : []
  const cls = [
    'post',
    reply ? 'post--reply' : 'post--root',
    post.official ? 'post--official' : '',
    post.pinned ? 'post--pinned' : '',
    view.kind === 'pending' ? 'post--pending' : '',
    focus ? 'post--focus' : '',
  ]
    .filter(Boolean)
    .join(' ')

  return (
    <View className={cls} id={`post-${post.id}`}>
      <View className='post__head'>
        <Text className='post__author'>{post.author.label}</Text>
        {post.official && <Badge tone='accent'>官方回复</Badge>}
        {post.pinned && <Badge tone='warn'>置顶</Badge>}
        {mine && <Badge tone='neutral'>我</Badge>}
        {view.kind === 'pending' && <Badge tone='warn'>审核中</Badge>}
        <Text className='post__time'>
          {postTime(post.createdAt)}
          {post.editedAt ? ' · 已修改' : ''}
        </Text>
      </View>

      {post.replyTo && (
        <Text className='post__reply-to' onClick={() => ctx.openThread(post.replyTo!.id)}>
          回复 {post.replyTo.label}：
        </Text>
      )}

      {view.kind === 'body' && <Text className='post__body' userSelect>{view.body}</Text>}
      {view.kind === 'pending' && (
        <View>
          <Text className='post__body' userSelect>{view.body}</Text>
          <Text className='post__note'>{view.note}</Text>
        </View>
      )}
      {view.kind === 'deleted' && <Text className='post__placeholder'>{view.placeholder}</Text>}
      {view.kind === 'hidden' && (
        <View>
          <Text className='post__placeholder'>{view.placeholder}</Text>
          {(mine || ctx.staff) && view.body && (
            <View className='post__original'>
              <Text className='post__original-label'>{mine ? '原文（只有您和居委会能看到）' : '原文（仅工作人员可见）'}</Text>
              <Text className='post__body'>{view.body}</Text>
            </View>
          )}
          {mine && (
            <View className='post__hidden-box'>
              <Text className='post__hidden-title'>您的这条发言被隐藏了</Text>
              <Text className='post__hidden-text'>原因：{view.reason || '违反议事规则'}</Text>
              {post.appeal ? (
                <Text className='post__hidden-text'>
                  申诉：{APPEAL_STATUS_NAMES[post.appeal.status]}
                  {post.appeal.note ? `（${post.appeal.note}）` : ''}
                </Text>
              ) : post.canAppeal ? (
                <Text className='post__hidden-text'>如果您认为隐藏得不对，可以申诉一次，由街镇工作人员复核。</Text>
              ) : null}
            </View>
          )}
        </View>
      )}

      {post.photos.length > 0 && view.kind !== 'deleted' && (
        <View className='post__photos'>
          {post.photos.map((photo) => (
            <Image
              key={photo.id}
              className='post__photo'
              src={apiUrl(photo.thumbUrl ?? photo.url)}
              mode='aspectFill'
              onClick={() => Taro.previewImage({ urls: post.photos.map((p) => apiUrl(p.url)), current: apiUrl(photo.url) })}
            />
          ))}
        </View>
      )}

      {ctx.staff && post.moderation && post.moderation.reportCount > 0 && (
        <Text className='post__note'>
          被举报 {post.moderation.reportCount} 次
          {post.moderation.openReports > 0 ? `（${post.moderation.openReports} 次待处理）` : '（已处理）'}：
          {Object.entries(post.moderation.reasons)
            .map(([r, n]) => `${REPORT_REASON_NAMES[r as ReportReason]} ${n}`)
            .join('、')}
        </Text>
      )}

      <View className='post__actions'>
        {published && !mine && !ctx.staff && ctx.canLike && (
          <View className={`post__action ${post.likedByMe ? 'post__action--on' : ''}`} hoverClass='post__action--pressed' onClick={toggleLike}>
            <Text>{post.likedByMe ? '已赞同' : '赞同'}</Text>
            <Text className='post__action-count'>{post.likeCount}</Text>
          </View>
        )}
        {published && (mine || ctx.staff || !ctx.canLike) && post.likeCount > 0 && (
          <Text className='post__likes'>{post.likeCount} 人赞同</Text>
        )}
        {published && ctx.canReply && (
          <View
            className='post__action'
            hoverClass='post__action--pressed'
            onClick={() => Taro.navigateTo({ url: composeUrl({ topicId: ctx.topicId, parentId: post.id }) })}
          >
            <Text>回复</Text>
          </View>
        )}
        {mine && post.editableUntil && (view.kind === 'body' || view.kind === 'pending') && (
          <EditAction until={post.editableUntil} onEdit={() => Taro.navigateTo({ url: composeUrl({ topicId: ctx.topicId, editId: post.id }) })} />
        )}
        {mine && post.status !== 'deleted' && (
          <View className='post__action' hoverClass='post__action--pressed' onClick={remove}>
            <Text>删除</Text>
          </View>
        )}
        {mine && post.canAppeal && panel !== 'appeal' && (
          <View className='post__action post__action--strong' hoverClass='post__action--pressed' onClick={() => setPanel('appeal')}>
            <Text>申诉</Text>
          </View>
        )}
        {!mine && !ctx.staff && published && (
          post.reportedByMe ? (
            <Text className='post__likes'>已举报</Text>
          ) : (
            panel !== 'report' && (
              <View className='post__action post__action--quiet' hoverClass='post__action--pressed' onClick={() => setPanel('report')}>
                <Text>举报</Text>
              </View>
            )
          )
        )}
      </View>

      {panel === 'report' && (
        <ReportPanel
          post={post}
          onCancel={() => setPanel(null)}
          onDone={(autoHidden) => {
            setPanel(null)
            onChange({ ...post, reportedByMe: true })
            if (autoHidden) onReload?.()
          }}
        />
      )}
      {panel === 'appeal' && (
        <AppealPanel
          post={post}
          onCancel={() => setPanel(null)}
          onDone={(next) => {
            setPanel(null)
            onChange(next)
          }}
        />
      )}

      {renderExtra?.(post)}

      {replies.length > 0 && (
        <View className='post__replies'>
          {replies.map((r) => (
            <PostCard key={r.id} post={r} ctx={ctx} reply onChange={changeReply} onRemove={removeReply} onReload={onReload} renderExtra={renderExtra} />
          ))}
        </View>
      )}
      {showReplies && post.replyCount > replies.length && (
        <View className='post__more' hoverClass='post__action--pressed' onClick={() => ctx.openThread(post.id)}>
          <Text>查看全部 {post.replyCount} 条回复</Text>
          <Text className='list-row__arrow'>›</Text>
        </View>
      )}
    </View>
  )
}

import Taro from '@tarojs/taro'
import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { EvaluationSummary, ProgressComment, ProgressUpdate, ProposalDetail, MediaFile, MediaPhoto, ProposalMeeting, ProposalTransition, ProposalVote, VoteChoice } from '@yishi/types'
import { MEETING_KIND_NAMES, VOTE_CHOICE_NAMES } from '@yishi/types'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { formatDateTime } from '@/shared/format'
import { apiUrl } from '@/shared/env'
import { useAction } from '@/shared/hooks/useAction'
import { keysOf } from '@/shared/keys'
import { openDocument } from '@/media/open'
import { proposalsApi } from './api'
import { actorText, formatDay, formatYuan, REFERRAL_EVENT_TITLES, stateLabel, transitionNotes, VOTE_LABELS, VOTE_RULE_TEXT } from './labels'
import { StarsView } from './ui'

// The sections of a proposal's page, each a card of its own.

/**
 * Thumbnails; a tap opens the full photos to swipe through. The server signs each address for this user,
 * since <Image> in the mini-program cannot send the Authorization header.
 */
export function Photos({ photos }: { photos: MediaPhoto[] }) {
  if (!photos.length) return null
  const urls = photos.map((p) => apiUrl(p.url))
  return (
    <View className='photos'>
      {photos.map((p, i) => (
        <Image
          key={p.id}
          className='photos__item'
          src={apiUrl(p.thumbUrl ?? p.url)}
          mode='aspectFill'
          aria-label={`照片 ${i + 1}，点按查看大图`}
          onClick={() => Taro.previewImage({ urls, current: urls[i] })}
        />
      ))}
    </View>
  )
}

/** A record's files: its photos as thumbnails, each PDF a row that opens it. */
export function Attachments({ files }: { files: MediaFile[] }) {
  const docs = files.filter((f) => f.kind === 'pdf')
  return (
    <View>
      <Photos photos={files.filter((f) => f.kind === 'image')} />
      {docs.map((f, i) => (
        <View key={f.id} className='list-row' hoverClass='list-row--pressed' onClick={() => void openDocument(f.url)}>
          <Text className='list-row__label'>{docs.length > 1 ? `会议记录文件 ${i + 1}（PDF）` : '会议记录文件（PDF）'}</Text>
          <Text className='list-row__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}

// ---------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------

export function Timeline({ steps, mergedIntoTitle }: { steps: ProposalTransition[]; mergedIntoTitle?: string | null }) {
  return (
    <Card title='办理记录'>
      {steps.map((t, i) => (
        // Referral events come from their own table: their ids may equal a state change's.
        <View key={`${t.referralEvent ?? 'state'}-${t.id}`} className={`timeline__item ${i === steps.length - 1 ? 'timeline__item--last' : ''}`}>
          <View className='timeline__dot' />
          <Text className='timeline__title'>{t.referralEvent ? REFERRAL_EVENT_TITLES[t.referralEvent] : t.from === null ? '提交提案' : stateLabel(t.to)}</Text>
          <Text className='timeline__meta'>
            {actorText(t)} · {formatDateTime(t.at)}
          </Text>
          {t.reason && <Text className='timeline__note'>原因：{t.reason}</Text>}
          <Photos photos={t.photos} />
          {transitionNotes(t, mergedIntoTitle).map((n) => (
            <Text key={n} className='timeline__note'>
              {n}
            </Text>
          ))}
        </View>
      ))}
    </Card>
  )
}

// ---------------------------------------------------------------------------
// Vote
// ---------------------------------------------------------------------------

const CHOICES = keysOf(VOTE_CHOICE_NAMES)

function Tally({ vote }: { vote: ProposalVote }) {
  const r = vote.result!
  const max = Math.max(1, r.for, r.against, r.abstain)
  const rate = r.eligibleHouseholds > 0 ? Math.round((r.turnout * 100) / r.eligibleHouseholds) : 0
  return (
    <View>
      <Text className='card__lead'>{r.passed ? '表决通过' : '表决未通过'}</Text>
      {CHOICES.map((c) => (
        <View className='tally__row' key={c}>
          <Text className='tally__label'>{VOTE_LABELS[c]}</Text>
          <View className='tally__track'>
            <View className='tally__fill' style={{ width: `${Math.round((r[c] * 100) / max)}%` }} />
          </View>
          <Text className='tally__value'>{r[c]} 户</Text>
        </View>
      ))}
      <Text className='card__note'>
        {r.turnout} / {r.eligibleHouseholds} 户参与投票（参与率 {rate}%）
      </Text>
    </View>
  )
}

export function VoteCard({ detail, onChanged }: { detail: ProposalDetail; onChanged: (vote: ProposalVote) => void }) {
  const vote = detail.vote!
  const action = useAction()
  const busy = action.busy as VoteChoice | null
  const open = detail.state === 'voting'
  const closed = !!vote.closesAt && new Date(vote.closesAt).getTime() <= Date.now()

  const cast = (choice: VoteChoice) =>
    action.run(choice, async () => onChanged(await proposalsApi.vote(detail.id, choice)), {
      ask: { title: vote.household?.castByMe ? '修改投票' : '投票', content: `确定投「${VOTE_LABELS[choice]}」吗？${VOTE_RULE_TEXT}`, confirmText: '确定投票' },
      done: '已投票',
      doneIcon: 'success',
    })

  return (
    <Card title='住户投票' tone={open && vote.canVote && !vote.household ? 'accent' : 'plain'}>
      {vote.decidedOffline && <Text className='card__text'>这条提案由居民代表会议表决，会议纪要见办理记录。</Text>}
      {vote.result && <Tally vote={vote} />}
      {open && !vote.result && (
        <View>
          {vote.closesAt && <Text className='card__lead'>投票截止：{formatDateTime(vote.closesAt)}</Text>}
          <Text className='card__text'>{VOTE_RULE_TEXT}</Text>
          {vote.household && (
            <Text className='card__note'>
              {vote.household.castByMe
                ? `您家已投：${VOTE_LABELS[vote.household.choice]}（由您投出）`
                : `您家已由另一位家庭成员投票：${VOTE_LABELS[vote.household.choice]}`}
            </Text>
          )}
          {closed && <Text className='card__note'>投票已经截止，居委会公布结果后会通知您。</Text>}
          {vote.canVote && !closed && (
            <View>
              {CHOICES.map((c) => (
                <Button
                  key={c}
                  className='vote-choice'
                  kind={vote.household?.choice === c ? 'primary' : 'secondary'}
                  loading={busy === c}
                  disabled={!!busy && busy !== c}
                  onClick={() => cast(c)}
                >
                  {vote.household?.choice === c ? `✓ ${VOTE_LABELS[c]}` : VOTE_LABELS[c]}
                </Button>
              ))}
            </View>
          )}
          {!vote.canVote && !vote.household && !closed && (
            <Text className='card__note'>只有本{detail.unitLevelName}已认证的住户可以投票。</Text>
          )}
          <Text className='card__note'>投票期间不公布票数，截止后公布结果和参与率。</Text>
        </View>
      )}
    </Card>
  )
}

// ---------------------------------------------------------------------------
// Implementation: progress updates and comments (过程监督)
// ---------------------------------------------------------------------------

function CommentBox({ proposalId, progressId, onAdded }: { proposalId: number; progressId: number; onAdded: (c: ProgressComment) => void }) {
  const [text, setText] = useState('')
  const action = useAction()
  const send = () => {
    const body = text.trim()
    if (!body) {
      Taro.showToast({ title: '请先写评论内容', icon: 'none' })
      return
    }
    void action.run(
      'comment',
      async () => {
        const c = await proposalsApi.comment(proposalId, progressId, body)
        setText('')
        onAdded(c)
        return c
      },
      { done: (c) => (c.contentStatus === 'visible' ? '已发表' : '已提交，审核后显示') },
    )
  }
  return (
    <View className='field'>
      <Input
        className='field__input'
        value={text}
        maxlength={500}
        placeholder='对这次进展有意见？写在这里'
        placeholderClass='field__placeholder'
        onInput={(e) => setText(e.detail.value)}
      />
      <View className='btn-row'>
        <Button kind='secondary' small loading={!!action.busy} onClick={send}>
          发表评论
        </Button>
      </View>
    </View>
  )
}

function UpdateItem({ proposalId, update }: { proposalId: number; update: ProgressUpdate }) {
  const [comments, setComments] = useState(update.comments)
  const [writing, setWriting] = useState(false)
  return (
    <View className='block'>
      <View className='block__head'>
        <Text className='block__title'>{update.correction ? `更正为 ${update.percent}%` : `完成 ${update.percent}%`}</Text>
        {update.correction && <Badge tone='warn'>更正</Badge>}
      </View>
      <Text className='block__meta'>{formatDateTime(update.createdAt)}</Text>
      <Text className='block__text'>{update.text}</Text>
      {update.budgetSpent !== null && <Text className='block__meta'>累计支出：{formatYuan(update.budgetSpent)}</Text>}
      <Photos photos={update.photos} />
      {comments.map((c) => (
        <View className='comment' key={c.id}>
          <Text className='comment__author'>
            {c.authorLabel}
            {c.isMine ? '（我）' : ''} · {formatDateTime(c.createdAt)}
            {c.contentStatus === 'pending_review' ? ' · 审核中' : ''}
          </Text>
          <Text className='comment__text'>{c.body}</Text>
        </View>
      ))}
      {writing ? (
        <CommentBox proposalId={proposalId} progressId={update.id} onAdded={(c) => setComments((list) => [...list, c])} />
      ) : (
        <View className='btn-row'>
          <Button kind='plain' small onClick={() => setWriting(true)}>
            评论{comments.length ? `（${comments.length}）` : ''}
          </Button>
        </View>
      )}
    </View>
  )
}

export function ImplementationCard({ detail }: { detail: ProposalDetail }) {
  const impl = detail.implementation
  if (!impl && !detail.progress.length) return null
  const updates = [...detail.progress].reverse()
  return (
    <Card title='实施进展' tone={detail.overdue && detail.state === 'implementing' ? 'danger' : 'plain'}>
      {impl && (
        <View>
          <View className='kv'>
            <Text className='kv__key'>负责人</Text>
            <Text className='kv__value'>{impl.owner}</Text>
          </View>
          <View className='kv'>
            <Text className='kv__key'>计划完成</Text>
            <Text className='kv__value'>{formatDay(impl.plannedDate)}</Text>
          </View>
          {impl.budgetPlanned !== null && (
            <View className='kv'>
              <Text className='kv__key'>预算</Text>
              <Text className='kv__value'>{formatYuan(impl.budgetPlanned)}</Text>
            </View>
          )}
          <View className='kv'>
            <Text className='kv__key'>已支出</Text>
            <Text className='kv__value'>{impl.budgetSpent === null ? '尚未公布' : formatYuan(impl.budgetSpent)}</Text>
          </View>
          <View className='pbar'>
            <View className='pbar__row'>
              <Text className='pbar__text'>完成 {impl.percent}%</Text>
              {detail.overdue && detail.state === 'implementing' && <Badge tone='danger'>已超期</Badge>}
            </View>
            <View className='pbar__track'>
              <View className={`pbar__fill ${impl.percent >= 100 ? 'pbar__fill--done' : ''}`} style={{ width: `${Math.min(100, impl.percent)}%` }} />
            </View>
          </View>
        </View>
      )}
      {updates.length === 0 && <Text className='card__note'>还没有进展更新。居委会更新后，这里会公开。</Text>}
      {updates.map((u) => (
        <UpdateItem key={u.id} proposalId={detail.id} update={u} />
      ))}
      <Text className='card__note'>每次进展都可以评论，居委会和邻居都能看到（过程监督）。</Text>
    </Card>
  )
}

// ---------------------------------------------------------------------------
// Meetings (三会)
// ---------------------------------------------------------------------------

export function MeetingsCard({ meetings }: { meetings: ProposalMeeting[] }) {
  if (!meetings.length) return null
  return (
    <Card title='会议记录（三会）'>
      {meetings.map((m) => (
        <View className='block' key={m.id}>
          <Text className='block__title'>
            {MEETING_KIND_NAMES[m.kind]} · {formatDay(m.heldOn)}
          </Text>
          <Text className='block__meta'>
            地点：{m.place} · {m.attendance} 人参加
          </Text>
          <Text className='block__text'>{m.minutes}</Text>
          {m.decisions && <Text className='block__text'>会议决定：{m.decisions}</Text>}
          <Attachments files={m.files} />
        </View>
      ))}
    </Card>
  )
}

// ---------------------------------------------------------------------------
// 成效评议
// ---------------------------------------------------------------------------

export function EvaluationCard({ detail, onChanged }: { detail: ProposalDetail; onChanged: (e: EvaluationSummary) => void }) {
  const ev = detail.evaluations!
  const [rating, setRating] = useState(ev.mine?.rating ?? 0)
  const [comment, setComment] = useState(ev.mine?.comment ?? '')
  const [editing, setEditing] = useState(!ev.mine)
  const action = useAction()

  const send = () => {
    if (rating < 1) {
      Taro.showToast({ title: '请先点星星打分', icon: 'none' })
      return
    }
    void action.run(
      'evaluate',
      async () => {
        const next = await proposalsApi.evaluate(detail.id, rating, comment.trim() || undefined)
        setEditing(false)
        onChanged(next)
      },
      { ask: { title: '提交评议', content: `您打了 ${rating} 颗星。确定提交吗？`, confirmText: '提交' }, done: '谢谢您的评议' },
    )
  }

  return (
    <Card title='成效评议' tone={ev.canEvaluate && !ev.mine ? 'accent' : 'plain'}>
      <View className='stat'>
        <Text className='stat__value'>{ev.average === null ? '—' : ev.average.toFixed(1)}</Text>
        <Text className='stat__label'>分（满分 5 分），{ev.count} 人评议</Text>
      </View>
      {ev.windowEndsAt && <Text className='card__note'>评议截止：{formatDateTime(ev.windowEndsAt)}</Text>}
      {ev.mine && !editing && (
        <View className='block'>
          <Text className='block__title'>我的评议</Text>
          <StarsView value={ev.mine.rating} />
          {ev.mine.comment && <Text className='block__text'>{ev.mine.comment}</Text>}
          {ev.canEvaluate && (
            <View className='btn-row'>
              <Button kind='plain' small onClick={() => setEditing(true)}>
                修改我的评议
              </Button>
            </View>
          )}
        </View>
      )}
      {ev.canEvaluate && editing && (
        <View className='block'>
          <Text className='block__title'>这件事办得怎么样？点星星打分</Text>
          <View className='stars'>
            {[1, 2, 3, 4, 5].map((n) => (
              <Text key={n} className={`star ${n <= rating ? 'star--on' : ''}`} onClick={() => setRating(n)} aria-label={`${n} 星`}>
                ★
              </Text>
            ))}
          </View>
          <Textarea
            className='field__input field__textarea'
            value={comment}
            maxlength={500}
            placeholder='说说效果（可以不写）'
            placeholderClass='field__placeholder'
            onInput={(e) => setComment(e.detail.value)}
          />
          <Text className='field__note'>每人评议一次，评议期内可以修改。</Text>
          <View className='btn-row'>
            <Button loading={!!action.busy} onClick={send}>
              提交评议
            </Button>
          </View>
        </View>
      )}
      {!ev.canEvaluate && !ev.mine && detail.state === 'completed' && (
        <Text className='card__note'>本{detail.unitLevelName}已认证的居民可以评议。</Text>
      )}
      {ev.recent.length > 0 && (
        <View className='block'>
          <Text className='block__title'>邻居们的评价</Text>
          {ev.recent.map((r, i) => (
            <View className='comment' key={`${r.createdAt}-${i}`}>
              <Text className='comment__author'>
                {r.authorLabel} · {formatDateTime(r.createdAt)}
              </Text>
              <StarsView value={r.rating} small />
              {r.comment && <Text className='comment__text'>{r.comment}</Text>}
            </View>
          ))}
        </View>
      )}
    </Card>
  )
}

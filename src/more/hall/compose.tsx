import Taro, { useRouter, useUnload } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { Post, Stance } from '@yishi/types'
import { STANCE_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { useLoader } from '@/shared/hooks/useLoader'
import { SwitchRow } from '@/shared/ui/ListRow'
import { ApiRequestError, newIdempotencyKey } from '@/shared/request'
import { discussionsApi } from '@/discussions/api'
import { draftKey, useDrafts } from '@/discussions/drafts'
import { editCountdown, lengthHint, MAX_POST_LENGTH, refusalOf, STANCES, textLength, type Refusal } from '@/discussions/format'
import { announce } from '@/discussions/routes'
import { askToSubscribe } from '@/notifications/subscribe'
import { PhotoPicker } from '@/media/PhotoPicker'
import { photoField, PHOTOS_UNFINISHED, usePhotoUploads } from '@/media/usePhotoUploads'

/** Write a post, a reply, or change my post within its 10 minutes. Unsent text is kept as a draft. */
export default function ComposePage() {
  const params = useRouter().params
  const topicId = Number(params.topicId)
  const parentId = params.parentId ? Number(params.parentId) : undefined
  const editId = params.editId ? Number(params.editId) : undefined
  const key = draftKey(topicId, parentId)
  const saved = useDrafts.getState().drafts[key]

  const [body, setBody] = useState(editId ? '' : (saved?.body ?? ''))
  const [stance, setStance] = useState<Stance | null>(editId ? null : (saved?.stance ?? null))
  const [official, setOfficial] = useState(params.official === '1')
  const [error, setError] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  const [busy, setBusy] = useState(false)
  const photos = usePhotoUploads()
  const [now, setNow] = useState(() => Date.now())
  // One key per text: tapping 发布 twice (or a retry) never posts twice.
  const attempt = useRef<{ key: string; sent: string } | null>(null)
  const sent = useRef(false)

  // The topic (may I post?), the post replied to, or my post being changed.
  const load = useLoader(
    async () => {
      const find = (t: { root: Post; replies: Post[]; focusId: number | null }) =>
        t.focusId === t.root.id ? t.root : (t.replies.find((r) => r.id === t.focusId) ?? null)
      const topic = await discussionsApi.topic(topicId, true)
      const parent = parentId ? find(await discussionsApi.thread(parentId, true)) : null
      let editing: Post | null = null
      if (editId) {
        editing = find(await discussionsApi.thread(editId, true))
        if (!editing || !editing.author.isMine) throw new Error('只能修改自己的发言')
        setBody(editing.body)
      }
      return { topic, parent, editing }
    },
    { when: 'mount', enabled: topicId > 0, errorText: (e) => (e instanceof Error ? e.message : '没有加载出来，请稍后再试') },
  )
  const topic = load.data?.topic ?? null
  const parent = load.data?.parent ?? null
  const editing = load.data?.editing ?? null

  // Keep the draft as the resident types (a little after they stop), and when they leave.
  const persist = () => {
    if (!editId && !sent.current) useDrafts.getState().save(key, body, stance)
  }
  useEffect(() => {
    if (editId) return
    const t = setTimeout(persist, 600)
    return () => clearTimeout(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- save when the text changes; persist reads the latest draft key itself
  }, [body, stance])
  useUnload(persist)

  // The edit window ticks down on screen.
  const left = editing ? editCountdown(editing.editableUntil, now) : null
  useEffect(() => {
    if (!editing) return
    const t = setTimeout(() => setNow(Date.now()), left && left.remainingMs < 60_000 ? 1000 : 10_000)
    return () => clearTimeout(t)
  }, [editing, now, left])

  const hint = lengthHint(body)
  const isReply = !!parentId
  const staff = !!topic?.canModerate
  const expired = !!editing && !left

  const submit = async () => {
    const text = body.trim()
    setRefusal(null)
    if (!text) {
      setError(isReply ? '请写下您的回复' : '请写下您的意见')
      return
    }
    if (textLength(text) > MAX_POST_LENGTH) {
      setError(`最多 ${MAX_POST_LENGTH} 字，请删减一些`)
      return
    }
    if (photos.pending) {
      setError(PHOTOS_UNFINISHED)
      return
    }
    if (busy) return
    setBusy(true)
    try {
      let post: Post
      if (editing) {
        post = await discussionsApi.editPost(editing.id, text)
      } else {
        const sending = { body: text, ...photoField(photos), ...(parentId ? { parentId } : {}), ...(stance && !isReply && !staff ? { stance } : {}), ...(staff && official ? { official: true } : {}) }
        // Another text or other photos is another post, with its own key.
        const sent = JSON.stringify([text, photos.ids])
        if (!attempt.current || attempt.current.sent !== sent) attempt.current = { key: newIdempotencyKey(), sent }
        post = await discussionsApi.createPost(topicId, sending, attempt.current.key)
      }
      sent.current = true
      if (!editId) useDrafts.getState().clear(key)
      announce({ topicId, post, kind: editing ? 'edited' : 'created' })
      Taro.showToast({
        title: post.status === 'pending' ? '已提交，居委会审核后邻居们才能看到' : editing ? '已修改' : '已发布',
        icon: 'none',
        duration: 2500,
      })
      if (!editing) await askToSubscribe()
      setTimeout(() => Taro.navigateBack().catch(() => undefined), 600)
    } catch (err) {
      setRefusal(refusalOf(err instanceof ApiRequestError ? err : { message: '没有发出去，请稍后再试' }))
    } finally {
      setBusy(false)
    }
  }

  if (!topicId || load.error) {
    return <PageNotice title='现在不能在这里发言' text={load.error ?? '链接不完整。'} />
  }

  const title = editing ? '修改我的发言' : isReply ? '回复' : staff && official ? '发布官方回复' : '发表意见'

  return (
    <Page>
      <Card title={title}>
        {topic && <Text className='card__note'>议题：{topic.question}</Text>}
        {isReply && parent && (
          <View>
            <Text className='field__label'>回复 {parent.author.label}：</Text>
            <Text className='composer__quote'>{parent.body || parent.placeholder}</Text>
          </View>
        )}
        {topic && !topic.canPost && !editing && <Text className='field__error'>{topic.cannotPostReason}</Text>}
        {editing && <Text className={`hint ${expired ? 'text-danger' : ''}`}>{left ? `${left.text}。` : '发布已超过 10 分钟，不能再修改了，可以删除后重新发布。'}</Text>}

        <View className='field' id='compose-body'>
          <Text className='field__label'>{isReply ? '回复内容' : '您的意见'}</Text>
          <Textarea
            className={`field__input field__textarea composer__textarea ${error || hint.over ? 'field__input--error' : ''}`}
            value={body}
            maxlength={MAX_POST_LENGTH}
            placeholder={isReply ? '写下您的回复' : '说说您的想法、理由或建议'}
            placeholderClass='field__placeholder'
            disabled={expired}
            onInput={(e) => {
              setBody(e.detail.value)
              setError(null)
            }}
          />
          <Text className={`composer__count ${hint.over ? 'composer__count--over' : ''}`}>{hint.text}</Text>
          {error && <Text className='field__error'>{error}</Text>}
        </View>

        {!editing && (
          <View className='field'>
            <Text className='field__label'>照片（可不放）</Text>
            <PhotoPicker photos={photos} />
          </View>
        )}

        {!isReply && !editing && topic && !staff && topic.canPost && (
          <View className='field'>
            <Text className='field__label'>同时表明立场（可不选）</Text>
            <View className='stance-picker'>
              {STANCES.map((s) => (
                <View
                  key={s}
                  className={`stance-picker__option stance-picker__option--${s} ${stance === s ? 'stance-picker__option--on' : ''}`}
                  hoverClass='stance-picker__option--pressed'
                  onClick={() => setStance(stance === s ? null : s)}
                >
                  <Text>{STANCE_NAMES[s]}</Text>
                </View>
              ))}
            </View>
            {topic.myStance && <Text className='card__note'>您现在的立场是“{STANCE_NAMES[topic.myStance]}”，选了会改成新的。</Text>}
          </View>
        )}

        {!editing && staff && (
          <SwitchRow label='作为官方回复' hint='醒目显示，署名“居委会”' checked={official} onChange={setOfficial} />
        )}

        <Text className='card__note'>请文明发言，就事论事。电话、身份证号和房号会自动打码，邻居们看不到。</Text>
        {!editing && <Text className='card__note'>没发出去的内容会自动保存为草稿。</Text>}
      </Card>

      {refusal && (
        <Card tone='danger' title={refusal.title} className='composer__refusal'>
          <Text className='card__text'>{refusal.text}</Text>
        </Card>
      )}

      <View className='composer__actions'>
        <Button loading={busy} disabled={expired || (!!topic && !topic.canPost && !editing)} onClick={submit}>
          {editing ? '保存修改' : isReply ? '发布回复' : '发布'}
        </Button>
      </View>
    </Page>
  )
}

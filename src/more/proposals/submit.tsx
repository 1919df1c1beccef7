import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { ProposalLevel, SimilarProposal } from '@yishi/types'
import { PROPOSAL_CATEGORIES, PROPOSAL_CATEGORY_NAMES } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { SwitchRow } from '@/shared/ui/ListRow'
import { EmptyState } from '@/shared/ui/EmptyState'
import { useAction } from '@/shared/hooks/useAction'
import { confirm } from '@/shared/ui/confirm'
import { useMe } from '@/accounts/me'
import { isH5 } from '@/shared/env'
import { RESIDENCE_PAGE } from '@/accounts/ResidenceCard'
import { detailUrl, markProposalsChanged, proposalsApi } from '@/proposals/api'
import { BODY_MAX, checkDraft, hasDraft, TITLE_MAX, toSubmitBody, useProposalDraft, type DraftErrors } from '@/proposals/draft'
import { cosignProgress, stateLabel } from '@/proposals/labels'
import { askToSubscribe } from '@/notifications/subscribe'
import { PhotoPicker } from '@/media/PhotoPicker'
import { photoField, PHOTOS_UNFINISHED, usePhotoUploads } from '@/media/usePhotoUploads'

const count = (s: string) => [...s].length

/** Each checked field's box, to bring the first one wrong into view. */
const FIELD_IDS: Record<keyof DraftErrors, string> = { title: 'title-field', body: 'body-field', category: 'category-field' }

/** Scrolls a field into the middle of the screen: the resident sees what to fix, not the button they tapped. */
function showField(id: string) {
  if (isH5) document.getElementById(id)?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  else void Taro.pageScrollTo({ selector: `#${id}`, duration: 200 }).catch(() => undefined)
}

export default function SubmitProposalPage() {
  const me = useMe()
  const draft = useProposalDraft()
  const [errors, setErrors] = useState<DraftErrors>({})
  // The field to type into after a failed check (the first one wrong).
  const [focus, setFocus] = useState<keyof DraftErrors | null>(null)
  const [similar, setSimilar] = useState<SimilarProposal[]>([])
  const action = useAction()
  const busy = !!action.busy
  const photos = usePhotoUploads()

  const home = me?.residence && me.residence.status === 'approved' ? me.residence : null
  const LEVELS: { level: ProposalLevel; name: string; text: string }[] = [
    { level: 'building', name: home ? `${home.estateName} ${home.buildingName}` : '我住的楼组', text: '本楼组的事，本楼邻居附议、投票' },
    { level: 'estate', name: home ? home.estateName : '我住的小区', text: '整个小区的事，全小区居民附议、投票' },
    { level: 'neighbourhood', name: home ? home.neighbourhoodName : '我所在的居民区', text: '涉及几个小区的事，全居民区居民附议、投票' },
  ]

  // "是否附议已有提案？": similar open proposals, looked up as the title is typed.
  useEffect(() => {
    const title = draft.title.trim()
    if (count(title) < 2 || !me?.verified) {
      setSimilar([])
      return
    }
    const timer = setTimeout(() => {
      proposalsApi
        .similar(title)
        .then((res) => setSimilar(res.items))
        .catch(() => undefined)
    }, 600)
    return () => clearTimeout(timer)
  }, [draft.title, me?.verified])

  if (me && !me.verified) {
    return (
      <Page>
        <EmptyState title='认证住址后才能提提案' text='提案由本小区已认证的居民提出，这样邻居们知道是真正住在这里的人的建议。'>
          <Button onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>去认证</Button>
        </EmptyState>
      </Page>
    )
  }

  const submit = () => {
    const problems = checkDraft(draft)
    setErrors(problems)
    const first = (Object.keys(FIELD_IDS) as (keyof DraftErrors)[]).find((k) => problems[k])
    if (first) {
      Taro.showToast({ title: problems[first]!, icon: 'none' })
      showField(FIELD_IDS[first])
      setFocus(first)
      return
    }
    if (photos.pending) {
      Taro.showToast({ title: PHOTOS_UNFINISHED, icon: 'none' })
      return
    }
    // The request client shows why a submit failed; the draft and its key stay for another try.
    void action.run('submit', async () => {
      const body = { ...toSubmitBody(draft), ...photoField(photos) }
      const fresh = await proposalsApi
        .similar(body.title)
        .then((r) => r.items)
        .catch(() => similar)
      setSimilar(fresh)
      const go = await confirm({
        title: fresh.length ? '是否附议已有提案？' : '提交提案',
        content: fresh.length
          ? `已有 ${fresh.length} 条相似的提案正在征集或办理，附议已有提案能更快办成。仍要提交新提案吗？`
          : '提交后，邻居们就能看到并附议。确定提交吗？',
        confirmText: fresh.length ? '仍要提交' : '提交',
        cancelText: fresh.length ? '先看看' : '再改改',
      })
      if (!go) return
      // Same key for the same draft: a retry, a second tap or a restart never makes a duplicate.
      const created = await proposalsApi.submit(body, useProposalDraft.getState().keyFor(body))
      useProposalDraft.getState().clear()
      photos.clear()
      setErrors({})
      markProposalsChanged()
      Taro.showToast({ title: '已提交', icon: 'success' })
      await askToSubscribe()
      await Taro.redirectTo({ url: detailUrl(created.id) })
    })
  }

  const clearDraft = async () => {
    if (await confirm({ title: '清空草稿', content: '写好的内容会全部删除，确定吗？', confirmText: '清空' })) {
      draft.clear()
      setErrors({})
    }
  }

  const titleLen = count(draft.title)
  const bodyLen = count(draft.body)
  const neighbourhoodName = home?.neighbourhoodName ?? '本居民区'

  return (
    <Page>
      <Text className='hint'>写清楚哪里有问题、希望怎么改。提交后，邻居们可以附议；附议人数够了，居委会就会审核立项。草稿会自动保存。</Text>

      <Card>
        <View className='field' id='title-field'>
          <View className='field__row'>
            <Text className='field__label'>标题</Text>
            <Text className={`field__count ${titleLen > TITLE_MAX ? 'field__count--over' : ''}`}>
              {titleLen}/{TITLE_MAX}
            </Text>
          </View>
          <Input
            className={`field__input ${errors.title ? 'field__input--error' : ''}`}
            value={draft.title}
            maxlength={TITLE_MAX}
            placeholder='例如：3号楼加装电梯'
            placeholderClass='field__placeholder'
            focus={focus === 'title'}
            onBlur={() => setFocus(null)}
            onInput={(e) => {
              draft.update({ title: e.detail.value })
              if (errors.title) setErrors({ ...errors, title: undefined })
            }}
          />
          {errors.title && <Text className='field__error'>{errors.title}</Text>}
        </View>

        {similar.length > 0 && (
          <View className='similar'>
            <Text className='similar__title'>是否附议已有提案？</Text>
            <Text className='field__note'>下面这些提案和您要写的很像，附议已有提案能更快办成。</Text>
            {similar.map((s) => (
              <View className='similar__item' key={s.id}>
                <View className='similar__text'>
                  <Text className='choice__title'>{s.title}</Text>
                  <Text className='choice__text'>
                    {stateLabel(s.state)}
                    {s.state === 'submitted' ? ` · ${cosignProgress(s.cosignCount, s.threshold).text}` : ''}
                  </Text>
                </View>
                <Button small kind='secondary' onClick={() => Taro.navigateTo({ url: detailUrl(s.id) })}>
                  去看看
                </Button>
              </View>
            ))}
          </View>
        )}

        <View className='field' id='body-field'>
          <View className='field__row'>
            <Text className='field__label'>具体内容</Text>
            <Text className={`field__count ${bodyLen > BODY_MAX ? 'field__count--over' : ''}`}>
              {bodyLen}/{BODY_MAX}
            </Text>
          </View>
          <Textarea
            className={`field__input field__textarea field__textarea--tall ${errors.body ? 'field__input--error' : ''}`}
            value={draft.body}
            maxlength={BODY_MAX}
            placeholder='问题是什么、影响了谁、您建议怎么办'
            placeholderClass='field__placeholder'
            focus={focus === 'body'}
            onBlur={() => setFocus(null)}
            onInput={(e) => {
              draft.update({ body: e.detail.value })
              if (errors.body) setErrors({ ...errors, body: undefined })
            }}
          />
          {errors.body && <Text className='field__error'>{errors.body}</Text>}
        </View>
      </Card>

      <Card title='分类'>
        <View className='tiles' id='category-field'>
          {PROPOSAL_CATEGORIES.map((c) => (
            <View
              key={c}
              className={`tile ${draft.category === c ? 'tile--selected' : ''}`}
              hoverClass='tile--pressed'
              onClick={() => {
                draft.update({ category: c })
                if (errors.category) setErrors({ ...errors, category: undefined })
              }}
            >
              <Text>{PROPOSAL_CATEGORY_NAMES[c]}</Text>
            </View>
          ))}
        </View>
        {errors.category && <Text className='field__error'>{errors.category}</Text>}
      </Card>

      <Card title='这是哪里的事'>
        <Text className='field__note'>范围决定谁可以附议和投票。</Text>
        <View className='choices'>
          {LEVELS.map((l) => (
            <View
              key={l.level}
              className={`choice ${draft.level === l.level ? 'choice--selected' : ''}`}
              hoverClass='choice--pressed'
              onClick={() => draft.update({ level: l.level })}
            >
              <Text className='choice__title'>{l.name}</Text>
              <Text className='choice__text'>{l.text}</Text>
            </View>
          ))}
        </View>
      </Card>

      <Card title='照片（可不传）'>
        <PhotoPicker photos={photos} />
      </Card>

      <Card>
        <SwitchRow label='不显示我的楼号' hint={`邻居看到的提案人：${draft.hideBuilding ? `${neighbourhoodName}居民` : me?.label ?? ''}`} checked={draft.hideBuilding} onChange={(on) => draft.update({ hideBuilding: on })} />
      </Card>

      <View className='btn-stack'>
        <Button id='submit-proposal' loading={busy} onClick={submit}>
          提交提案
        </Button>
        {hasDraft(draft) && (
          <Button kind='plain' disabled={busy} onClick={clearDraft}>
            清空草稿
          </Button>
        )}
      </View>
    </Page>
  )
}

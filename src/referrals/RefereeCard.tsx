import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ProposalDetail } from '@yishi/types'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { ReasonForm } from '@/shared/ui/ReasonForm'
import { useAction } from '@/shared/hooks/useAction'
import { PhotoPicker } from '@/media/PhotoPicker'
import { photoField, PHOTOS_UNFINISHED, usePhotoUploads } from '@/media/usePhotoUploads'
import { markProposalsChanged } from '@/proposals/api'
import type { useProposalAction } from '@/proposals/useProposalAction'
import { COMMON_REFUSE_REASONS, REFERRAL_TEXT_MAX, referralsApi } from './api'

type Form = 'answer' | 'refuse' | null

/**
 * What the referee (物业, 业委会, 街镇 department) does with a proposal referred to it: accept it, answer it
 * (residents read the answer) or send it back to the 居委会 with a reason.
 */
export function RefereeCard({ d, action }: { d: ProposalDetail; action: ReturnType<typeof useProposalAction> }) {
  const { run, busy } = action
  const [form, setForm] = useState<Form>(null)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  // Refusing hands the proposal back: the referee can no longer open it, so leave instead of reloading.
  const refusal = useAction()
  const photos = usePhotoUploads()
  const referral = d.referral
  if (!d.isReferee || !referral || referral.status === 'answered') return null

  const open = (next: Form) => {
    setForm(next)
    setText('')
    setError(null)
  }
  const checked = (what: string) => {
    const problem = text.trim() ? null : `请填写${what}`
    setError(problem)
    return !problem
  }

  const accept = () =>
    void run('accept', () => referralsApi.accept(d.id), {
      ask: { title: '接受转办', content: '接受后由您负责处理，并在时限内答复居民。确定接受吗？', confirmText: '接受' },
      done: '已接受',
    })
  const answer = () => {
    if (!checked('答复内容')) return
    if (photos.pending) {
      setError(PHOTOS_UNFINISHED)
      return
    }
    void run('answer', () => referralsApi.answer(d.id, { answer: text.trim(), ...photoField(photos) }), {
      ask: { title: '提交答复', content: '答复会公布给居民，并通知关注的居民。确定提交吗？', confirmText: '提交答复' },
      done: '答复已提交',
    })
  }
  const refuse = async () => {
    if (!checked('退回的原因')) return
    const done = await refusal.run('refuse', () => referralsApi.refuse(d.id, text.trim()), {
      ask: { title: '退回居委会', content: '退回后这条提案交回居委会重新处理，您将不再看到它。确定退回吗？', confirmText: '退回', danger: true },
      done: '已退回居委会',
    })
    if (done) {
      markProposalsChanged()
      void Taro.navigateBack()
    }
  }

  return (
    <Card title='转办给您处理' tone='accent'>
      <Text className='card__text'>
        {referral.status === 'accepted' ? '您已接受，请在时限内答复。' : '居委会把这条提案转给了您，请先接受，或说明原因退回。'}
      </Text>
      {form === null && (
        <View className='btn-stack'>
          {referral.status === 'open' && (
            <Button loading={busy === 'accept'} disabled={!!busy} onClick={accept}>
              接受
            </Button>
          )}
          <Button kind={referral.status === 'open' ? 'secondary' : 'primary'} disabled={!!busy} onClick={() => open('answer')}>
            答复
          </Button>
          <Button kind='plain' disabled={!!busy} onClick={() => open('refuse')}>
            退回居委会
          </Button>
        </View>
      )}
      {form === 'answer' && (
        <ReasonForm
          className='referee-form'
          label='答复内容（居民可以看到）'
          value={text}
          onChange={(v) => {
            setText(v)
            setError(null)
          }}
          maxLength={REFERRAL_TEXT_MAX}
          placeholder='例如：已安排维修，预计本周五完成'
          error={error}
          busy={busy === 'answer'}
          cancel={{ text: '取消', onClick: () => open(null) }}
          confirm={{ text: '提交答复', onClick: answer }}
        >
          <Text className='field__label'>办理照片（可不放，居民可以看到）</Text>
          <PhotoPicker photos={photos} />
        </ReasonForm>
      )}
      {form === 'refuse' && (
        <ReasonForm
          className='referee-form'
          label='选择退回的原因'
          presets={COMMON_REFUSE_REASONS}
          value={text}
          onChange={(v) => {
            setText(v)
            setError(null)
          }}
          maxLength={REFERRAL_TEXT_MAX}
          placeholder='请写明原因，居委会会看到'
          error={error}
          busy={refusal.busy === 'refuse'}
          cancel={{ text: '取消', onClick: () => open(null) }}
          confirm={{ text: '确认退回', kind: 'danger', onClick: () => void refuse() }}
        />
      )}
    </Card>
  )
}

import Taro from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { shanghaiDay } from '@yishi/types/time'
import { Page, PageNotice } from '@/accounts/Page'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { Button } from '@/shared/ui/Button'
import { Card } from '@/shared/ui/Card'
import { ListRow } from '@/shared/ui/ListRow'
import { useAction } from '@/shared/hooks/useAction'
import { PhotoPicker } from '@/media/PhotoPicker'
import { usePhotoUploads } from '@/media/usePhotoUploads'
import { affairsApi, checkText, entryUrl, parseAmount } from '@/affairs/api'

type Field = 'title' | 'body' | 'amount'

/** The committee records a 自治金 payment on the ledger, with photos of its receipt. */
export default function FundPage() {
  const me = useMe()
  const today = shanghaiDay(new Date())
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [amount, setAmount] = useState('')
  const [spentOn, setSpentOn] = useState(today)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const photos = usePhotoUploads()
  const { busy, run } = useAction()
  if (me && !isCommittee(me)) return <PageNotice title='这里是居委会记录自治金支出的地方' text='您的账号没有居委会权限。' />

  const save = async () => {
    const value = parseAmount(amount)
    const found = { title: checkText(title, '用途'), body: checkText(body, '说明'), amount: value === null ? '请填写金额（元，最多两位小数）' : null }
    setErrors(Object.fromEntries(Object.entries(found).filter(([, v]) => v)) as Partial<Record<Field, string>>)
    if (found.title || found.body || value === null) return
    if (photos.pending) return void Taro.showToast({ title: '照片还在上传，请稍等', icon: 'none' })
    await run(
      'save',
      async () => {
        const d = await affairsApi.addFund({ title: title.trim(), body: body.trim(), amount: value, spentOn, ...(photos.ids.length > 0 ? { photos: photos.ids } : {}) })
        void Taro.redirectTo({ url: entryUrl(d.entry.key) })
      },
      { done: '已公开' },
    )
  }

  const field = (name: Field, label: string, input: JSX.Element) => (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      {input}
      {errors[name] && <Text className='field__error'>{errors[name]}</Text>}
    </View>
  )
  return (
    <Page>
      <Text className='hint'>记下的支出会马上公开给本居民区的居民，之后不能修改；写错了请发布更正。</Text>
      <Card>
        {field(
          'title',
          '用途',
          <Input className='field__input' value={title} maxlength={60} placeholder='例如：楼道灯更换' placeholderClass='field__placeholder' onInput={(e) => setTitle(e.detail.value)} />,
        )}
        {field(
          'amount',
          '金额（元）',
          <Input className='field__input' type='digit' value={amount} maxlength={10} placeholder='例如：4320' placeholderClass='field__placeholder' onInput={(e) => setAmount(e.detail.value)} />,
        )}
        <Picker mode='date' value={spentOn} end={today} onChange={(e) => setSpentOn(String(e.detail.value))}>
          <ListRow label='支出日期' value={<Text className='list-row__text'>{spentOn}</Text>} arrow />
        </Picker>
        {field(
          'body',
          '说明',
          <Textarea className='field__input field__textarea' value={body} maxlength={1000} placeholder='做了什么、数量、谁施工' placeholderClass='field__placeholder' onInput={(e) => setBody(e.detail.value)} />,
        )}
        <Text className='field__label'>票据照片</Text>
        <PhotoPicker photos={photos} />
      </Card>
      <View className='btn-stack'>
        <Button loading={busy === 'save'} onClick={save}>
          公开这笔支出
        </Button>
      </View>
    </Page>
  )
}

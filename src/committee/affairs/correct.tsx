import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Page } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { LoadState } from '@/shared/ui/LoadState'
import { ReasonForm } from '@/shared/ui/ReasonForm'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { affairsApi, ANSWER_MAX, checkText, entryUrl, parseAmount } from '@/affairs/api'
import { EntryCard } from '@/affairs/EntryCard'
import '@/affairs/affairs.css'

/** A correction: a new entry pointing at the old one, never an edit; both stay on the ledger. */
export default function CorrectPage() {
  const key = useRouter().params.key ?? ''
  const load = useLoader(() => affairsApi.entry(key, true), { deps: [key] })
  const [text, setText] = useState('')
  const [amount, setAmount] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useAction()

  const send = async () => {
    const problem = checkText(text, '更正的内容')
    if (problem) return setError(problem)
    const value = amount.trim() === '' ? undefined : parseAmount(amount)
    if (value === null) return setError('更正后金额应是元，最多两位小数；不改金额请留空')
    await run(
      'send',
      async () => {
        const d = await affairsApi.correct(key, text.trim(), value)
        void Taro.redirectTo({ url: entryUrl(d.entry.key) })
      },
      { ask: { title: '发布更正？', content: '更正会公开给全体居民，原记录保留并标为“已更正”。' }, done: '已发布更正' },
    )
  }

  return (
    <Page>
      <LoadState load={load} title='这条记录没有加载出来' text={load.error ?? undefined} />
      {load.data && (
        <View>
          <EntryCard entry={load.data.entry} open={false} />
          <Card title='更正'>
            <View className='field'>
              <Text className='field__label'>更正后金额（元，不改金额请留空）</Text>
              <Input className='field__input' type='digit' value={amount} maxlength={10} placeholderClass='field__placeholder' onInput={(e) => setAmount(e.detail.value)} />
            </View>
            <ReasonForm
              label='哪里错了、正确的是什么'
              value={text}
              onChange={(v) => {
                setText(v)
                setError(null)
              }}
              maxLength={ANSWER_MAX}
              placeholder='例如：发票复核后实际为 46 盏，金额更正'
              error={error}
              busy={busy === 'send'}
              confirm={{ text: '发布更正', onClick: send }}
            />
          </Card>
        </View>
      )}
    </Page>
  )
}

import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { UnitNode } from '@yishi/types'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { communityApi } from '@/community/api'

const CONTACT_MAX_LENGTH = 100

function findUnit(nodes: UnitNode[], id: number): UnitNode | null {
  for (const n of nodes) {
    const found = n.id === id ? n : findUnit(n.children, id)
    if (found) return found
  }
  return null
}

/** What residents waiting for review are told to reach the 居委会 by: written here by the committee. */
export function ContactCard({ neighbourhoodId }: { neighbourhoodId: number }) {
  const [draft, setDraft] = useState<string | null>(null)
  const load = useLoader(() => communityApi.units().then((res) => findUnit(res.units, neighbourhoodId)?.contact ?? ''), { when: 'mount' })
  const action = useAction()
  const value = draft ?? load.data ?? ''
  const save = () =>
    action.run(
      'contact',
      async () => {
        const unit = await communityApi.updateUnit(neighbourhoodId, { contact: value })
        load.set(unit.contact ?? '')
        setDraft(null)
      },
      { done: '已保存' },
    )
  return (
    <Card title='居民怎样联系居委会'>
      <Text className='card__note'>等待认证的居民会看到这里写的电话或办公时间。</Text>
      <View className='field' id='contact-field'>
        <Input
          className='field__input'
          value={value}
          maxlength={CONTACT_MAX_LENGTH}
          placeholder='例如 电话 6201-1234，工作日 9:00–17:00'
          placeholderClass='field__placeholder'
          onInput={(e) => setDraft(e.detail.value)}
        />
      </View>
      <Button kind='secondary' className='card__action' loading={action.busy === 'contact'} disabled={draft === null} onClick={() => void save()}>
        保存联系方式
      </Button>
    </Card>
  )
}

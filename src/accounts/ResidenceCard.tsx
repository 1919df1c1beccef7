import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import type { Me } from '@yishi/types'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { residenceView } from './residence'

export const RESIDENCE_PAGE = '/pages/residence/index'

const TONES = { none: 'accent', pending: 'warn', rejected: 'danger', approved: 'success' } as const
const BADGES = { none: '未认证', pending: '审核中', rejected: '未通过', approved: '已认证' } as const

/** The resident's verification state with what to do next. */
export function ResidenceCard({ me, showAction = true }: { me: Me | null; showAction?: boolean }) {
  const view = residenceView(me)
  return (
    <Card title='居住认证' tone={TONES[view.kind]} extra={<Badge tone={TONES[view.kind]}>{BADGES[view.kind]}</Badge>}>
      <Text className='card__lead'>{view.title}</Text>
      <Text className='card__text'>{view.text}</Text>
      {showAction && view.action && (
        <Button className='card__action' onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>
          {view.action}
        </Button>
      )}
    </Card>
  )
}

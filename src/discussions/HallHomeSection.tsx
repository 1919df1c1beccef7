import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { useLoader } from '@/shared/hooks/useLoader'
import { useSession } from '@/accounts/session'
import { discussionsApi } from './api'
import { TopicCard } from './TopicCard'
import { HALL_PAGE } from './routes'

const HOME_LIMIT = 3

/** 首页: the topics of my units that are open for discussion now. */
export function HallHomeSection() {
  const token = useSession((s) => s.token)
  const load = useLoader(() => discussionsApi.topics({ active: true, mine: true, limit: HOME_LIMIT }, true), { enabled: !!token })
  const topics = load.data?.items ?? null
  const more = load.data?.nextCursor != null

  const toHall = () => Taro.switchTab({ url: HALL_PAGE })

  return (
    <Section title='进行中的议事'>
      <LoadState load={load} title='议事没有加载出来' text='请检查网络，下拉页面可以重试。' retry={false} />
      {topics && topics.length === 0 && (
        <EmptyState title='现在没有进行中的议事' text='居委会发起讨论后会显示在这里，您可以发表意见、表明立场。'>
          <Button kind='secondary' onClick={toHall}>
            去议事厅看看
          </Button>
        </EmptyState>
      )}
      {topics?.map((t) => <TopicCard key={t.id} topic={t} compact />)}
      {topics && topics.length > 0 && (
        <View className='hall-home__more'>
          <Button kind='secondary' onClick={toHall}>
            {more ? '查看全部议事' : '去议事厅'}
          </Button>
        </View>
      )}
    </Section>
  )
}

import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { useLoader } from '@/shared/hooks/useLoader'
import { useMe } from '@/accounts/me'
import { RESIDENCE_PAGE } from '@/accounts/ResidenceCard'
import { isCommittee, useSession } from '@/accounts/session'
import { discussionsApi } from './api'
import { TopicCard } from './TopicCard'
import { HALL_PAGE } from './routes'

const HOME_LIMIT = 3

/** 首页: the topics of my units that are open for discussion now. */
export function HallHomeSection() {
  const token = useSession((s) => s.token)
  const me = useMe()
  const load = useLoader(() => discussionsApi.topics({ active: true, mine: true, limit: HOME_LIMIT }, true), { enabled: !!token })
  const topics = load.data?.items ?? null
  // Not verified yet: the topics are there, only not for them to read until they are.
  const waiting = !!me && !me.verified && !isCommittee(me)
  const hidden = useLoader(() => discussionsApi.hiddenTopics(me?.residence?.neighbourhoodId), {
    enabled: !!token && waiting,
    deps: [me?.residence?.neighbourhoodId],
  })
  const hiddenOpen = waiting ? (hidden.data?.open ?? 0) : 0
  // Until the count is in, neither message: "nothing open" could be the very thing that is not true.
  const counted = !waiting || hidden.loaded || hidden.error !== null
  const more = load.data?.nextCursor != null

  const toHall = () => Taro.switchTab({ url: HALL_PAGE })

  return (
    <Section title='进行中的议事'>
      <LoadState load={load} title='议事没有加载出来' text='请检查网络，下拉页面可以重试。' retry={false} />
      {topics && topics.length === 0 && hiddenOpen > 0 && (
        <EmptyState title={`有 ${hiddenOpen} 个议题正在讨论`} text='议事厅只给本居民区已认证的居民看。完成居住认证后，您就能看到这些议题并发表意见。'>
          <Button onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>{me?.residence?.status === 'pending' ? '查看认证进度' : '去认证'}</Button>
        </EmptyState>
      )}
      {topics && topics.length === 0 && counted && hiddenOpen === 0 && (
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

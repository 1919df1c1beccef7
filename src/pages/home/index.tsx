import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ROLE_NAMES } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { greeting } from '@/shared/format'
import { useMe, useMeStore } from '@/accounts/me'
import { isCommittee, useSession } from '@/accounts/session'
import { ResidenceCard } from '@/accounts/ResidenceCard'
import { committeeApi, VERIFICATIONS_PAGE } from '@/committee/api'
import { ProposalQueueLine, ProposalsHomeSection, UnreadNewsCard } from '@/proposals/HomeSection'
import { HallHomeSection } from '@/discussions/HallHomeSection'
import { ModerationQueueLine } from '@/moderation/QueueLine'
import { SurveysHomeSection } from '@/surveys/HomeSection'
import { SurveysCommitteeLine } from '@/surveys/CommitteeLine'
import { isReferee, REFERRALS_PAGE, referralsApi } from '@/referrals/api'

function CommitteeCard({ pending }: { pending: number | null }) {
  const me = useMe()
  const role = me?.roles.find((r) => r.role === 'moderator' || r.role === 'admin')
  return (
    <Card title='居委会工作台' tone='accent'>
      {role && (
        <Text className='card__text'>
          {ROLE_NAMES[role.role]} · {role.unitName}
        </Text>
      )}
      <View className='stat'>
        <Text className='stat__value'>{pending === null ? '—' : pending}</Text>
        <Text className='stat__label'>条居住认证等待审核</Text>
      </View>
      <Button className='card__action' onClick={() => Taro.navigateTo({ url: VERIFICATIONS_PAGE })}>
        去审核
      </Button>
      <ProposalQueueLine />
      <ModerationQueueLine />
      <SurveysCommitteeLine />
    </Card>
  )
}

/** A 物业, 业委会 or 街镇 department: what the 居委会 referred to it and still waits for an answer. */
function RefereeHomeCard({ open }: { open: number | null }) {
  const me = useMe()
  const role = me?.roles[0]
  return (
    <Card title='转办事项' tone='accent' className='referee-home'>
      {role && (
        <Text className='card__text'>
          {ROLE_NAMES[role.role]} · {role.unitName}
        </Text>
      )}
      <View className='stat'>
        <Text className='stat__value'>{open === null ? '—' : open}</Text>
        <Text className='stat__label'>件转办等待处理</Text>
      </View>
      <Button className='card__action' onClick={() => Taro.navigateTo({ url: REFERRALS_PAGE })}>
        去处理
      </Button>
    </Card>
  )
}

export default function HomePage() {
  const me = useMe()
  const token = useSession((s) => s.token)
  const [pending, setPending] = useState<number | null>(null)
  const [referrals, setReferrals] = useState<number | null>(null)
  const committee = isCommittee(me)
  const referee = isReferee(me)

  const load = async () => {
    if (!token) return
    const fresh = await useMeStore.getState().refresh()
    if (isCommittee(fresh)) {
      const res = await committeeApi.list('pending', true).catch(() => null)
      setPending(res ? res.items.length : null)
    }
    if (isReferee(fresh)) {
      const res = await referralsApi.inbox('open', true).catch(() => null)
      setReferrals(res ? res.items.length : null)
    }
  }

  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <Page>
      <View className='hello'>
        <Text className='hello__greeting'>{greeting()}，</Text>
        <Text className='hello__name'>{me?.label ?? '邻居'}</Text>
        <Text className='hello__text'>这里是我们小区一起商量事情的地方。</Text>
      </View>

      <UnreadNewsCard />
      {committee && <CommitteeCard pending={pending} />}
      {referee && <RefereeHomeCard open={referrals} />}
      {(!committee || me?.residence) && <ResidenceCard me={me} />}

      <HallHomeSection />
      <SurveysHomeSection />
      <ProposalsHomeSection />
    </Page>
  )
}

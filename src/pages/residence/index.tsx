import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useEffect, useMemo, useState } from 'react'
import { Page } from '@/accounts/Page'
import { Badge, Card, Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { accountsApi } from '@/accounts/api'
import { useMe, useMeStore } from '@/accounts/me'
import { checkRoom, listEstates, ROOM_MAX_LENGTH, waitView } from '@/accounts/residence'
import { ResidenceCard } from '@/accounts/ResidenceCard'
import { askToSubscribe } from '@/notifications/subscribe'

export default function ResidencePage() {
  const me = useMe()
  const load = useLoader(() => accountsApi.units().then((res) => res.units), { when: 'mount' })
  const units = load.data
  const [estateId, setEstateId] = useState<number | null>(null)
  const [buildingId, setBuildingId] = useState<number | null>(null)
  const [room, setRoom] = useState('')
  const [roomError, setRoomError] = useState<string | null>(null)
  const action = useAction()
  const [editing, setEditing] = useState(false)

  const estates = useMemo(() => (units ? listEstates(units) : []), [units])
  const estate = estates.find((e) => e.id === estateId) ?? null
  const building = estate?.buildings.find((b) => b.id === buildingId) ?? null

  const residence = me?.residence ?? null
  const showForm = editing || !residence || residence.status === 'rejected'
  const pending = residence?.status === 'pending'
  const wait = useLoader(() => accountsApi.residenceWait(), { enabled: pending, deps: [residence?.id, residence?.status] })
  const waitText = wait.data ? waitView(wait.data) : null

  // Applying again starts from the last request: its 小区, 楼组 and room, to correct rather than retype.
  const prefillFrom = showForm && residence ? residence : null
  useEffect(() => {
    if (!prefillFrom) return
    const from = estates.find((e) => e.buildings.some((b) => b.id === prefillFrom.buildingId))
    if (!from) return
    setEstateId(from.id)
    setBuildingId(prefillFrom.buildingId)
    setRoom(prefillFrom.room)
  }, [prefillFrom?.id, estates]) // eslint-disable-line react-hooks/exhaustive-deps -- once per request, when the tree is in

  // Pulling down shows whether the 居委会 has reviewed meanwhile.
  usePullDownRefresh(() => {
    void useMeStore
      .getState()
      .refresh()
      .finally(() => Taro.stopPullDownRefresh())
  })

  const submit = () => {
    if (!building) {
      Taro.showToast({ title: '请先选择小区和楼组', icon: 'none' })
      return
    }
    const problem = checkRoom(room)
    setRoomError(problem)
    if (problem) return
    void action.run('submit', async () => {
      await accountsApi.requestResidence(building.id, room.trim())
      await useMeStore.getState().refresh()
      setEditing(false)
      Taro.showToast({ title: '已提交，请等待居委会审核', icon: 'none', duration: 2500 })
      await askToSubscribe()
    })
  }

  return (
    <Page>
      <ResidenceCard me={me} showAction={false} />

      {residence && residence.status !== 'rejected' && (
        <Card title='我的申请'>
          <Text className='card__text'>
            {residence.estateName} {residence.buildingName} {residence.room} 室
          </Text>
          <Text className='card__note'>提交时间：{formatDateTime(residence.requestedAt)}</Text>
          {pending && waitText && (
            <View className='residence-wait'>
              <Text className='card__text'>{waitText.time}</Text>
              <Text className='card__text'>{waitText.contact}</Text>
            </View>
          )}
          {residence.reviewedAt && <Text className='card__note'>审核时间：{formatDateTime(residence.reviewedAt)}</Text>}
          {!editing && (
            <Button kind='secondary' className='card__action' onClick={() => setEditing(true)}>
              {residence.status === 'pending' ? '填错了，重新填写' : '搬家了，重新认证'}
            </Button>
          )}
        </Card>
      )}

      {showForm && (
        <View>
          {residence?.status === 'rejected' && (
            <Card title='重新申请' tone='danger'>
              <Text className='card__text'>
                已为您填好上次的 {residence.estateName} {residence.buildingName} {residence.room} 室，请按上面的原因改正后再提交。
              </Text>
            </Card>
          )}
          <Section title='第一步：选择小区'>
            <LoadState load={load} title='小区列表没有加载出来' text='请检查网络后重试。' loading='正在加载小区列表…' />
            {units && !estates.length && <EmptyState title='还没有可以选择的小区' text='请联系居委会。' />}
            <View className='choices'>
              {estates.map((e) => (
                <View
                  key={e.id}
                  className={`choice ${e.id === estateId ? 'choice--selected' : ''}`}
                  hoverClass='choice--pressed'
                  onClick={() => {
                    setEstateId(e.id)
                    setBuildingId(null)
                  }}
                >
                  <Text className='choice__title'>{e.name}</Text>
                  <Text className='choice__text'>{e.neighbourhoodName}</Text>
                </View>
              ))}
            </View>
          </Section>

          {estate && (
            <Section title='第二步：选择楼组'>
              {!estate.buildings.length && <EmptyState title='这个小区还没有登记楼组' text='请联系居委会。' />}
              <View className='tiles'>
                {estate.buildings.map((b) => (
                  <View
                    key={b.id}
                    className={`tile ${b.id === buildingId ? 'tile--selected' : ''}`}
                    hoverClass='tile--pressed'
                    onClick={() => {
                      setBuildingId(b.id)
                      // Bring the room field into view (it appears below the fold on small phones).
                      setTimeout(() => {
                        Taro.pageScrollTo({ selector: '#room-field', duration: 300 }).catch(() => undefined)
                      }, 50)
                    }}
                  >
                    <Text>{b.name}</Text>
                  </View>
                ))}
              </View>
            </Section>
          )}

          {building && (
            <Section title='第三步：填写房号'>
              <Card>
                <View className='field' id='room-field'>
                  <Text className='field__label'>
                    {estate?.name} {building.name}
                  </Text>
                  <Input
                    className={`field__input ${roomError ? 'field__input--error' : ''}`}
                    value={room}
                    maxlength={ROOM_MAX_LENGTH}
                    placeholder='例如 302'
                    placeholderClass='field__placeholder'
                    onInput={(e) => {
                      setRoom(e.detail.value)
                      if (roomError) setRoomError(null)
                    }}
                  />
                  {roomError && <Text className='field__error'>{roomError}</Text>}
                </View>
                <Text className='card__note'>房号只给居委会核实用，不会展示给其他居民。</Text>
                <Button className='card__action' loading={!!action.busy} onClick={submit}>
                  提交认证
                </Button>
              </Card>
            </Section>
          )}
        </View>
      )}

      {residence?.isRepresentative && residence.status === 'approved' && (
        <View className='center'>
          <Badge tone='accent'>居民代表</Badge>
        </View>
      )}
    </Page>
  )
}

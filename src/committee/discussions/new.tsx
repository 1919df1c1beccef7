import Taro from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { shanghaiDay } from '@yishi/types/time'
import { Page, PageNotice } from '@/accounts/Page'
import { Card, Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { shanghaiInstant } from '@/shared/time'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { accountsApi } from '@/accounts/api'
import { moderationApi } from '@/moderation/api'
import { topicUrl } from '@/discussions/routes'
import '@/discussions/discussions.css'
import '@/committee/moderation/moderation.css'
import { placesOf } from './places'

function checkQuestion(q: string): string | null {
  const t = q.trim()
  if (t.length < 4) return '议题至少写 4 个字，例如“3号楼加装电梯意见征集”'
  if (t.length > 100) return '议题最多 100 个字，详细情况写在背景里'
  return null
}

/** Open a new topic for a 居民区, 小区 or 楼组: question, background, closing date. */
export default function NewTopicPage() {
  const me = useMe()
  const [placeId, setPlaceId] = useState<number | null>(null)
  const [buildingId, setBuildingId] = useState<number | null>(null)
  const [question, setQuestion] = useState('')
  const [background, setBackground] = useState('')
  const [closeDate, setCloseDate] = useState<string | null>(null)
  const [errors, setErrors] = useState<{ place?: string; question?: string }>({})
  const action = useAction()
  // Where this person may open a topic; none found (or none loaded) says so below.
  const load = useLoader(
    () =>
      accountsApi.units().then(
        (res) => {
          const list = placesOf(res.units, (me?.roles ?? []).map((r) => r.unitId))
          if (list.length === 1) setPlaceId(list[0].id)
          return list
        },
        () => [],
      ),
    { when: 'mount' },
  )
  const places = load.data

  if (me && !isCommittee(me)) {
    return <PageNotice title='只有居委会可以发起议题' text='居民有想商量的事，可以在“提案”里提出。' />
  }

  const place = places?.find((p) => p.id === placeId) ?? null
  const building = place?.buildings.find((b) => b.id === buildingId) ?? null
  const where = building ? `${place!.name} ${building.name}` : place ? `${place.name}（${place.level === 'estate' ? '整个小区' : '整个居民区'}）` : ''
  const today = shanghaiDay(Date.now())

  const submit = () => {
    const next = {
      place: place ? undefined : '请选择议题属于哪里',
      question: checkQuestion(question) ?? undefined,
    }
    setErrors(next)
    if (next.place || next.question || !place) return
    const closing = closeDate ? `，${closeDate} 当天结束讨论` : '，不设截止时间'
    void action.run(
      'open',
      async () => {
        const topic = await moderationApi.openTopic({
          unitId: building?.id ?? place.id,
          question: question.trim(),
          ...(background.trim() ? { background: background.trim() } : {}),
          ...(closeDate ? { closesAt: shanghaiInstant(closeDate, '23:59').toISOString() } : {}),
        })
        setTimeout(() => Taro.redirectTo({ url: topicUrl(topic.id) }), 600)
        return topic
      },
      {
        ask: { title: '发起议题', content: `在${where}发起“${question.trim()}”${closing}。发起后本范围的居民都能看到。确定发起吗？` },
        done: (topic) => (topic.pending ? '已提交，内容需要审核后公开' : '议题已发起'),
      },
    )
  }

  return (
    <Page>
      <Section title='第一步：议题属于哪里'>
        {!places && <EmptyState title='正在加载…' />}
        {places && places.length === 0 && <EmptyState title='没有找到您负责的居民区' text='请检查网络，或联系街镇管理员确认您的权限。' />}
        {places?.map((p) => (
          <View
            key={p.id}
            className={`choice choice--compact ${placeId === p.id ? 'choice--selected' : ''}`}
            hoverClass='choice--pressed'
            onClick={() => {
              setPlaceId(p.id)
              setBuildingId(null)
              setErrors({ ...errors, place: undefined })
            }}
          >
            <Text className='choice__title'>
              {p.name}
              <Text className='unit-choice__level'>{p.level === 'estate' ? '整个小区' : '整个居民区'}</Text>
            </Text>
          </View>
        ))}
        {errors.place && <Text className='field__error'>{errors.place}</Text>}
        {place && place.buildings.length > 0 && (
          <View>
            <Text className='field__label'>只在某个楼组讨论？（可不选）</Text>
            <View className='tiles'>
              {place.buildings.map((b) => (
                <View
                  key={b.id}
                  className={`tile ${buildingId === b.id ? 'tile--selected' : ''}`}
                  hoverClass='tile--pressed'
                  onClick={() => setBuildingId(buildingId === b.id ? null : b.id)}
                >
                  <Text>{b.name}</Text>
                </View>
              ))}
            </View>
          </View>
        )}
      </Section>

      <Section title='第二步：写清议题'>
        <Card>
          <View className='field' id='topic-question'>
            <Text className='field__label'>议题（要大家商量的问题）</Text>
            <Input
              className={`field__input ${errors.question ? 'field__input--error' : ''}`}
              value={question}
              maxlength={100}
              placeholder='例如：3号楼是否加装电梯'
              placeholderClass='field__placeholder'
              onInput={(e) => {
                setQuestion(e.detail.value)
                setErrors({ ...errors, question: undefined })
              }}
            />
            {errors.question && <Text className='field__error'>{errors.question}</Text>}
          </View>
          <View className='field' id='topic-background'>
            <Text className='field__label'>背景（可不填）</Text>
            <Textarea
              className='field__input field__textarea composer__textarea'
              value={background}
              maxlength={3000}
              placeholder='为什么要商量、现在的情况、有哪些方案和费用……'
              placeholderClass='field__placeholder'
              onInput={(e) => setBackground(e.detail.value)}
            />
          </View>
          <Picker className='picker-row' mode='date' value={closeDate ?? today} start={today} onChange={(e) => setCloseDate(String(e.detail.value))}>
            <View className='list-row'>
              <View className='list-row__main'>
                <Text className='list-row__label'>截止日期</Text>
                <Text className='list-row__hint'>到这天晚上结束讨论；不选就一直开放</Text>
              </View>
              <View className='list-row__value'>
                <Text className='filter-value'>{closeDate ?? '不设'}</Text>
                <Text className='list-row__arrow'>›</Text>
              </View>
            </View>
          </Picker>
          {closeDate && (
            <Text className='link' onClick={() => setCloseDate(null)}>
              不设截止日期
            </Text>
          )}
        </Card>
      </Section>

      {place && <Text className='hint'>发起范围：{where}</Text>}
      <Button loading={!!action.busy} onClick={submit}>
        发起议题
      </Button>
    </Page>
  )
}

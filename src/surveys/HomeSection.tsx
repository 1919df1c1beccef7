import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { SurveyListItem } from '@yishi/types'
import { Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { useMe } from '@/accounts/me'
import { useSession } from '@/accounts/session'
import { surveysApi } from './api'
import { SurveyCard } from './SurveyCard'
import { SURVEYS_TAB } from './routes'

/** 首页's "待填问卷": the surveys open to me that I have not answered, with how long each takes. */
export function SurveysHomeSection() {
  const me = useMe()
  const token = useSession((s) => s.token)
  const [items, setItems] = useState<SurveyListItem[] | null>(null)
  const [failed, setFailed] = useState(false)

  const load = async () => {
    if (!token || !me?.verified) return
    try {
      const page = await surveysApi.list({ open: true }, true)
      setItems(page.items.filter((i) => i.canAnswer))
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }
  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load()
  })

  return (
    <Section title='待填问卷'>
      {!me?.verified && <EmptyState title='认证住址后，可以在这里填写社区问卷' text='居委会发布问卷后会在这里提醒您。' />}
      {me?.verified && failed && !items && <EmptyState title='问卷没有加载出来' text='下拉页面可以重新加载。' />}
      {me?.verified && !failed && !items && <EmptyState title='正在加载…' />}
      {me?.verified && items && items.length === 0 && (
        <EmptyState title='暂时没有需要您填写的问卷' text='居委会发布问卷后会在这里提醒您。' />
      )}
      {items?.slice(0, 3).map((item) => (
        <SurveyCard key={item.id} item={item} userId={me?.id ?? null} verified={!!me?.verified} />
      ))}
      {me?.verified && (
        <Button kind='secondary' onClick={() => Taro.switchTab({ url: SURVEYS_TAB })}>
          全部问卷和调查结果
        </Button>
      )}
    </Section>
  )
}

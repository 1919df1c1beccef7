import Taro from '@tarojs/taro'
import { Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { useLoader } from '@/shared/hooks/useLoader'
import { useMe } from '@/accounts/me'
import { useSession } from '@/accounts/session'
import { surveysApi } from './api'
import { SurveyCard } from './SurveyCard'
import { SURVEYS_TAB } from './routes'

/** 首页's "待填问卷": the surveys open to me that I have not answered, with how long each takes. */
export function SurveysHomeSection() {
  const me = useMe()
  const token = useSession((s) => s.token)
  const load = useLoader(() => surveysApi.list({ open: true }, true).then((page) => page.items.filter((i) => i.canAnswer)), {
    enabled: !!token && !!me?.verified,
  })
  const items = load.data

  return (
    <Section title='待填问卷'>
      {!me?.verified && <EmptyState title='认证住址后，可以在这里填写社区问卷' text='居委会发布问卷后会在这里提醒您。' />}
      {me?.verified && <LoadState load={load} title='问卷没有加载出来' text='下拉页面可以重新加载。' retry={false} />}
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

import { Text, View } from '@tarojs/components'
import type { SupervisorCandidate } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { Button } from '@/shared/ui/Button'
import { Badge, Card } from '@/shared/ui/Card'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { affairsApi } from '@/affairs/api'

/** The committee appoints verified residents to the 居务监督委员会, and removes them. */
export default function SupervisorsPage() {
  const me = useMe()
  const allowed = isCommittee(me)
  const load = useLoader(() => affairsApi.candidates(true), { enabled: allowed })
  const { busy, run } = useAction()
  if (me && !allowed) return <PageNotice title='这里是居委会任命监督委员会成员的地方' text='您的账号没有居委会权限。' />

  const toggle = (c: SupervisorCandidate) =>
    run(
      String(c.userId),
      async () => {
        if (c.supervisorId === null) await affairsApi.appoint(c.userId)
        else await affairsApi.remove(c.supervisorId)
        await load.reload()
      },
      c.supervisorId === null
        ? { done: '已任命' }
        : { ask: { title: '免去这位成员？', content: `${c.buildingName} ${c.room} 将不再是居务监督委员会成员。`, confirmText: '免去' }, done: '已免去' },
    )

  const list = load.data
  const members = list?.filter((c) => c.supervisorId !== null) ?? []
  return (
    <Page>
      <Text className='hint'>居务监督委员会成员可以把公开不完整的记录标记出来。居民只看到成员的楼组（例如“3号楼居民”），看不到姓名和房号。</Text>
      <LoadState load={load} title='居民名单没有加载出来' text={load.error ?? undefined} />
      {list && list.length === 0 && <EmptyState title='本居民区还没有认证居民' />}
      {list && (
        <Card title={`现任成员（${members.length}）`}>
          <Text className='card__text'>{members.length === 0 ? '还没有任命成员。' : members.map((c) => `${c.buildingName} ${c.room}`).join('、')}</Text>
        </Card>
      )}
      {list?.map((c) => (
        <Card key={c.userId} title={`${c.buildingName} ${c.room}`} extra={c.supervisorId !== null ? <Badge tone='success'>监督委员会成员</Badge> : undefined}>
          <View className='btn-row'>
            <Button small kind={c.supervisorId === null ? 'primary' : 'secondary'} loading={busy === String(c.userId)} disabled={!!busy} onClick={() => void toggle(c)}>
              {c.supervisorId === null ? '任命为成员' : '免去'}
            </Button>
          </View>
        </Card>
      ))}
    </Page>
  )
}

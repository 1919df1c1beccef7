import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Fragment, useState } from 'react'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { useLoader } from '@/shared/hooks/useLoader'
import { detailUrl, proposalsApi } from '@/proposals/api'
import { categoryName, cosignProgress, deadlineText, stateLabel, STATE_VIEWS } from '@/proposals/labels'
import { StateBadge } from '@/proposals/ui'
import { useProposalAction } from '@/proposals/useProposalAction'
import { PANELS, visiblePanels } from './panels'

/** The committee's page for one proposal: what it is, and a panel for each step open to them now. */
export default function ManageProposalPage() {
  const id = Number(useRouter().params.id)
  const load = useLoader(() => proposalsApi.detail(id, true))
  const action = useProposalAction(load.reload)
  // Bumped after each action: every panel starts afresh for the proposal's new state.
  const [version, setVersion] = useState(0)

  if (!load.data) {
    return (
      <Page>
        <LoadState load={load} />
      </Page>
    )
  }
  const d = load.data
  if (!d.isCommittee) return <PageNotice title='只有本居民区居委会可以处理这条提案' />

  const run: typeof action.run = async (key, work, options) => {
    const done = await action.run(key, work, options)
    if (done) setVersion((v) => v + 1)
    return done
  }
  const panels = visiblePanels(d)
  const deadline = deadlineText(d)

  return (
    <Page>
      <Card tone={d.overdue ? 'danger' : 'accent'}>
        <View className='pcard__flags'>
          <StateBadge state={d.state} />
          {d.overdue && <Badge tone='danger'>已超期</Badge>}
          {d.enteredByStaff && <Badge tone='neutral'>居委会代录</Badge>}
        </View>
        <Text className='detail__title'>{d.title}</Text>
        <Text className='pcard__meta'>
          {categoryName(d.category)} · {d.unitLevelName} {d.unitName} · {d.authorLabel}
        </Text>
        <Text className='pcard__meta'>{cosignProgress(d.cosignCount, d.threshold).text}</Text>
        <Text className='card__note'>{STATE_VIEWS[d.state].text}</Text>
        {deadline && <Text className={`pcard__deadline ${d.overdue ? 'pcard__deadline--late' : ''}`}>{deadline}</Text>}
        {d.staffNote && <Text className='card__note'>代录备注：{d.staffNote}</Text>}
        <Text className='detail__body'>{d.body}</Text>
        <Button className='card__action' kind='plain' onClick={() => Taro.navigateTo({ url: detailUrl(d.id) })}>
          查看居民看到的页面
        </Button>
      </Card>

      <Fragment key={version}>
        {panels.map((key) => {
          const Panel = PANELS[key]
          return <Panel key={key} d={d} run={run} busy={action.busy} />
        })}
      </Fragment>
      {!panels.length && <EmptyState title={`这条提案${stateLabel(d.state)}，没有需要居委会处理的事`} />}
    </Page>
  )
}
